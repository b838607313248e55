"""The self-check behind ``desk-app smoke``: a sample dossier whose page went through the
whole digitisation (import, clean-up, PDF/A, storage, signature) and whose receipt renders."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from desk_app.capture.errors import SigningError
from desk_app.services.desk import Desk
from desk_app.services.digitisation import Pkcs12Identity
from desk_app.services.self_check import LINES, record_sample, sample_paper
from tests.capture.certs import OfficerCert
from tests.pdf_tools import pdf_signatures, pdf_text


def test_the_sample_page_is_stored_clean_and_signed(desk: Desk, officer: OfficerCert) -> None:
    sample = record_sample(desk, Pkcs12Identity(officer.p12, officer.passphrase))
    assert sample.signed_by == officer.name and sample.pages == 1
    assert 5_000 < sample.paper_bytes < 60_000  # one B/W page (G4) and the signature
    assert "GIẤY TIẾP NHẬN" in pdf_text(sample.receipt).upper()
    component = desk.digitisation.components(desk.digitisation.dossier_by_code(sample.code).id)[0]
    assert component.digitised
    stored = desk.digitisation.pdf(component.documents[0].document.id)
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        image = next(iter(pdf.pages[0].get_images().values()))
        assert image.BitsPerComponent == 1  # cleaned to black and white
    # Signed, as poppler's pdfsig (not the desk's own pyHanko check) reads the stored file.
    [signature] = pdf_signatures(stored)
    assert signature["Signer Certificate Common Name"] == officer.name
    assert signature["Signature Validation"] == "Signature is Valid."
    assert "Total document signed" in signature


def test_a_wrong_passphrase_is_the_officers_message_and_stores_no_page(
    desk: Desk, officer: OfficerCert
) -> None:
    with pytest.raises(SigningError, match="sai mật khẩu"):
        record_sample(desk, Pkcs12Identity(officer.p12, "không đúng"))
    code = desk.dossiers.search("", limit=1)[0].code
    components = desk.digitisation.components(desk.digitisation.dossier_by_code(code).id)
    assert not any(component.digitised for component in components)


def test_the_sample_page_is_a_grey_300_dpi_scan(tmp_path: Path) -> None:
    with Image.open(sample_paper(tmp_path)) as page:
        assert page.mode == "L" and page.size == (2480, 3508)
        assert round(page.info["dpi"][0]) == 300
    assert any("Nguyễn Thị Hoa" in line for line in LINES)
