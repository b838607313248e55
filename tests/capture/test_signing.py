"""Officer signatures: PKCS#12 file and a real PKCS#11 token; checked with pyHanko."""

from __future__ import annotations

import io
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pikepdf.pdfa
import pytest

from bench.corpus import text_page
from desk_app.capture.cleanup import clean
from desk_app.capture.errors import SigningError
from desk_app.capture.page import ColourMode, RawPage
from desk_app.capture.pdf import PdfMeta, build_pdf
from desk_app.capture.signing import (
    Pkcs12Identity,
    TokenIdentity,
    sign_pdf,
    signer_name,
    verify,
)
from desk_app.domain.calendar import VN_TZ
from tests.capture.certs import OfficerCert, make_officer

NOW = datetime.now(VN_TZ).replace(microsecond=0)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    page = clean(RawPage(text_page().image, 300, "t"), ColourMode.BW)
    meta = PdfMeta("Tờ khai", "000.00.27.H12-260304-0001", "Tờ khai", "Nguyễn Thị Hoa", NOW)
    return build_pdf([page], meta)


def _top_left_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "signed.pdf"
    path.write_bytes(data)
    # The top-left 300 × 80 pt of page 1, as poppler extracts it.
    out = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-x", "0", "-y", "0", "-W", "300", "-H", "80",
         "-r", "72", str(path), "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return out.stdout


def test_pkcs12_signature_is_valid_trusted_and_visible_top_left(
    pdf: bytes, officer: OfficerCert, tmp_path: Path
) -> None:
    signed = sign_pdf(pdf, Pkcs12Identity(officer.p12, officer.passphrase), when=NOW)
    [check] = verify(signed, [officer.root_pem])
    assert (check.intact, check.valid, check.trusted, check.covers_whole_file) == (
        True, True, True, True,
    )  # fmt: skip
    assert check.signer == "Nguyễn Thị Hoa"
    stamp = _top_left_text(signed, tmp_path)
    assert "Ký số bởi: Nguyễn Thị Hoa" in stamp
    assert f"Thời gian: {NOW:%d/%m/%Y %H:%M}" in stamp
    assert signed.startswith(pdf)  # an incremental update: the PDF/A file is untouched
    # pikepdf's PDF/A validator passes the unsigned file and can only say of the signed
    # one that it does not judge signature forms (/AcroForm); nothing else is reported.
    findings = pikepdf.pdfa.validate_written(io.BytesIO(signed), "2b").findings
    assert [f.rule for f in findings] == ["pikepdf:schema-Catalog"]
    assert "/AcroForm" in str(findings[0])


def test_a_changed_byte_breaks_the_signature(pdf: bytes, officer: OfficerCert) -> None:
    signed = bytearray(sign_pdf(pdf, Pkcs12Identity(officer.p12, officer.passphrase), when=NOW))
    at = len(pdf) // 2  # inside the signed image data
    signed[at] ^= 0xFF
    [check] = verify(bytes(signed), [officer.root_pem])
    assert not check.intact


def test_an_unknown_root_is_not_trusted(pdf: bytes, officer: OfficerCert, tmp_path: Path) -> None:
    signed = sign_pdf(pdf, Pkcs12Identity(officer.p12, officer.passphrase), when=NOW)
    other = make_officer(tmp_path, "Người khác")
    [check] = verify(signed, [other.root_pem])
    assert check.intact and not check.trusted


def test_wrong_passphrase_missing_file_and_expired_certificate(
    pdf: bytes, officer: OfficerCert, tmp_path: Path
) -> None:
    with pytest.raises(SigningError, match="sai mật khẩu"):
        sign_pdf(pdf, Pkcs12Identity(officer.p12, "sai"), when=NOW)
    with pytest.raises(SigningError, match="Không tìm thấy tệp"):
        sign_pdf(pdf, Pkcs12Identity(tmp_path / "khong.p12", "x"), when=NOW)
    old = make_officer(
        tmp_path, "Cán bộ cũ", valid_from=datetime.now(UTC) - timedelta(days=800), days=365
    )
    with pytest.raises(SigningError, match="không còn hiệu lực"):
        sign_pdf(pdf, Pkcs12Identity(old.p12, old.passphrase), when=NOW)


def test_usb_token_signature_through_real_pkcs11(
    pdf: bytes, officer: OfficerCert, token: TokenIdentity, tmp_path: Path
) -> None:
    assert signer_name(token) == "Nguyễn Thị Hoa"
    signed = sign_pdf(pdf, token, when=NOW)
    [check] = verify(signed, [officer.root_pem])
    assert check.intact and check.valid and check.trusted
    assert "Ký số bởi: Nguyễn Thị Hoa" in _top_left_text(signed, tmp_path)


def test_wrong_pin_and_missing_token(pdf: bytes, token: TokenIdentity) -> None:
    with pytest.raises(SigningError, match="PIN"):
        sign_pdf(pdf, TokenIdentity(token.module, token.token_label, "000000", "officer"), when=NOW)
    with pytest.raises(SigningError, match="Hãy cắm token"):
        sign_pdf(pdf, TokenIdentity(token.module, "khong-co", token.pin, "officer"), when=NOW)
