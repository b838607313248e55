"""The digitising officer's digital signature on each copy (PAdES, with pyHanko).

The key is in a PKCS#12 file or on a PKCS#11 USB token (what Vietnamese officers are
issued). The signature is visible at the top left of page 1 and names the officer and the
time, as Circular 01/2023 asks. It is an incremental update, so the PDF/A-2b file it signs
stays as it was. ``verify`` checks a signed file the way a receiving system would.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from desk_app.capture.errors import SigningError
from desk_app.resources import resource

STAMP_WIDTH = 230  # points; the top-left corner of page 1, inside a normal margin
STAMP_HEIGHT = 46
_MARGIN = 8
FIELD_NAME = "ChuKySo"


@dataclass(frozen=True)
class Pkcs12Identity:
    path: Path
    passphrase: str = field(default="", repr=False)


@dataclass(frozen=True)
class TokenIdentity:
    """A key on a PKCS#11 token: the vendor's module (``.so``/``.dll``), the token, the PIN."""

    module: Path
    token_label: str
    pin: str = field(default="", repr=False)
    key_label: str | None = None


SignIdentity = Pkcs12Identity | TokenIdentity


@dataclass(frozen=True)
class SignatureCheck:
    signer: str
    signed_at: datetime | None
    intact: bool  # the bytes signed are the bytes in the file
    valid: bool  # the signature is cryptographically sound
    trusted: bool  # the certificate chains to one of the given roots
    covers_whole_file: bool


def sign_pdf(
    data: bytes,
    identity: SignIdentity,
    *,
    when: datetime,
    reason: str = "Số hóa từ bản giấy",
    location: str = "",
) -> bytes:
    """``data`` signed by ``identity``, with the visible stamp on page 1."""
    if isinstance(identity, Pkcs12Identity):
        signer = _pkcs12_signer(identity)
        return _sign(data, signer, when=when, reason=reason, location=location)
    from pyhanko.sign import pkcs11

    session = _open_token(identity)
    try:
        token_signer = pkcs11.PKCS11Signer(
            session,
            key_label=identity.key_label,
            cert_label=identity.key_label,
        )
        return _sign(data, token_signer, when=when, reason=reason, location=location)
    except SigningError:
        raise
    except Exception as err:  # the token library's own errors are many and undocumented
        raise SigningError(
            f"USB token không ký được ({type(err).__name__}). Hãy rút ra cắm lại và thử lại."
        ) from err
    finally:
        session.close()


def signer_name(identity: SignIdentity) -> str:
    """The certificate's common name (what the stamp will show)."""
    if isinstance(identity, Pkcs12Identity):
        cert = _pkcs12_signer(identity).signing_cert
    else:
        from pyhanko.sign import pkcs11

        session = _open_token(identity)
        try:
            cert = pkcs11.PKCS11Signer(
                session, key_label=identity.key_label, cert_label=identity.key_label
            ).signing_cert
        finally:
            session.close()
    return _common_name(cert)


def _pkcs12_signer(identity: Pkcs12Identity):  # type: ignore[no-untyped-def]
    from pyhanko.sign import signers

    if not identity.path.is_file():
        raise SigningError(f"Không tìm thấy tệp chứng thư số {identity.path.name}.")
    try:
        signer = signers.SimpleSigner.load_pkcs12(  # type: ignore[no-untyped-call]
            str(identity.path), passphrase=identity.passphrase.encode("utf-8") or None
        )
    except Exception as err:  # cryptography raises ValueError for a wrong passphrase
        signer = None
        cause: Exception | None = err
    else:
        cause = None
    if signer is None:
        raise SigningError(
            f"Không mở được chứng thư số {identity.path.name}: sai mật khẩu hoặc tệp hỏng."
        ) from cause
    return signer


def _open_token(identity: TokenIdentity):  # type: ignore[no-untyped-def]
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11

    if not identity.module.is_file():
        raise SigningError(
            f"Không tìm thấy trình điều khiển USB token ({identity.module.name}). "
            "Hãy cài phần mềm của nhà cung cấp chữ ký số."
        )
    try:
        return pkcs11.open_pkcs11_session(
            str(identity.module),
            token_criteria=TokenCriteria(label=identity.token_label),
            user_pin=identity.pin,
        )
    except Exception as err:
        text = f"{type(err).__name__} {err}".lower()
        if "pin" in text:
            message = "Mã PIN của USB token không đúng."
        else:
            message = f"Không tìm thấy USB token “{identity.token_label}”. Hãy cắm token vào máy."
        raise SigningError(message) from err


def _common_name(cert) -> str:  # type: ignore[no-untyped-def]
    subject = cert.subject.native
    return str(subject.get("common_name") or cert.subject.human_friendly)


def _sign(data: bytes, signer, *, when: datetime, reason: str, location: str) -> bytes:  # type: ignore[no-untyped-def]
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    cert = signer.signing_cert
    if cert is None:
        raise SigningError("Chứng thư số không có chứng chỉ của người ký.")
    not_after = cert.not_valid_after
    not_before = cert.not_valid_before
    if not (not_before <= when <= not_after):
        raise SigningError(
            f"Chứng thư số của {_common_name(cert)} không còn hiệu lực "
            f"(hiệu lực {not_before:%d/%m/%Y} – {not_after:%d/%m/%Y})."
        )
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    page = writer.root["/Pages"]["/Kids"][0]
    box = [float(v) for v in page["/MediaBox"]]
    top = box[3] - _MARGIN
    field_box = (
        int(box[0] + _MARGIN),
        int(top - STAMP_HEIGHT),
        int(box[0] + _MARGIN + STAMP_WIDTH),
        int(top),
    )
    style = TextStampStyle(
        stamp_text=(
            f"Ký số bởi: %(signer)s\nThời gian: {when:%d/%m/%Y %H:%M}\n{reason.replace('%', '%%')}"
        ),
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(str(_stamp_font())),
            font_size=7,
        ),
        border_width=1,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=reason,
        location=location or None,
        name=_common_name(cert),
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        tight_size_estimates=True,  # reserve what the signature needs, not 16 KB of zeros
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=0, box=field_box),
    )
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out)
    return out.getvalue()


# Latin, Vietnamese letters and marks, and the punctuation of a stamp.
_STAMP_CHARS = (
    "".join(
        chr(c)
        for start, end in ((0x20, 0x7F), (0xA0, 0x250), (0x300, 0x330), (0x1EA0, 0x1F00))
        for c in range(start, end)
    )
    + "–—‘’“”…•·"
)


@lru_cache(maxsize=1)
def _stamp_font() -> Path:
    """The bundled font cut down to Vietnamese once per process: pyHanko subsets the font
    for every signature, and the whole Noto Serif takes 0.4 s to subset, this 0.05 s."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]
    options.notdef_outline = True
    options.hinting = False  # a stamp is printed and zoomed, never rasterised at 8 px
    font = TTFont(str(resource("fonts", "NotoSerif-Regular.ttf")))
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=_STAMP_CHARS)
    subsetter.subset(font)
    folder = Path(tempfile.mkdtemp(prefix="desk-app-font-"))
    path = folder / "NotoSerif-Stamp.ttf"
    font.save(str(path))
    return path


def verify(data: bytes, trust_roots: list[bytes]) -> list[SignatureCheck]:
    """Every signature of ``data``, checked against ``trust_roots`` (DER or PEM)."""
    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = []
    for raw in trust_roots:
        der = pem.unarmor(raw)[2] if pem.detect(raw) else raw
        roots.append(x509.Certificate.load(der))
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    reader = PdfFileReader(io.BytesIO(data))
    checks: list[SignatureCheck] = []
    for embedded in reader.embedded_signatures:
        status = validate_pdf_signature(embedded, context)
        checks.append(
            SignatureCheck(
                signer=_common_name(status.signing_cert),
                signed_at=status.signer_reported_dt,
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                covers_whole_file=status.coverage is not None
                and status.coverage.name == "ENTIRE_FILE",
            )
        )
    return checks
