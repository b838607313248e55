"""The district (province) view: communes and desks with last contact and backlog, and a
search over the dossiers received. For the administrator (HTTP Basic, token from
``district-server admin-token``)."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from desk_app.domain.dossier import Status

_PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;margin:16px;color:#222}}
table{{border-collapse:collapse;width:100%}}th,td{{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left}}
th{{background:#f3f3f3}}.stale{{color:#b00020}}form{{margin:12px 0}}</style></head>
<body><h1>{title}</h1>{body}</body></html>"""


def _since(value: datetime | None, now: datetime) -> str:
    if value is None:
        return '<span class="stale">chưa kết nối</span>'
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    hours = (now - value).total_seconds() / 3600
    text = value.astimezone(UTC).strftime("%H:%M %d/%m/%Y UTC")
    return f'<span class="stale">{text}</span>' if hours > 24 else text


def _money(amount: int) -> str:
    return f"{amount:,} đ".replace(",", ".")


def fees_table(totals: list[dict[str, Any]]) -> str:
    """Fees per commune and day (cash, transfer, receipts, voided)."""
    rows = "".join(
        f"<tr><td>{escape(t['day'])}</td><td>{escape(t['commune_code'])}</td>"
        f"<td>{_money(t['cash'])}</td><td>{_money(t['transfer'])}</td>"
        f"<td>{_money(t['cash'] + t['transfer'])}</td><td>{t['receipts']}</td>"
        f"<td>{t['voided']}</td></tr>"
        for t in totals
    )
    return (
        "<h2>Phí, lệ phí theo xã và ngày</h2><table><tr><th>Ngày</th><th>Xã</th>"
        "<th>Tiền mặt</th><th>Chuyển khoản</th><th>Cộng</th><th>Biên lai</th>"
        f"<th>Đã hủy</th></tr>{rows}</table>"
    )


def desks_page(
    desks: list[dict[str, Any]],
    query: str,
    found: list[dict[str, Any]],
    fees: list[dict[str, Any]] | None = None,
) -> str:
    now = datetime.now(UTC)
    rows = "".join(
        f"<tr><td>{escape(d['commune_code'])}</td><td>{d['desk_number']}</td>"
        f"<td>{_since(d['last_contact_at'], now)}</td><td>{d['acked'] or 0}</td>"
        f"<td>{'—' if d['backlog'] is None else d['backlog']}</td>"
        f"<td>{'thu hồi' if d['revoked_at'] else 'hoạt động'}</td></tr>"
        for d in desks
    )
    table = (
        "<h2>Các quầy</h2><table><tr><th>Xã</th><th>Quầy</th><th>Kết nối gần nhất</th>"
        "<th>Đã nhận đến mục</th><th>Còn chờ ở quầy</th><th>Trạng thái</th></tr>"
        f"{rows}</table>"
    )
    search = (
        '<h2>Tìm hồ sơ</h2><form method="get"><input name="q" value="'
        f'{escape(query)}" placeholder="mã hồ sơ hoặc thủ tục"> <button>Tìm</button></form>'
    )
    if query:
        hits = "".join(
            f"<tr><td>{escape(h['code'])}</td><td>{escape(h['procedure_name'])}</td>"
            f"<td>{escape(h['applicant_masked'])}</td><td>{escape(h['commune_code'])} / "
            f"{h['desk_number']}</td><td>{escape(Status(int(h['status'])).label)}</td></tr>"
            for h in found
        )
        search += (
            f"<p>{len(found)} hồ sơ</p><table><tr><th>Mã</th><th>Thủ tục</th><th>Người nộp</th>"
            f"<th>Xã / quầy</th><th>Tình trạng</th></tr>{hits}</table>"
        )
    fee_part = fees_table(fees) if fees else ""
    return _PAGE.format(title="Máy chủ Một cửa — các xã", body=table + fee_part + search)
