"""The public status-lookup address of the receipts' QR (issue 26 item 1, issue 25 item 11):
which one enrolment sets, and the check that it answers before it is printed on papers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk_app.lean_import import without

if TYPE_CHECKING:
    import httpx

from desk_app.domain.errors import DeskError, InvalidField
from desk_app.domain.lookup import validate_lookup_base
from desk_app.services.settings import DeskSettings

CHECK_TIMEOUT_S = 5.0
PROBE_CODE = "KIEM-TRA"  # no dossier has this code: the page answers "not found"


class LookupUnreachable(DeskError):
    """The lookup address does not answer (no network, wrong name, server down)."""


def chosen_lookup_base(current: str, explicit: str, answered: str, server_url: str) -> str:
    """The lookup address after an enrolment: the one typed at enrolment; else the one the
    desk already had when an administrator set it (not the factory default); else the one
    the server announces (its ``--lookup-base-url``: the provincial system or portal); else
    the server itself, whose ``/tra-cuu`` page answers."""
    if explicit.strip():
        return validate_lookup_base(explicit)
    if current and current != DeskSettings.lookup_base_url:
        return current
    for candidate in (answered, server_url):
        try:
            return validate_lookup_base(candidate)
        except InvalidField:
            continue
    return current


def check_lookup_base(url: str, transport: httpx.BaseTransport | None = None) -> int:
    """Ask ``<url>/tra-cuu/KIEM-TRA`` once; return the HTTP status it answered with (any
    answer below 500 proves the address is reachable from here; a provincial portal may
    answer its own "not found"). ``LookupUnreachable`` when nothing answers."""
    base = validate_lookup_base(url)
    with without("httpx._main"):  # (the first check loads it, not the window's start)
        import httpx

    try:
        with httpx.Client(timeout=CHECK_TIMEOUT_S, transport=transport) as client:
            response = client.get(f"{base}/tra-cuu/{PROBE_CODE}", params={"k": "-"})
    except httpx.HTTPError as err:
        raise LookupUnreachable(
            f"Địa chỉ tra cứu {base} không trả lời ({type(err).__name__}). Hãy kiểm tra địa "
            "chỉ và mạng; mã QR trên giấy tờ sẽ dẫn đến địa chỉ này.",
            field="lookup_base_url",
        ) from err
    if response.status_code >= 500:
        raise LookupUnreachable(
            f"Địa chỉ tra cứu {base} trả lời lỗi {response.status_code}: máy chủ đang hỏng "
            "hoặc đặt sai; hãy báo quản trị máy chủ.",
            field="lookup_base_url",
        )
    return response.status_code
