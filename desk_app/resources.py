"""Where the bundled resources (fonts, catalogue, demo data) are.

In a checkout or an editable install: ``resources/`` beside the package. In a
PyInstaller bundle: ``resources/`` inside the bundle's folder (``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return base / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
