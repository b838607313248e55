"""``desk-app`` as its launchers start it: the installed command, ``python -m desk_app``
and the frozen bundle (installer/entry.py).

Python's cyclic garbage collector is held off while the program loads: its thousand or
so modules allocate enough to set off collections that find nothing to free, about 40 ms
of processor time before the window's first paint (bench.startup). It is turned back on
as the command starts its work: at once for a headless command (``cli.main``), after the
first paint for the window (``ui.main.show_window``), and on the way out in any case.
"""

from __future__ import annotations

import gc


def main(argv: list[str] | None = None) -> int:
    gc.disable()
    try:
        from desk_app.cli.main import main as run

        return run(argv)
    finally:
        gc.enable()
