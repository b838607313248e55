"""The district (province) view: communes and desks with last contact and backlog, and a
search over the dossiers received. For the administrator (HTTP Basic, token from
``district-server admin-token``). Times are Vietnam's (Asia/Ho_Chi_Minh, UTC+7), as the
officers read them on the papers; a commune is named as its desks call it."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import Status, is_late

_PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;margin:16px;color:#222}}
table{{border-collapse:collapse;width:100%}}th,td{{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left}}
th{{background:#f3f3f3}}.stale,.late{{color:#b00020}}.late{{font-weight:bold}}
form{{margin:12px 0}}</style></head>
<body><h1>{title}</h1>{body}</body></html>"""


LATE_MARK = ' <span class="late">QUÁ HẠN</span>'


def _local(value: datetime | str | None) -> datetime | None:
    """``value`` (a datetime or ISO text; naive is UTC) in Vietnam's time."""
    if value is None or value == "":
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(VN_TZ)


def _when(value: datetime | str | None) -> str:
    moment = _local(value)
    return moment.strftime("%H:%M %d/%m/%Y") if moment is not None else "—"


def _since(value: datetime | None, now: datetime) -> str:
    moment = _local(value)
    if moment is None:
        return '<span class="stale">chưa kết nối</span>'
    hours = (now - moment).total_seconds() / 3600
    text = _when(moment)
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


def _commune(row: dict[str, Any]) -> str:
    name = row.get("commune_name") or ""
    code = escape(row["commune_code"])
    return f"{escape(name)} ({code})" if name else code


def _late(hit: dict[str, Any], now: datetime) -> bool:
    deadline = _local(hit.get("deadline_at") or hit["due_at"])
    assert deadline is not None
    return is_late(Status(int(hit["status"])), deadline, _local(hit.get("settled_at")), now)


def desks_page(
    desks: list[dict[str, Any]],
    query: str,
    found: list[dict[str, Any]],
    now: datetime | None = None,
    fees: list[dict[str, Any]] | None = None,
) -> str:
    now = now or datetime.now(UTC)
    rows = "".join(
        f"<tr><td>{_commune(d)}</td><td>{d['desk_number']}</td>"
        f"<td>{_since(d['last_contact_at'], now)}</td><td>{d['acked'] or 0}</td>"
        f"<td>{'—' if d['backlog'] is None else d['backlog']}</td>"
        f"<td>{'thu hồi' if d['revoked_at'] else 'hoạt động'}</td></tr>"
        for d in desks
    )
    table = (
        "<h2>Các quầy</h2><p>Giờ Việt Nam (UTC+7).</p><table><tr><th>Xã</th><th>Quầy</th>"
        "<th>Kết nối gần nhất</th><th>Đã nhận đến mục</th><th>Còn chờ ở quầy</th>"
        f"<th>Trạng thái</th></tr>{rows}</table>"
    )
    search = (
        '<h2>Tìm hồ sơ</h2><form method="get"><input name="q" value="'
        f'{escape(query)}" placeholder="mã hồ sơ hoặc thủ tục"> <button>Tìm</button></form>'
    )
    if query:
        hits = "".join(
            f"<tr><td>{escape(h['code'])}</td><td>{escape(h['procedure_name'])}</td>"
            f"<td>{escape(h['applicant_masked'])}</td><td>{_commune(h)} / "
            f"{h['desk_number']}</td><td>{_when(h['received_at'])}</td>"
            f"<td>{_when(h['due_at'])}</td><td>{escape(Status(int(h['status'])).label)}"
            f"{LATE_MARK if _late(h, now) else ''}</td></tr>"
            for h in found
        )
        search += (
            f"<p>{len(found)} hồ sơ</p><table><tr><th>Mã</th><th>Thủ tục</th><th>Người nộp</th>"
            "<th>Xã / quầy</th><th>Nhận lúc</th><th>Hẹn trả</th><th>Tình trạng</th></tr>"
            f"{hits}</table>"
        )
    fee_part = fees_table(fees) if fees else ""
    return _PAGE.format(title="Máy chủ Một cửa — các xã", body=table + fee_part + search)
