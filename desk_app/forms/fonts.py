"""The bundled OFL font (Noto Serif), registered once with reportlab."""

from __future__ import annotations

import threading

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desk_app.resources import resource

FAMILY = "NotoSerif"
_FILES = {
    (0, 0): ("NotoSerif", "NotoSerif-Regular.ttf"),
    (1, 0): ("NotoSerif-Bold", "NotoSerif-Bold.ttf"),
    (0, 1): ("NotoSerif-Italic", "NotoSerif-Italic.ttf"),
    (1, 1): ("NotoSerif-BoldItalic", "NotoSerif-BoldItalic.ttf"),
}
_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the family (idempotent, thread-safe) and return its name."""
    global _registered
    with _lock:
        if not _registered:
            # Binary streams: smaller PDFs, and no ASCII85 pass over every font subset.
            rl_config.useA85 = 0
            for (bold, italic), (name, filename) in _FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
                addMapping(FAMILY, bold, italic, name)
            _registered = True
    return FAMILY
