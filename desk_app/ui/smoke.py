"""``desk-app smoke``: the built program proves itself on a PC (and in the bundle's test):
it opens the window on a fresh data folder, records a sample dossier with a digitised page
(``services.self_check``; signed with the officer's certificate when one is given), renders
its receipt in the preview as the officer would see it, writes the PDF and exits 0."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desk_app.domain.errors import DeskError
from desk_app.services.desk import Desk
from desk_app.services.digitisation import SignIdentity
from desk_app.services.self_check import SampleDossier, record_sample
from desk_app.ui.intake.receipt_preview_dialog import ReceiptPreviewDialog
from desk_app.ui.main import create_application, show_window

log = logging.getLogger(__name__)
TIMEOUT_S = 120


def run_smoke(
    desk: Desk, out: Path, signer: SignIdentity | None = None, scanner: str | None = None
) -> int:
    """0 when the window opened, the sample dossier and its page were stored (the page
    signed with ``signer``, if given; scanned on ``scanner``, if given: a device name, or
    "" for the first found) and its receipt rendered and was written to ``out``."""
    from desk_app.services.addresses import SAMPLE_OLD_ADDRESS, suggest_new_address

    address = suggest_new_address(SAMPLE_OLD_ADDRESS)  # the 2025 tables are in the program
    if address is None:
        return _failed(f"the 2025 address tables did not convert {SAMPLE_OLD_ADDRESS!r}")
    app = create_application()
    window = show_window(desk)
    shown: list[tuple[SampleDossier, ReceiptPreviewDialog]] = []
    failures: list[BaseException] = []

    def preview(sample: SampleDossier) -> None:
        dialog = ReceiptPreviewDialog(
            sample.receipt, sample.code, desk.receipts, window.runner, window
        )
        dialog.show()
        shown.append((sample, dialog))

    # On the database lane, as the officer's save is.
    window.runner.submit(lambda: record_sample(desk, signer, scanner), preview, failures.append)
    try:
        deadline = time.monotonic() + TIMEOUT_S
        while not failures and not (shown and shown[0][1].rendered):
            if time.monotonic() > deadline:
                return _failed(f"no receipt rendered in {TIMEOUT_S} s")
            app.processEvents()
            time.sleep(0.02)
        if failures:
            if isinstance(failures[0], DeskError):
                raise failures[0]  # the officer's mistake (a wrong passphrase): its message
            return _failed("recording the sample dossier or its page failed", failures[0])
        sample, dialog = shown[0]
        dialog.close()
    finally:
        window.close()  # shuts the task runner down and closes the desk's connections
        QApplication.processEvents()
    out.write_bytes(sample.receipt)
    signed = f", signed by {sample.signed_by}" if sample.signed_by else ""
    if sample.scanned_on:
        signed = f", scanned on {sample.scanned_on}" + signed
    print(
        f"smoke: {window.windowTitle()}; paper stored ({sample.pages} page, "
        f"{sample.paper_bytes // 1024} KB{signed}); receipt {sample.code} rendered, "
        f"written to {out}; old address now {address.new}"
    )
    return 0


def _failed(what: str, err: BaseException | None = None) -> int:
    log.error("smoke: %s", what, exc_info=err)
    return 1
