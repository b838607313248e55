"""A fee is taken once, whichever desk of the commune takes it: the fees paid per dossier
(``fee_payments``, kept from the accepted ``fee_paid`` and ``fee_voided`` entries) against
which a second payment of a fee not voided is refused (``fee_paid_twice``). The receipts
pass to the commune's other desks, so they see it before they charge."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from district_server import entry_checks
from district_server.store.tables import changes, desks, fee_payments

# what the commune's other desks pull of fees: receipts issued and voided (so none takes a
# fee twice), the amounts the province sets that an administrator typed (so all charge it)
FEE_PULLED = ("fee_paid", "fee_voided", "fee_amount")


class CommuneFees:
    """The fees of the sender's commune as the batch stands: a fee is paid once, whichever
    desk of the commune takes it, until its receipt is voided."""

    def __init__(self, db: Any, sender: entry_checks.Sender) -> None:
        self._db = db
        self._sender = sender
        if db.dialect.name == "postgresql":  # two desks of a commune paying the same fee
            db.exec_driver_sql(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", ("fees:" + sender.commune_code,)
            )

    @staticmethod
    def of_batch(
        db: Any, sender: entry_checks.Sender, fresh: list[dict[str, Any]]
    ) -> CommuneFees | None:
        kinds = {e["kind"] for e in fresh}
        return CommuneFees(db, sender) if kinds & {"fee_paid", "fee_voided"} else None

    def check_new(self, payload: dict[str, Any]) -> None:
        """A ``fee_paid`` entry: a receipt the desk has not sent before (a receipt is paid
        once: never re-valued), for a fee not paid at any desk of the commune."""
        series, number = str(payload["series"]), int(payload["number"])
        if (
            self._db.execute(
                select(fee_payments.c.id)
                .where(
                    fee_payments.c.desk_id == self._sender.id,
                    fee_payments.c.series == series,
                    fee_payments.c.number == number,
                )
                .limit(1)
            ).first()
            is not None
        ):
            raise entry_checks.Refused(
                "invalid_entry", f"biên lai {series} số {number} đã có trên máy chủ"
            )
        self._check_unpaid(str(payload["code"]))

    def _check_unpaid(self, code: str) -> None:
        held = self._db.execute(
            select(fee_payments.c.series, fee_payments.c.number, fee_payments.c.desk_number)
            .where(
                fee_payments.c.commune_code == self._sender.commune_code,
                fee_payments.c.code == code,
                fee_payments.c.voided == 0,
            )
            .limit(1)
        ).first()
        if held is not None:
            raise entry_checks.Refused(
                "fee_paid_twice",
                f"phí của hồ sơ {code} đã thu tại quầy {held.desk_number}: biên lai "
                f"{held.series} số {int(held.number):07d}",
            )

    def record(self, kind: str, payload: dict[str, Any]) -> None:
        series, number = str(payload["series"]), int(payload["number"])
        if kind == "fee_paid":
            self._db.execute(
                insert(fee_payments).values(
                    commune_code=self._sender.commune_code, code=str(payload["code"]),
                    desk_id=self._sender.id, desk_number=self._sender.desk_number,
                    series=series, number=number, voided=0,
                )
            )  # fmt: skip
        else:
            self._db.execute(
                update(fee_payments)
                .where(
                    fee_payments.c.desk_id == self._sender.id,
                    fee_payments.c.series == series,
                    fee_payments.c.number == number,
                )
                .values(voided=1)
            )


def index_fee_payments(engine: Engine) -> int:
    """Fill ``fee_payments`` from the accepted fee entries when it is new (a server that
    took fees before it had the table); how many receipts it indexed."""
    with engine.begin() as db:
        if db.execute(select(fee_payments.c.id).limit(1)).first() is not None:
            return 0
        rows = db.execute(
            select(changes.c.desk_id, changes.c.kind, changes.c.payload,
                   desks.c.commune_code, desks.c.desk_number)
            .join(desks, desks.c.id == changes.c.desk_id)
            .where(changes.c.kind.in_(("fee_paid", "fee_voided")),
                   changes.c.problem.is_(None))
            .order_by(changes.c.received_at, changes.c.desk_id, changes.c.seq)
        ).all()  # fmt: skip
        count = 0
        for row in rows:
            try:
                payload = json.loads(row.payload)
                CommuneFees(db, entry_checks.Sender(row.desk_id, row.commune_code,
                                              int(row.desk_number))).record(row.kind, payload)  # fmt: skip
            except (ValueError, KeyError, TypeError):
                continue
            count += row.kind == "fee_paid"
        return count
