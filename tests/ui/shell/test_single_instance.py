"""Issue 26, 8: a second start on the same data folder brings the first window forward and
ends; another folder, or the folder once the first has closed, starts normally. The second
start is a real second process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desk_app.ui.shell.single_instance import claim

SECOND = """
import sys
from pathlib import Path
from desk_app.ui.main import another_window_has, create_application
create_application(["second"])
sys.exit(3 if another_window_has(Path(sys.argv[1])) else 0)
"""


def _second_start(folder: Path) -> subprocess.Popen[str]:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": os.getcwd()}
    return subprocess.Popen(
        [sys.executable, "-c", SECOND, str(folder)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_second_start_on_the_folder_brings_the_first_forward(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    holder = claim(folder)
    assert holder is not None
    try:
        with qtbot.waitSignal(holder.raise_requested, timeout=20_000):
            second = _second_start(folder)
            qtbot.waitUntil(lambda: second.poll() is not None, timeout=20_000)
        assert second.returncode == 3
        assert "đưa lên trước" in (second.stderr.read() if second.stderr else "")
        other = _second_start(tmp_path / "other")  # another folder: its own window
        assert other.wait(timeout=20) == 0
    finally:
        holder.release()
    again = claim(folder)  # the first has closed: the folder is free
    assert again is not None
    again.release()
