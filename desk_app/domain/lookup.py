"""The public status-lookup address printed in every paper's QR (Circular 01/2023/TT-VPCP
Art. 26; issue 25 item 11): the base of ``<base>/tra-cuu/<code>?k=<secret>``.

It is the provincial one-stop system or the national portal where they offer look-up by
code, otherwise the district server. A citizen's phone opens it from the QR, over the
internet, so it must be ``https://`` (plain ``http://`` only for a server on this very
machine, 127.0.0.1, as in tests and demonstrations), a bare address (no ``?`` or ``#``: the
desk adds the path), and short: the QR stays small enough for any phone camera at 26 mm.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from desk_app.domain.errors import InvalidField

MAX_BASE_LENGTH = 80  # with a 27-character code and a 16-character secret: QR version ≤ 10


def validate_lookup_base(url: str, field: str = "lookup_base_url") -> str:
    """``url`` checked and without a trailing ``/``; ``InvalidField`` says what is wrong."""
    text = url.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InvalidField(
            f"Địa chỉ tra cứu «{text}» phải là địa chỉ web đầy đủ, bắt đầu bằng https://, "
            "ví dụ https://dichvucong.tinh.gov.vn.",
            field=field,
        )
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise InvalidField(
            f"Địa chỉ tra cứu «{text}» dùng http:// không mã hóa; điện thoại của công dân mở "
            "địa chỉ này qua internet, hãy dùng https://.",
            field=field,
        )
    if parts.query or parts.fragment or " " in text:
        raise InvalidField(
            "Địa chỉ tra cứu chỉ gồm phần gốc (không có dấu ? hay #); phần mềm tự thêm "
            "/tra-cuu/<mã hồ sơ>.",
            field=field,
        )
    if len(text) > MAX_BASE_LENGTH:
        raise InvalidField(
            f"Địa chỉ tra cứu dài quá {MAX_BASE_LENGTH} ký tự: mã QR sẽ quá dày để điện thoại "
            "đọc được.",
            field=field,
        )
    return text


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
