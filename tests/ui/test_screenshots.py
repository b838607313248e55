"""README's screenshots, taken in a real window on Xvfb (``tests/ui/screenshots.py``).

They go to a temporary folder; with ``DESK_APP_SCREENSHOTS=docs/screenshots`` they replace
the ones README and docs/user-guide.md show."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from desk_app.ui.shell.main_window import PAGE_TOPICS

ROOT = Path(__file__).resolve().parents[2]
SHOTS = (*PAGE_TOPICS, "wizard")


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="scripts/test installs xvfb")
def test_screenshots_of_the_main_pages_in_a_real_window(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = Path(os.environ.get("DESK_APP_SCREENSHOTS") or tmp_path / "shots")
    env = {k: v for k, v in os.environ.items() if k not in {"QT_QPA_PLATFORM", "DISPLAY"}}
    taken = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, "-m",
         "tests.ui.screenshots", str(out)],
        cwd=ROOT, env=env | {"DESK_APP_DATA_DIR": str(tmp_path / "unused")},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert taken.returncode == 0, taken.stderr[-3000:]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in SHOTS:
        image = QImage(str(out / f"{name}.png"))
        assert not image.isNull(), name
        assert image.width() >= 700 and image.height() >= 500, name
        small = image.scaled(64, 40)
        colours = {small.pixel(x, y) for x in range(64) for y in range(40)}
        assert len(colours) > 20, f"{name}: the page looks blank"
        assert f"docs/screenshots/{name}.png" in readme or name == "wizard"
    guide = (ROOT / "docs" / "user-guide.md").read_text(encoding="utf-8")
    assert "screenshots/wizard.png" in guide
