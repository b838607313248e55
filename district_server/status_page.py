"""The public status page behind the receipt's QR: ``/tra-cuu/<code>?k=<secret>``.

Small, Vietnamese, readable on a phone. The secret is checked against its hash; a wrong
secret answers exactly like an unknown code. No personal data but the masked name.
"""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from html import escape
from typing import Any

from desk_app.domain.dossier import Status, is_late
from district_server.limits import WindowLimiter
from district_server.store import lookup_hash

RATE_LIMIT = 30  # requests per client address per minute

_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tra cứu hồ sơ</title>
<style>
body{{font-family:system-ui,"Noto Sans",sans-serif;margin:0;padding:16px;background:#f6f6f4;color:#222}}
main{{max-width:34rem;margin:auto;background:#fff;border-radius:8px;padding:16px 20px}}
h1{{font-size:1.25rem;margin:0 0 12px}} dt{{color:#666;font-size:.9rem;margin-top:10px}}
dd{{margin:2px 0 0;font-size:1.05rem}} .late{{color:#b00020;font-weight:600}}
.ok{{color:#1b6e20;font-weight:600}} footer{{color:#777;font-size:.8rem;margin-top:16px}}
</style></head><body><main>{body}<footer>Bộ phận Một cửa · tra cứu tình trạng hồ sơ</footer></main></body></html>"""


class RateLimiter:
    """Per client address; addresses are forgotten a minute after their last lookup, and
    at most ``limits.WindowLimiter``'s bound are remembered at once."""

    def __init__(self, per_minute: int = RATE_LIMIT) -> None:
        self._window = WindowLimiter(per_minute, None, 60)

    def __len__(self) -> int:
        return len(self._window)

    def allow(self, client: str) -> bool:
        return self._window.retry_after(client) == 0


def _when(text: str | None) -> str:
    """A time for the page; "—" for none, or for one that is no time (a desk's signed
    token says what the desk wrote, which the server has not checked)."""
    try:
        return datetime.fromisoformat(text).strftime("%H:%M ngày %d/%m/%Y") if text else "—"
    except (ValueError, TypeError):
        return "—"


def not_found() -> str:
    return _PAGE.format(
        body="<h1>Không tìm thấy hồ sơ</h1><p>Không có hồ sơ với mã và khóa tra cứu này. "
        "Hãy quét lại mã QR trên Giấy tiếp nhận hồ sơ, hoặc liên hệ Bộ phận Một cửa.</p>"
    )


def too_many() -> str:
    return _PAGE.format(body="<h1>Tra cứu quá nhiều lần</h1><p>Hãy thử lại sau một phút.</p>")


def not_yet_sent(claims: dict[str, str], code: str) -> str:
    body = (
        f"<h1>Hồ sơ {escape(code)}</h1>"
        "<p>Hồ sơ đã được tiếp nhận tại Bộ phận Một cửa của xã nhưng <b>chưa được chuyển lên "
        "hệ thống</b> (quầy chưa có kết nối). Tình trạng sẽ hiện ở đây khi dữ liệu được gửi.</p>"
        f"<dl><dt>Ngày nhận</dt><dd>{_when(claims.get('r'))}</dd>"
        f"<dt>Hẹn trả kết quả</dt><dd>{_when(claims.get('a'))}</dd>"
        f"<dt>Mã thủ tục</dt><dd>{escape(claims.get('p', ''))}</dd></dl>"
    )
    return _PAGE.format(body=body)


def page(dossier: dict[str, Any] | None, code: str, secret: str) -> str | None:
    """The page, or None when the code is unknown or the secret wrong (the same answer)."""
    if dossier is None:
        lookup_hash(secret)  # the same work either way
        return None
    if not hmac.compare_digest(dossier["lookup_sha256"], lookup_hash(secret)):
        return None
    status = Status(int(dossier["status"]))
    now = datetime.now(UTC)
    settled = datetime.fromisoformat(dossier["settled_at"]) if dossier["settled_at"] else None
    late = is_late(status, datetime.fromisoformat(dossier["deadline_at"]), settled, now)
    timeliness = '<dd class="late">Quá hạn</dd>' if late else '<dd class="ok">Trong hạn</dd>'
    body = (
        f"<h1>Hồ sơ {escape(code)}</h1><dl>"
        f"<dt>Thủ tục</dt><dd>{escape(dossier['procedure_name'])}</dd>"
        f"<dt>Người nộp</dt><dd>{escape(dossier['applicant_masked'])}</dd>"
        f"<dt>Ngày nhận</dt><dd>{_when(dossier['received_at'])}</dd>"
        f"<dt>Hẹn trả kết quả</dt><dd>{_when(dossier['due_at'])}</dd>"
        f"<dt>Tình trạng</dt><dd>{escape(status.label)}</dd>"
        f"<dt>Tiến độ</dt>{timeliness}</dl>"
    )
    return _PAGE.format(body=body)
