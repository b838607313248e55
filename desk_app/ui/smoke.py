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
    shown: list[tuple[str, bytes, ReceiptPreviewDialog]] = []
    failures: list[BaseException] = []

    def record() -> tuple[str, bytes]:  # the database lane, as the officer's save is
        desk.demo.create(1, seed=2026)
        code = desk.dossiers.search("", limit=1)[0].code
        return code, desk.receipts.render(desk.receipts.load(code))

    def preview(made: tuple[str, bytes]) -> None:
        code, pdf = made
        dialog = ReceiptPreviewDialog(pdf, code, desk.receipts, window.runner, window)
        dialog.show()
        shown.append((code, pdf, dialog))

    window.runner.submit(record, preview, failures.append)
    try:
        deadline = time.monotonic() + TIMEOUT_S
        while not failures and not (shown and shown[0][2].rendered):
            if time.monotonic() > deadline:
                log.error("smoke: no receipt rendered in %s s", TIMEOUT_S)
                return 1
            app.processEvents()
            time.sleep(0.02)
        if failures:
            log.error("smoke: recording the sample dossier failed", exc_info=failures[0])
            return 1
        code, pdf, dialog = shown[0]
        dialog.close()
    finally:
        window.close()  # shuts the task runner down and closes the desk's connections
        QApplication.processEvents()
    out.write_bytes(pdf)
    print(f"smoke: {window.windowTitle()}; receipt {code} rendered, written to {out}")
    return 0
