"""installer/hub_files.py: the hub's [Files] entries take each file the desk's bundle holds
byte for byte at the same place from the desk's bundle (Inno Setup then stores it once), and
the others from the hub's own bundle, in the same folders under {app}\\hub."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _hub_files() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hub_files", ROOT / "installer" / "hub_files.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def test_shared_files_come_from_the_desk_s_bundle(tmp_path: Path) -> None:
    desk, hub = tmp_path / "desk-app", tmp_path / "district-server"
    _write(desk / "_internal" / "python311.dll", b"the same runtime")
    _write(hub / "_internal" / "python311.dll", b"the same runtime")
    _write(desk / "_internal" / "base_library.zip", b"the desk's modules")
    _write(hub / "_internal" / "base_library.zip", b"the hub's modules")
    _write(hub / "_internal" / "tzdata" / "zoneinfo" / "UTC", b"TZif")
    _write(hub / "district-server.exe", b"MZ")
    assert _hub_files().entries(tmp_path) == [
        'Source: "{#Bundle}\\district-server\\_internal\\base_library.zip"; '
        'DestDir: "{app}\\hub\\_internal"; Tasks: communehub; Flags: ignoreversion',
        'Source: "{#Bundle}\\desk-app\\_internal\\python311.dll"; '
        'DestDir: "{app}\\hub\\_internal"; Tasks: communehub; Flags: ignoreversion',
        'Source: "{#Bundle}\\district-server\\_internal\\tzdata\\zoneinfo\\UTC"; '
        'DestDir: "{app}\\hub\\_internal\\tzdata\\zoneinfo"; Tasks: communehub; '
        "Flags: ignoreversion",
        'Source: "{#Bundle}\\district-server\\district-server.exe"; DestDir: "{app}\\hub"; '
        "Tasks: communehub; Flags: ignoreversion",
    ]
