"""What a desk may send: every change-log entry checked against the desk that sent it.

An enrolled desk is trusted to speak for itself only. The rules (the "shared work" of a
commune is what its desks may do to each other's dossiers):

- ``dossier_received``: the desk's own new dossier. The code starts with the commune's
  agency code and a ``-`` and ends with ``-NNNN``, a number in the desk's block of the
  daily sequence (desk 2: 2001–2999); the payload says the desk's number, its entity is
  the entry's, its status a fresh dossier's (received, or submitted online), its dates
  carry a time zone and the whole of it decodes as the commune's other desks decode it.
- ``dossier_transition``: a dossier of the same commune, received at any of its desks (a
  citizen may come back to another desk: desk 2 may hand back what desk 1 received). The
  code named is the dossier's, the action and statuses are the domain's, the step is in
  ``ALLOWED_TRANSITIONS`` (an apology keeps the status), and it starts from the status the
  server holds: a step from another status (two desks acting on one dossier offline) is
  kept for a person and not applied.
- ``receipt_printed``, ``component_digitised``, ``component_reused``,
  ``component_unlinked``, ``result_digitised``: a dossier of the same commune, named by
  its own code.
- ``fee_paid``, ``fee_voided``, ``fee_matched``: a fee receipt of a dossier of the same
  commune (the code starts with the commune's agency code), amounts in whole đồng;
  ``cash_handover``: the desk's own day of cash handed to the accountant.
- ``calendar_day``: a day off or make-up day the desk's administrator set or removed for
  the commune (``day`` an ISO date, ``kind`` off, work or none, a short note); passed to
  the commune's other desks, which keep what upstream published over it.
- ``fee_paid`` of a fee already paid at any desk of the commune (its receipt not voided) is
  refused (``fee_paid_twice``): a fee is taken once; the fee receipts pass to the commune's
  other desks so that they see it.
- ``fee_amount``: the amount the province set for a procedure's fee, typed by the desk's
  administrator (procedure code, whole đồng within bounds, a short basis); passed to the
  commune's other desks, which keep what upstream published over it.
- ``demo_seeded``: a note of the desk's own; any other kind is refused.

Sizes are bounded (a payload, each column the status page keeps). A refused entry is kept
and acknowledged with its problem (see ``store.PROBLEMS``), never applied, projected or
passed to other desks, so it blocks nothing after it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desk_app.domain import decode
from desk_app.domain.calendar_days import MAX_NOTE
from desk_app.domain.codes import in_desk_space, sequence_block
from desk_app.domain.dossier import Status
from desk_app.domain.fee_amounts import MAX_BASIS, MAX_PROVINCE_AMOUNT
from desk_app.domain.lifecycle import ALLOWED_TRANSITIONS, Action

MAX_PAYLOAD = 64 * 1024  # characters of one entry's JSON; a dossier with 30 components is ~8 KB
MAX_CODE = 64  # the server's dossiers.code column
MAX_TIME = 40  # the server's dossiers.received_at, due_at, deadline_at, settled_at columns
MAX_PROCEDURE_CODE = 32
MAX_PROCEDURE_NAME = 500
DOSSIER_KINDS = frozenset(
    {
        "receipt_printed",
        "component_digitised",
        "component_reused",
        "component_unlinked",
        "result_digitised",
    }
)
FEE_KINDS = frozenset({"fee_paid", "fee_voided", "fee_matched", "cash_handover"})
KNOWN_KINDS = (
    DOSSIER_KINDS
    | FEE_KINDS
    | {
        "dossier_received",
        "dossier_transition",
        "demo_seeded",
        "calendar_day",
        "fee_amount",
    }
)
MAX_AMOUNT = 1_000_000_000  # đồng: far above any counter fee
FRESH = frozenset({Status.SUBMITTED_ONLINE, Status.RECEIVED})

_CODE_CHARS = re.compile(r"[0-9A-Za-z._-]+")
_SEQ = re.compile(r"[0-9]{4,6}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Sender:
    """The desk an entry came from, as enrolment recorded it."""

    id: str
    commune_code: str
    desk_number: int


@dataclass
class Held:
    """A dossier as the server holds it (or as an earlier entry of the batch left it)."""

    code: str
    commune_code: str
    status: int


class Refused(Exception):
    """An entry the desk may not send: ``problem`` (a key of ``store.PROBLEMS``) and the
    specific reason in Vietnamese."""

    def __init__(self, problem: str, reason: str) -> None:
        super().__init__(reason)
        self.problem = problem
        self.reason = reason


def blob_list(text: str) -> list[str] | None:
    """An entry's ``blob_hashes``: a JSON list of SHA-256s, or None when it is not one."""
    if text == "[]":  # most entries
        return []
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nested past the parser's depth
        return None
    if not isinstance(value, list) or len(value) > 1000:
        return None
    if not all(isinstance(h, str) and _SHA256.fullmatch(h) for h in value):
        return None
    return value


def payload_of(entry: dict[str, Any]) -> dict[str, Any]:
    if len(entry["payload"]) > MAX_PAYLOAD:
        raise Refused("invalid_entry", f"nội dung mục dài quá {MAX_PAYLOAD // 1024} KB")
    try:
        payload = json.loads(entry["payload"])
    except (ValueError, RecursionError):
        raise Refused("unreadable", "nội dung không phải JSON") from None
    if not isinstance(payload, dict):
        raise Refused("unreadable", "nội dung không phải một đối tượng JSON")
    return payload


def check_code(code: object, sender: Sender) -> str:
    """The code of a dossier ``sender`` received, or ``Refused``: the commune's agency code
    and ``-`` first, ``-`` and a number of the desk's block last."""
    block = sequence_block(sender.desk_number)
    rule = (
        f"mã phải bắt đầu bằng «{sender.commune_code}-» và kết thúc bằng số thứ tự "
        f"{block.start:04d}–{block.stop - 1:04d} của quầy {sender.desk_number}"
    )
    if not isinstance(code, str) or not code:
        raise Refused("invalid_entry", "thiếu mã hồ sơ")
    if len(code) > MAX_CODE or not _CODE_CHARS.fullmatch(code):
        raise Refused("invalid_entry", f"mã hồ sơ không hợp lệ (tối đa {MAX_CODE} ký tự)")
    prefix = sender.commune_code + "-"
    head, _, last = code.rpartition("-")
    if (
        not code.startswith(prefix)
        or len(head) < len(prefix) - 1
        or not _SEQ.fullmatch(last)
        or not in_desk_space(sender.desk_number, int(last))
    ):
        raise Refused("code_outside_block", f"mã {code}: {rule}")
    return code


def _aware(value: object, what: str) -> datetime:
    # the server keeps times as text of at most MAX_TIME characters; fromisoformat takes
    # any number of fractional digits
    try:
        moment = (
            datetime.fromisoformat(value)
            if isinstance(value, str) and len(value) <= MAX_TIME
            else None
        )
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise Refused("invalid_entry", f"{what} không phải thời điểm có múi giờ")
    return moment


def _status(value: object, what: str) -> Status:
    try:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError
        return Status(value)
    except ValueError:
        raise Refused("invalid_entry", f"{what} «{value}» không phải trạng thái hợp lệ") from None


def _text(payload: dict[str, Any], key: str, limit: int, *, required: bool = True) -> str:
    value = payload.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
        raise Refused("invalid_entry", f"trường «{key}» thiếu hoặc dài quá {limit} ký tự")
    return value


def received(entry: dict[str, Any], payload: dict[str, Any], sender: Sender) -> Held:
    """A ``dossier_received`` entry checked; the dossier it creates."""
    code = check_code(payload.get("code"), sender)
    if payload.get("uuid") != entry["entity_uuid"]:
        raise Refused("invalid_entry", "mã định danh hồ sơ trong nội dung khác của mục")
    if payload.get("desk_number") != sender.desk_number:
        raise Refused(
            "code_outside_block",
            f"mục ghi quầy số {payload.get('desk_number')!s:.10}, máy chủ đăng ký quầy này là "
            f"quầy {sender.desk_number}",
        )
    status = _status(payload.get("status"), "trạng thái")
    if status not in FRESH:
        raise Refused(
            "invalid_entry", f"hồ sơ mới tiếp nhận không thể ở trạng thái «{status.label}»"
        )
    _text(payload, "procedure_code", MAX_PROCEDURE_CODE)
    _text(payload, "procedure_name", MAX_PROCEDURE_NAME, required=False)
    _text(payload, "code_key", MAX_CODE)
    _text(payload, "lookup_secret", 200)
    if _aware(payload.get("due_at"), "hạn trả") < _aware(payload.get("received_at"), "ngày nhận"):
        raise Refused("invalid_entry", "hạn trả trước ngày nhận")
    try:
        dossier = decode.new_dossier(payload)  # what the commune's other desks will do with it
    except Refused:
        raise
    except Exception:
        raise Refused("invalid_entry", "nội dung hồ sơ thiếu trường hoặc sai kiểu") from None
    if dossier.life is not None:
        _aware(payload["life"].get("deadline_at"), "thời hạn")
    applicant = payload.get("applicant") or {}
    if len(str(applicant.get("full_name", ""))) > 200:
        raise Refused("invalid_entry", "họ tên người nộp quá dài")
    return Held(code, sender.commune_code, int(status))


def _ours(
    entry: dict[str, Any], payload: dict[str, Any], sender: Sender, held: Held | None
) -> Held:
    """The held dossier an entry speaks of, if the sender's commune may touch it."""
    if held is None:
        raise Refused(
            "unknown_dossier",
            "máy chủ chưa có hồ sơ này (mục tiếp nhận của nó chưa đến hoặc đã bị giữ lại)",
        )
    if held.commune_code != sender.commune_code:
        raise Refused("foreign_dossier", "hồ sơ thuộc xã khác")
    if payload.get("code") != held.code:
        raise Refused("invalid_entry", "mã hồ sơ trong nội dung khác mã của hồ sơ")
    return held


def transition(
    entry: dict[str, Any], payload: dict[str, Any], sender: Sender, held: Held | None
) -> tuple[Held, Status]:
    """A ``dossier_transition`` entry checked; the dossier and its new status."""
    dossier = _ours(entry, payload, sender, held)
    try:
        action = Action(str(payload.get("action")))
    except ValueError:
        raise Refused("invalid_entry", "thao tác không hợp lệ") from None
    start = _status(payload.get("from"), "trạng thái trước")
    end = _status(payload.get("to"), "trạng thái sau")
    state = payload.get("state")
    if not isinstance(state, dict):
        raise Refused("invalid_entry", "thiếu trạng thái mới của hồ sơ")
    if _status(state.get("status"), "trạng thái mới") is not end:
        raise Refused("invalid_entry", "trạng thái mới khác trạng thái sau của thao tác")
    if start is end:
        if action is not Action.APOLOGISE:
            raise Refused("invalid_entry", f"thao tác «{action.label}» phải đổi trạng thái")
    elif end not in ALLOWED_TRANSITIONS[start]:
        raise Refused(
            "invalid_entry",
            f"không thể chuyển hồ sơ từ «{start.label}» sang «{end.label}»",
        )
    for key, what in (
        ("received_at", "ngày nhận"),
        ("due_at", "hạn trả"),
        ("deadline_at", "thời hạn"),
    ):
        _aware(state.get(key), what)
    for key in ("settled_at", "paused_at", "resumed_at", "returned_at"):
        if state.get(key) is not None:
            _aware(state.get(key), key)
    try:
        decode.life(state)  # what the commune's other desks will do with it
    except Exception:
        raise Refused("invalid_entry", "trạng thái mới thiếu trường hoặc sai kiểu") from None
    if dossier.status != start:
        current = Status(dossier.status).label
        raise Refused(
            "status_conflict",
            f"hồ sơ {dossier.code} trên máy chủ đang «{current}», không phải «{start.label}» "
            "như quầy ghi (quầy khác đã xử lý trước)",
        )
    return dossier, end


def dossier_entry(
    entry: dict[str, Any], payload: dict[str, Any], sender: Sender, held: Held | None
) -> None:
    """A receipt printing or a digitisation entry: about a dossier of the commune."""
    _ours(entry, payload, sender, held)


def _money(payload: dict[str, Any], key: str, *, positive: bool) -> int:
    value = payload.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_AMOUNT:
        raise Refused("invalid_entry", f"«{key}» không phải số đồng nguyên")
    if positive and value == 0:
        raise Refused("invalid_entry", f"«{key}» phải lớn hơn 0")
    return value


def fee_entry(payload: dict[str, Any], sender: Sender, kind: str) -> None:
    """A fee entry checked: the commune's own dossier and receipt, whole đồng."""
    if kind == "cash_handover":
        _money(payload, "cash", positive=False)
        _money(payload, "transfer", positive=False)
        _text(payload, "day", 10)
        return
    code = payload.get("code")
    if not isinstance(code, str) or len(code) > MAX_CODE or not _CODE_CHARS.fullmatch(code):
        raise Refused("invalid_entry", "mã hồ sơ không hợp lệ")
    if not code.startswith(sender.commune_code + "-"):
        raise Refused("foreign_dossier", "biên lai của hồ sơ thuộc xã khác")
    _text(payload, "series", 20)
    number = payload.get("number")
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise Refused("invalid_entry", "số biên lai không hợp lệ")
    if kind == "fee_paid":
        _money(payload, "amount", positive=True)
        if payload.get("method") not in ("cash", "transfer"):
            raise Refused("invalid_entry", "hình thức nộp phí không hợp lệ")
        _aware(payload.get("paid_at"), "thời điểm nộp")
    else:  # (the commune's other desks read it back: a voided receipt without it would stand)
        _aware(payload.get("voided_at"), "thời điểm hủy")


def calendar_day(payload: dict[str, Any]) -> None:
    """A desk's own calendar day, or ``Refused``."""
    try:
        date.fromisoformat(str(payload.get("day")))
    except ValueError:
        raise Refused("invalid_entry", "ngày lịch không hợp lệ") from None
    if payload.get("kind") not in ("off", "work", "none"):
        raise Refused("invalid_entry", "loại ngày lịch không hợp lệ")
    note = payload.get("note", "")
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        raise Refused("invalid_entry", f"ghi chú ngày lịch dài quá {MAX_NOTE} ký tự")


def fee_amount(payload: dict[str, Any]) -> None:
    """An amount the province set for a procedure's fee, typed at a desk, or ``Refused``."""
    code = payload.get("procedure_code")
    if not isinstance(code, str) or not 0 < len(code) <= MAX_PROCEDURE_CODE:
        raise Refused("invalid_entry", "mã thủ tục không hợp lệ")
    value = payload.get("amount")
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not 1 <= value <= MAX_PROVINCE_AMOUNT
    ):
        raise Refused("invalid_entry", "mức thu không phải số đồng nguyên trong giới hạn")
    basis = payload.get("basis", "")
    if not isinstance(basis, str) or len(basis) > MAX_BASIS:
        raise Refused("invalid_entry", f"căn cứ mức thu dài quá {MAX_BASIS} ký tự")
