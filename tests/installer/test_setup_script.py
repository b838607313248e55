"""Issue 26 item 8: scripts/setup.sh's package step, with apt-get and dpkg-query replaced by
stand-ins on PATH that record their calls; ``apt-get update`` always fails."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, installed: set[str], wanted: list[str]) -> tuple[int, list[str]]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    (bin_dir / "dpkg-query").write_text(
        "#!/bin/sh\n"
        f'for p in {" ".join(installed) or "none"}; do [ "$3" = "$p" ] && '
        'printf "install ok installed" && exit 0; done; exit 1\n'
    )
    (bin_dir / "apt-get").write_text(
        f'#!/bin/sh\necho "apt-get $*" >> {calls}\n[ "$1" = update ] && exit 100\nexit 0\n'
    )
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    script = f"set -euo pipefail; . scripts/setup.sh; ensure_debian_packages {' '.join(wanted)}"
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=ROOT,
        env={"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return done.returncode, calls.read_text().splitlines() if calls.exists() else []


def test_nothing_missing_never_calls_apt(tmp_path: Path) -> None:
    code, calls = _run(tmp_path, {"qpdf", "cups-daemon"}, ["qpdf", "cups-daemon"])
    assert (code, calls) == (0, [])


def test_a_failing_update_does_not_stop_the_install(tmp_path: Path) -> None:
    code, calls = _run(tmp_path, {"qpdf"}, ["qpdf", "cups-daemon"])
    assert code == 0
    assert calls[0] == "apt-get update -qq" and "install" in calls[1] and "cups-daemon" in calls[1]
