"""``desk-app`` as launched: Python's garbage collector held off while the program loads,
on again for the command's work (a headless command) or after the window's first paint."""

from __future__ import annotations

import gc
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.launch import main


def test_the_collector_is_off_while_loading_and_on_again_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []

    def command(argv: list[str] | None) -> int:
        seen.append(gc.isenabled())
        raise SystemExit(2)  # (argparse's refusal: the collector comes back all the same)

    # (the module: the package desk_app.cli exports its function under the same name)
    monkeypatch.setattr(importlib.import_module("desk_app.cli.main"), "main", command)
    with pytest.raises(SystemExit):
        main(["gui"])
    assert seen == [False] and gc.isenabled()


def test_a_headless_command_works_with_the_collector_on(tmp_path: Path) -> None:
    """A real process through the launcher: the command's handler (here a stand-in that
    notes the collector's state) runs with the collector on."""
    code = (
        "import gc, importlib, sys\n"
        "m = importlib.import_module('desk_app.cli.main')\n"
        "seen = []\n"
        "real = m.parse\n"
        "def parse(argv):\n"
        "    args = real(argv)\n"
        "    args.handler = lambda a: seen.append(gc.isenabled()) or 0\n"
        "    return args\n"
        "m.parse = parse\n"
        "from desk_app.launch import main\n"
        "code = main(['audit-verify', '--data-dir', sys.argv[1]])\n"
        "print(seen, gc.isenabled(), code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.split() == ["[True]", "True", "0"], done.stderr[-2000:]
