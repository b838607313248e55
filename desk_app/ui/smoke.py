"""``desk-app smoke``: the built program proves itself on a PC (and in the bundle's test):
it opens the window on a fresh data folder, records a sample dossier, renders its receipt
in the preview as the officer would see it, writes the PDF and exits 0."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desk_app.services.desk import Desk
from desk_app.ui.main import create_application, show_window
from desk_app.ui.receipt_preview_dialog import ReceiptPreviewDialog

log = logging.getLogger(__name__)
TIMEOUT_S = 120


def run_smoke(desk: Desk, out: Path) -> int:
    """0 when the window opened and the receipt rendered and was written to ``out``."""
    app = create_application()
    window = show_window(desk)
    try:
        desk.demo.create(1, seed=2026)
        code = desk.dossiers.search("", limit=1)[0].code
        pdf = desk.receipts.render(desk.receipts.load(code))
        preview = ReceiptPreviewDialog(pdf, code, desk.receipts, window.runner, window)
        preview.show()
        deadline = time.monotonic() + TIMEOUT_S
        while not preview.rendered and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        if not preview.rendered:
            log.error("smoke: the receipt preview did not render in %s s", TIMEOUT_S)
            return 1
        out.write_bytes(pdf)
        print(f"smoke: {window.windowTitle()}; receipt {code} rendered, written to {out}")
        preview.close()
        return 0
    finally:
        window.close()  # shuts the task runner down and closes the desk's connections
        QApplication.processEvents()
