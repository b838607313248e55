"""The hub's [Files] entries for installer/desk-app.iss (written to DIST/district-server-files.iss
by installer/build.sh with WITH_HUB=1 and by scripts/test-windows).

Most of the hub's bundle (the Python runtime, OpenSSL, cryptography, SQLite, tzdata: 32 of its
55 MB) is byte for byte in the desk's bundle too. Inno Setup stores a file once only when
entries name the same source (MergeDuplicateFiles), so each hub file that the desk's bundle
holds at the same place is taken from there: the installer grows by the hub's own files
only (19 MB otherwise, over the 60 MB goal).

    python installer/hub_files.py DIST
"""

import filecmp
import sys
from pathlib import Path, PureWindowsPath


def entries(dist: Path) -> list[str]:
    hub, desk = dist / "district-server", dist / "desk-app"
    lines = []
    for path in sorted(p for p in hub.rglob("*") if p.is_file()):
        relative = path.relative_to(hub)
        twin = desk / relative
        same = twin.is_file() and filecmp.cmp(path, twin, shallow=False)
        source = PureWindowsPath("desk-app" if same else "district-server", *relative.parts)
        folder = PureWindowsPath("{app}", "hub", *relative.parent.parts)
        lines.append(
            f'Source: "{{#Bundle}}\\{source}"; DestDir: "{folder}"; Tasks: communehub; '
            "Flags: ignoreversion"
        )
    return lines


if __name__ == "__main__":
    dist = Path(sys.argv[1])
    lines = entries(dist)
    (dist / "district-server-files.iss").write_text(
        "; made by installer/hub_files.py: the hub's files, shared ones from the desk's bundle\n"
        + "\n".join(lines)
        + "\n",
        encoding="utf-8-sig",
    )
    print(f"hub files: {len(lines)}, {sum('desk-app' in line for line in lines)} shared")
