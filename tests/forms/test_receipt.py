"""Form 01 on its own: data in, PDF out, read back."""

from __future__ import annotations

import subprocess
from datetime import datetime

import pytest

from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import Person
from desk_app.forms.qr import QrContent, lookup_url
from desk_app.forms.receipt import ReceiptComponent, ReceiptData, render_receipt_pdf
from tests.pdf_tools import pdf_pages, pdf_qr_codes, pdf_text

RECEIVED = datetime(2026, 3, 4, 9, 15, tzinfo=VN_TZ)
DUE = datetime(2026, 3, 6, 9, 15, tzinfo=VN_TZ)


def data(components: int = 2, **changes: object) -> ReceiptData:
    qr = QrContent(lookup_url("https://motcua.example.vn/", "X-260304-1001", "s3cr3t"),
                   "X-260304-1001", "2.001035", "001190012345",
                   "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "desk-app", RECEIVED, DUE)  # fmt: skip
    base = ReceiptData(
        parent_unit="UBND xã Minh Phú", unit="Bộ phận Một cửa",
        receiving_unit="Bộ phận Một cửa UBND xã Minh Phú", place="Minh Phú", number="7/TNHS",
        dossier_code="X-260304-1001",
        applicant=Person("Lương Thị Ánh Tuyết", "001190012345", None, "Nữ",
                         "Xóm Chùa, xã Minh Phú", "0912345678", ""),
        principal=None, authorisation="",
        procedure_name="Chứng thực hợp đồng, giao dịch liên quan đến tài sản",
        procedure_code="2.001035",
        components=tuple(ReceiptComponent(f"Giấy tờ số {i} — bản kê khai đầy đủ", "Bản sao", 1)
                         for i in range(1, components + 1)),
        sets_count=1, legal_time="2 ngày làm việc", received_at=RECEIVED, due_at=DUE,
        result_location="Bộ phận Một cửa", fee_text="50.000 đ", book_volume="2026", book_entry=7,
        officer_name="Nguyễn Thị Thu Hà", qr_payload=qr.payload(),
    )  # fmt: skip
    return ReceiptData(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def test_a5_option_prints_two_a5_copies() -> None:
    pdf = render_receipt_pdf(data(), paper="A5")
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    assert b"419.528 x 595.276 pts" in info  # A5
    assert pdf_pages(pdf) == 2
    assert "LƯƠNG THỊ ÁNH TUYẾT" in pdf_text(pdf)
    assert "MaHoSo: X-260304-1001" in pdf_qr_codes(pdf, dpi=300)[0]


def test_a_long_checklist_flows_onto_more_pages_and_keeps_every_paper() -> None:
    pdf = render_receipt_pdf(data(components=60))
    text = pdf_text(pdf)
    assert pdf_pages(pdf) >= 4  # each copy needs more than one page
    for i in (1, 30, 60):
        assert f"Giấy tờ số {i} —" in text
    assert text.count("NGƯỜI TIẾP NHẬN HỒ SƠ") == 2
    assert pdf_qr_codes(pdf) == [data().qr_payload]  # the QR stays on the first page, whole


def test_the_lookup_url_carries_code_and_secret_only() -> None:
    url = lookup_url("https://motcua.example.vn/", "000.00.31.H26-260304-1001", "a/b+c")
    assert url == "https://motcua.example.vn/tra-cuu/000.00.31.H26-260304-1001?k=a/b%2Bc"


def test_unknown_paper_size_is_refused() -> None:
    with pytest.raises(ValueError, match="A4 or A5"):
        render_receipt_pdf(data(), paper="Letter")
