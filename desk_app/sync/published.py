"""What the district publishes, pulled: catalogue versions (the newest comes into force),
holiday calendar days, officer accounts with their revocations, the amounts the province
sets for fees (they win over a commune desk's), and the province's CSCA
trust list (checked again, then written whole over the desk's copy: a new list replaces
the old, so a CSCA left out of it is no longer trusted).

Each page is applied in one transaction with its cursor, like the commune's dossiers. An
item this desk cannot take (a catalogue version it already holds with other content, a
malformed document) is set aside as a problem for a person and never blocks the others.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import desk_protocol as protocol
from desk_app.domain.calendar import DayOverride, OverrideKind
from desk_app.domain.calendar_days import upstream_note
from desk_app.domain.errors import DeskError, InvalidCatalogue
from desk_app.domain.fee_amounts import (
    AmountSource,
    ProvinceAmount,
    check_basis,
    check_province_amount,
)
from desk_app.storage.catalogue_store import CatalogueStore
from desk_app.storage.database import Storage
from desk_app.storage.fee_store import FeeStore
from desk_app.storage.files import fsync_dir, write_durably
from desk_app.storage.settings_store import SettingsStore
from desk_app.storage.sync_store import SyncStore
from desk_app.sync.client import SyncClient


@dataclass(frozen=True)
class PublishedResult:
    applied: Counter[str] = field(default_factory=Counter)  # by kind
    set_aside: int = 0

    @property
    def total(self) -> int:
        return sum(self.applied.values())


def pull_published(
    storage: Storage,
    catalogues: CatalogueStore,
    settings: SettingsStore,
    store: SyncStore,
    client: SyncClient,
    now: Callable[[], datetime],
    *,
    limit: int = 200,
    trust_file: Path | None = None,
    fees: FeeStore | None = None,
) -> PublishedResult:
    applied: Counter[str] = Counter()
    set_aside = 0
    while True:
        cursor = store.published_cursor()
        page = client.request("GET", f"{protocol.PUBLISHED_PATH}?cursor={cursor}&limit={limit}")
        items: list[dict[str, Any]] = page["items"]
        with storage.write() as db:
            for item in items:
                kind, key = str(item.get("kind")), str(item.get("key"))
                try:
                    with db.atomic():  # one bad item undoes only itself
                        _apply(catalogues, settings, item, now(), trust_file, fees)
                    applied[kind] += 1
                except (InvalidCatalogue, DeskError, KeyError, TypeError, ValueError) as err:
                    set_aside += 1
                    store.note_problem(
                        "published", f"{kind}:{key}", "unusable",
                        f"Không áp dụng được {_WHAT.get(kind, kind)} «{key}» do cấp trên phát "
                        f"hành: {err}",
                        now(),
                    )  # fmt: skip
            store.set_published_cursor(int(page["next_cursor"]))
        if not page.get("more"):
            break
    return PublishedResult(applied, set_aside)


_WHAT = {
    "catalogue": "danh mục thủ tục",
    "calendar": "ngày nghỉ/làm bù",
    "officer": "tài khoản",
    "trust": "danh sách CSCA tin cậy",
    "fee_amount": "mức thu phí do tỉnh quy định",
}


def _apply(
    catalogues: CatalogueStore,
    settings: SettingsStore,
    item: dict[str, Any],
    now: datetime,
    trust_file: Path | None,
    fees: FeeStore | None = None,
) -> None:
    document = item["document"]
    if item["kind"] == "catalogue":
        catalogues.add_version(document, in_force=True)
    elif item["kind"] == "calendar":
        published = DayOverride(
            date.fromisoformat(document["day"]),
            OverrideKind(document["kind"]),
            str(document.get("note", "")),
        )
        # upstream wins; what a desk had set otherwise stays visible as a note
        note = upstream_note(settings.stored_day(published.day), published)
        settings.set_day_override(
            published,
            source="district",
            changed_at=now.isoformat(timespec="seconds"),
            upstream_note=note,
        )
    elif item["kind"] == "officer":
        settings.apply_officer(
            str(document["username"]),
            str(document.get("full_name", "")),
            str(document["role"]),
            document.get("revoked_at"),
            str(document.get("reason", "")),
            now.isoformat(timespec="seconds"),
        )
    elif item["kind"] == "trust" and trust_file is not None:
        # written before the cursor commits: a power cut in between pulls it again, and
        # writing the same list twice changes nothing (the certificate code loads here,
        # not with the window: a trust list comes rarely)
        from desk_app.chip.trust_list import encode, from_document

        write_durably(trust_file, encode(from_document(document)))
        fsync_dir(trust_file.parent)
    elif item["kind"] == "fee_amount" and fees is not None:
        # upstream wins over what an administrator of the commune typed
        fees.set_province_amount(
            ProvinceAmount(
                str(document["procedure_code"]),
                check_province_amount(document["amount"]),
                check_basis(str(document.get("basis", ""))),
                AmountSource.DISTRICT,
                now.isoformat(timespec="seconds"),
                "",
            )
        )
    else:
        raise ValueError(f"loại «{item['kind']}» không rõ (quầy cần cập nhật phần mềm)")
