"""No module of the project is over 500 lines (issue 24): a room that has grown past one
purpose is split before the next feature lands on it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (
    "desk_app",
    "desk_protocol",
    "district_server",
    "bench",
    "tests",
    "installer",
    "scripts",
)
LIMIT = 500


def test_no_module_is_over_500_lines() -> None:
    modules = [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")]
    assert len(modules) > 300  # the walk found the project (not an empty folder)
    sizes = {p.relative_to(ROOT).as_posix(): len(p.read_bytes().splitlines()) for p in modules}
    over = {name: lines for name, lines in sizes.items() if lines > LIMIT}
    assert over == {}
