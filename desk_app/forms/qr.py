"""QR codes on issued papers (Circular 01/2023/TT-VPCP Art. 26) as vector flowables.

The payload's first line is the public status-lookup URL, so a phone camera opens it;
the following lines carry the minimum content the Circular asks for, one ``KEY: value``
per line. Only the URL reaches the server; it holds the dossier code and a random secret,
no personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import quote

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.units import mm
from reportlab.platypus import Flowable


@dataclass(frozen=True)
class QrContent:
    lookup_url: str
    dossier_code: str
    procedure_code: str
    id_number: str
    paper_name: str
    issuing_system: str
    issued_at: datetime
    due_at: datetime | None = None

    def payload(self) -> str:
        lines = [
            self.lookup_url,
            f"MaHoSo: {self.dossier_code}",
            f"MaTTHC: {self.procedure_code}",
            f"SoDinhDanh: {self.id_number}",
            f"GiayTo: {self.paper_name}",
            f"HeThong: {self.issuing_system}",
            f"ThoiGianCap: {self.issued_at:%Y-%m-%dT%H:%M%z}",
        ]
        if self.due_at is not None:
            lines.append(f"HenTra: {self.due_at:%Y-%m-%dT%H:%M%z}")
        return "\n".join(lines)


def lookup_url(base_url: str, dossier_code: str, secret: str, token: str = "") -> str:
    """``<base>/tra-cuu/<code>?k=<secret>[&t=<token>]``; the path part is URL-quoted."""
    url = f"{base_url.rstrip('/')}/tra-cuu/{quote(dossier_code, safe='')}?k={quote(secret)}"
    return f"{url}&t={quote(token)}" if token else url


@lru_cache(maxsize=8)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of ``data``'s QR code (with the 4-module quiet zone), made once per payload:
    both copies of a receipt share it, and choosing the mask is most of the work."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(data.encode("utf-8"))
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


class QrFlowable(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A QR code drawn as vector squares (sharp on any printer), ``size`` wide."""

    def __init__(self, data: str, size: float = 30 * mm) -> None:
        super().__init__()
        self.matrix = qr_matrix(data)
        self.size = size
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        n = len(self.matrix)
        cell = self.size / n
        canvas = self.canv
        canvas.setFillColorRGB(0, 0, 0)
        for y, row in enumerate(self.matrix):
            x = 0
            while x < n:  # one rectangle per run of dark modules keeps the PDF small
                if row[x]:
                    start = x
                    while x < n and row[x]:
                        x += 1
                    canvas.rect(
                        start * cell,
                        self.size - (y + 1) * cell,
                        (x - start) * cell,
                        cell,
                        stroke=0,
                        fill=1,
                    )
                else:
                    x += 1
