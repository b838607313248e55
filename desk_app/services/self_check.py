"""The installed program's self-check (``desk-app smoke``): on a fresh demo commune it
records a sample dossier, digitises a page drawn here as a flatbed would give it (file
import, clean-up, PDF/A, storage; signed and the signature checked when a certificate is
given) and renders the dossier's receipt. Every engine the bundle carries is used once."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from desk_app.capture.signing import SignIdentity
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


def record_sample(desk: Desk, signer: SignIdentity | None = None) -> SampleDossier:
    """The sample dossier with its first component digitised, and its receipt."""
    desk.demo.create(1, seed=2026)
    code = desk.dossiers.search("", limit=1)[0].code
    position = desk.digitisation.dossier_by_code(code).components[0].position
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
    )
