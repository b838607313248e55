"""Pull: what the commune's other desks recorded (a citizen may come back to any desk).

Each page is applied in one transaction together with the new cursor, so a cut mid-pull
re-reads at most one page and applies nothing twice. Pulled data never enters this desk's
change log (it would echo back). Ownership: the desk that received a dossier owns its
intake data (a pulled dossier is inserted once, never edited here); whoever holds it owns
its status (a pulled transition replaces the state it carries).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import desk_protocol as protocol
from desk_app.domain import decode
from desk_app.domain.calendar import DayOverride, OverrideKind
from desk_app.domain.calendar_days import DaySource
from desk_app.domain.fee_amounts import AmountSource, ProvinceAmount, takes_commune_amount
from desk_app.domain.fees import PaymentMethod, ReceiptElsewhere
from desk_app.storage.database import Storage
from desk_app.storage.dossier_store import DossierStore
from desk_app.storage.fee_store import FeeStore
from desk_app.storage.settings_store import SettingsStore
from desk_app.storage.sync_store import SyncStore
from desk_app.sync.client import SyncClient


@dataclass(frozen=True)
class PullResult:
    received: int  # entries applied
    cursor: int
    calendar_days: int = 0  # of them, the commune's days off and make-up days (caches)


def pull(
    storage: Storage,
    dossiers: DossierStore,
    store: SyncStore,
    client: SyncClient,
    *,
    limit: int = 200,
    upstream: bool = False,
    calendar: SettingsStore | None = None,
    fees: FeeStore | None = None,
) -> PullResult:
    """``upstream``: from the commune hub's upstream, synced to straight while the hub is
    off (its own cursor; a dossier pulled from both is inserted once). ``fees``: where the
    other desks' fee receipts and province amounts are kept."""
    applied = days = 0
    while True:
        cursor = store.pull_cursor(upstream)
        client.backlog = store.state().pending
        page = client.request("GET", f"{protocol.UPDATES_PATH}?cursor={cursor}&limit={limit}")
        entries: list[dict[str, Any]] = page["entries"]
        with storage.write():
            for entry in entries:
                taken = _apply(dossiers, entry, calendar, fees)
                applied += taken
                days += taken if entry["kind"] == "calendar_day" else 0
            store.set_pull_cursor(int(page["next_cursor"]), upstream)
        if not page.get("more"):
            break
    return PullResult(applied, store.pull_cursor(upstream), days)


def _apply(
    dossiers: DossierStore,
    entry: dict[str, Any],
    calendar: SettingsStore | None = None,
    fees: FeeStore | None = None,
) -> int:
    payload = json.loads(entry["payload"])
    if entry["kind"] == "dossier_received":
        if dossiers.id_for_code(payload["code"]) is not None:
            return 0  # already here (a page read twice after a cut)
        dossiers.insert_many([decode.new_dossier(payload)])
        return 1
    if entry["kind"] == "dossier_transition":
        dossier_id = dossiers.id_for_code(payload["code"])
        if dossier_id is None:
            return 0
        dossiers.apply_life(dossier_id, decode.life(payload["state"]))
        return 1
    if entry["kind"] == "calendar_day" and calendar is not None:
        return apply_commune_day(calendar, payload)
    if fees is not None and entry["kind"] in ("fee_paid", "fee_voided", "fee_amount"):
        return apply_commune_fee(fees, str(entry["kind"]), str(entry["entity_uuid"]), payload)
    return 0


def apply_commune_fee(fees: FeeStore, kind: str, entity_uuid: str, payload: dict[str, Any]) -> int:
    """A fee receipt another desk of the commune issued or voided, kept so this desk never
    takes the same fee again; or an amount the province sets that another desk's
    administrator typed, taken unless upstream published one (upstream wins)."""
    if kind == "fee_paid":
        added = fees.add_elsewhere(
            ReceiptElsewhere(
                uuid=entity_uuid,
                series=str(payload["series"]),
                number=int(payload["number"]),
                dossier_code=str(payload["code"]),
                amount=int(payload["amount"]),
                method=PaymentMethod(str(payload["method"])),
                paid_at=datetime.fromisoformat(str(payload["paid_at"])),
                desk_number=int(payload.get("desk", 0)),
            )
        )
        return int(added)
    if kind == "fee_voided":
        voided = fees.void_elsewhere(
            str(payload["series"]), int(payload["number"]),
            str(payload.get("voided_at", "")), str(payload.get("reason", "")),
        )  # fmt: skip
        return int(voided)
    return int(take_province_amount(fees, payload, AmountSource.COMMUNE))


def take_province_amount(fees: FeeStore, payload: dict[str, Any], source: AmountSource) -> bool:
    """A ``fee_amount`` entry's amount kept as ``source``'s, unless upstream published one
    for the procedure (upstream wins); whether it was taken."""
    code = str(payload["procedure_code"])
    if not takes_commune_amount(fees.province_amount(code)):
        return False
    fees.set_province_amount(
        ProvinceAmount(
            code, int(payload["amount"]), str(payload.get("basis", "")), source,
            str(payload.get("changed_at", "")), str(payload.get("changed_by", "")),
        )
    )  # fmt: skip
    return True


def apply_commune_day(calendar: SettingsStore, payload: dict[str, Any]) -> int:
    """A day off or make-up day another desk of the commune set (or removed): taken
    unless upstream published that day (upstream wins)."""
    day = date.fromisoformat(str(payload["day"]))
    current = calendar.stored_day(day)
    if current is not None and current.source is DaySource.DISTRICT:
        return 0
    if payload.get("kind") in (None, "", "none"):
        if current is not None and current.source is DaySource.COMMUNE:
            calendar.remove_day_override(day)
            return 1
        return 0
    calendar.set_day_override(
        DayOverride(day, OverrideKind(str(payload["kind"])), str(payload.get("note", ""))),
        source=DaySource.COMMUNE.value,
        changed_at=str(payload.get("changed_at", "")),
        changed_by=str(payload.get("changed_by", "")),
    )
    return 1
