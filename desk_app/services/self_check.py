"""The installed program's self-check (``desk-app smoke``): on a fresh demo commune it
records a sample dossier, digitises a page drawn here as a flatbed would give it (file
import, clean-up, PDF/A, storage; signed and the signature checked when a certificate is
given) and renders the dossier's receipt. Every engine the bundle carries is used once.
With ``--scan`` the page comes from this PC's scanner instead (SANE on Linux, WIA on
Windows), through the same driver the scan panel uses."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from desk_app.capture.page import ColourMode, RawPage
from desk_app.capture.signing import SignIdentity
from desk_app.capture.sources.base import ScanRequest
from desk_app.domain.errors import DeskError
from desk_app.resources import resource

if TYPE_CHECKING:
    from desk_app.services.desk import Desk

LINES = (
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "TỜ KHAI (trang thử của quầy một cửa)",
    "Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Hoa",
    "Nơi cư trú: thôn Đông, xã Mẫu, tỉnh Mẫu",
)


@dataclass(frozen=True)
class SampleDossier:
    code: str
    receipt: bytes  # the receipt's PDF
    pages: int  # of the digitised copy
    paper_bytes: int
    signed_by: str
    scanned_on: str = ""  # the scanner's label when the page was scanned


def sample_paper(folder: Path) -> Path:
    """A page as a flatbed gives it: A4 grey at 300 dpi, a few lines, turned 1.5°."""
    page = Image.new("L", (2480, 3508), 236)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(resource("fonts", "NotoSerif-Regular.ttf")), 50)
    for row, line in enumerate(LINES):
        draw.text((250, 300 + row * 110), line, fill=25, font=font)
    path = folder / "trang-thu.png"
    page.rotate(1.5, fillcolor=236).save(path, dpi=(300, 300))
    return path


def scanned_page(desk: Desk, scanner: str) -> tuple[RawPage, str]:
    """One flatbed page from ``scanner`` (a device name; "" for the first one found) and
    the scanner's label."""
    devices = desk.digitisation.scanners()
    if not devices:
        raise DeskError("Không thấy máy quét nào: kiểm tra cáp, nguồn và trình điều khiển.")
    chosen = [d for d in devices if d.name == scanner] if scanner else devices[:1]
    if not chosen:
        names = ", ".join(d.name for d in devices)
        raise DeskError(f"Không có máy quét «{scanner}». Máy này thấy: {names}.")
    batch = desk.digitisation.scan(chosen[0], ScanRequest(feeder=False))
    if batch.error is not None or not batch.pages:
        raise DeskError(batch.message)
    return batch.pages[0], chosen[0].label


def record_sample(
    desk: Desk, signer: SignIdentity | None = None, scanner: str | None = None
) -> SampleDossier:
    """The sample dossier with its first component digitised, and its receipt. With
    ``scanner`` (a device name, or "" for the first found) the page is scanned."""
    desk.demo.create(1, seed=2026)
    code = desk.dossiers.search("", limit=1)[0].code
    position = desk.digitisation.dossier_by_code(code).components[0].position
    scanned_on = ""
    if scanner is not None:  # as the scan panel stores it; an empty glass is kept too
        page, scanned_on = scanned_page(desk, scanner)
        cleaned = desk.digitisation.prepare([page], ColourMode.GREY)
        dossier_id = desk.digitisation.dossier_by_code(code).id
        stored = desk.digitisation.digitise(
            dossier_id, position, cleaned, signer=signer, keep_blank=True
        )
    else:
        with tempfile.TemporaryDirectory() as folder:
            stored = desk.digitisation.digitise_files(
                code, position, [sample_paper(Path(folder))], signer=signer
            )
    if stored.signed_by:
        checks = desk.digitisation.check_signatures(stored.id, trust_roots=[])
        if not checks or not all(check.intact and check.valid for check in checks):
            raise DeskError("Chữ ký số trên trang thử không kiểm tra được.")
    return SampleDossier(
        code=code,
        receipt=desk.receipts.render(desk.receipts.load(code)),
        pages=stored.pages or 0,
        paper_bytes=len(desk.digitisation.pdf(stored.id)),
        signed_by=stored.signed_by,
        scanned_on=scanned_on,
    )
