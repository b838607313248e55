"""Fee receipts fetched back after a restore from an older backup: the receipts paid,
voided and matched, the hand-overs and the province amounts typed here, as the server
holds them, so no receipt number is issued twice and the cash book is whole again."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from desk_app.domain.fee_amounts import AmountSource
from desk_app.domain.fees import FeeLine, Handover, NewFeeReceipt, PaymentMethod
from desk_app.storage.dossier_store import DossierStore
from desk_app.storage.fee_store import FeeStore
from desk_app.sync.pull import take_province_amount

FEE_KINDS = frozenset({"fee_paid", "fee_voided", "fee_matched", "cash_handover", "fee_amount"})


def rebuild_fee(
    fees: FeeStore,
    dossiers: DossierStore,
    kind: str,
    entity_uuid: str,
    payload: dict[str, Any],
    officer: int,
    at: datetime,
) -> bool:
    """Apply one fee entry the desk had sent; False when there was nothing to do (already
    here, or its dossier is not)."""
    if kind == "fee_amount":  # an amount the province sets, typed here before the restore
        return take_province_amount(fees, payload, AmountSource.LOCAL)
    if kind == "cash_handover":
        day = date.fromisoformat(str(payload["day"]))
        if fees.handover(officer, day) is not None:
            return False
        fees.insert_handover(entity_uuid, Handover(
            officer, day, int(payload["cash"]), int(payload["transfer"]),
            int(payload["receipts"]), str(payload["accountant"]), at,
        ))  # fmt: skip
        return True
    series, number = str(payload["series"]), int(payload["number"])
    held = fees.get(series, number)
    if kind == "fee_paid":
        dossier_id = dossiers.id_for_uuid(str(payload["dossier_uuid"]))
        if held is not None or dossier_id is None:
            return False
        fees.insert(NewFeeReceipt(
            uuid=entity_uuid, series=series, number=number, dossier_id=dossier_id,
            dossier_code=str(payload["code"]), payer_name=str(payload.get("payer_name", "")),
            payer_address=str(payload.get("payer_address", "")),
            payer_id_number=str(payload.get("payer_id_number", "")),
            fee_name=str(payload.get("fee_name", "")),
            lines=tuple(FeeLine(str(t), int(a)) for t, a in payload.get("lines", [])),
            amount=int(payload["amount"]), method=PaymentMethod(str(payload["method"])),
            paid_at=datetime.fromisoformat(str(payload["paid_at"])), officer_id=officer,
            desk_number=int(payload["desk"]),
        ))  # fmt: skip
        return True
    if held is None:
        return False
    if kind == "fee_voided" and held.voided_at is None:
        voided_at = datetime.fromisoformat(str(payload["voided_at"]))
        fees.void(held.id, voided_at, officer, str(payload["reason"]))
        return True
    if kind == "fee_matched" and held.matched_at is None:
        fees.mark_matched(held.id, at, str(payload.get("booked_on", "")))
        return True
    return False
