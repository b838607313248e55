"""Sync as the UI and the CLI see it: enrol once, then run a cycle whenever a link exists.

A cycle checks the clocks (a desk clock far off would make every request refused), then
pushes the change log. Intake never waits for any of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

import desk_protocol as protocol
from desk_app.domain.audit import AuditAction
from desk_app.domain.codes import numbering_mismatch, sequence_block, validate_agency_code
from desk_app.domain.errors import DeskError
from desk_app.domain.lookup import validate_lookup_base
from desk_app.domain.officers import Permission
from desk_app.domain.records import DossierRecord
from desk_app.services.access import Session
from desk_app.services.audit import AnchorStatus, AuditService
from desk_app.services.clock import Clock
from desk_app.services.guard import permitted
from desk_app.services.lookup import check_lookup_base, chosen_lookup_base
from desk_app.services.settings import SettingsService
from desk_app.services.sync_hub import HubFallback, SyncSummary
from desk_app.storage.audit_store import AuditStore
from desk_app.storage.blob_store import BlobStore
from desk_app.storage.catalogue_store import CatalogueStore
from desk_app.storage.database import Storage
from desk_app.storage.dossier_store import DossierStore
from desk_app.storage.fee_store import FeeStore
from desk_app.storage.settings_store import SettingsStore
from desk_app.storage.sync_store import SyncIdentity, SyncProblem, SyncState, SyncStore
from desk_app.sync.audit import keep_anchor, push_audit, rejoin_after_restore
from desk_app.sync.client import SyncClient, SyncError, enrol, hub_key_held
from desk_app.sync.discovery import FoundHub, find_hubs
from desk_app.sync.pack import PackSummary, export_pack, read_ack
from desk_app.sync.published import pull_published
from desk_app.sync.pull import pull
from desk_app.sync.push import push
from desk_app.sync.recover import recover
from desk_app.sync.schedule import next_delay

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

__all__ = [
    "FoundHub",
    "SyncError",
    "SyncIdentity",
    "SyncProblem",
    "SyncService",
    "SyncState",
    "SyncSummary",
    "next_delay",
]


def lookup_token(
    store: SyncStore, record: DossierRecord, *, version: int = protocol.LOOKUP_TOKEN_VERSION
) -> str:
    """The receipt's signed ``t=`` (empty until the desk is enrolled): format 2, compact (it
    binds the link's code and secret, so its QR stays small), unless ``version`` asks for
    the first format, which is also used for what format 2 cannot carry."""
    identity = store.identity()
    if identity is None:
        return ""
    key = Ed25519PrivateKey.from_private_bytes(protocol.unb64(identity.private_key))
    if version == protocol.LOOKUP_TOKEN_VERSION:
        claims = protocol.LookupClaims(
            desk_number=identity.desk_number,
            procedure_code=record.procedure_code,
            received_at=record.received_at,
            due_at=record.due_at,
        )
        try:
            return protocol.lookup_token(key, record.code, record.lookup_secret, claims)
        except ValueError:  # a procedure code or a time format 2 cannot carry
            pass
    return protocol.lookup_token_v1(
        key,
        {
            "d": identity.desk_id,
            "c": record.code,
            "p": record.procedure_code,
            "r": record.received_at.isoformat(timespec="minutes"),
            "a": record.due_at.isoformat(timespec="minutes"),
            "h": protocol.secret_hint(record.lookup_secret),
        },
    )


def _pinned(identity: SyncIdentity) -> Ed25519PublicKey:
    """The server key pinned at enrolment; every answer is checked against it."""
    try:
        return protocol.load_public_key(identity.server_public_key)
    except ValueError:
        raise SyncError(
            "Quầy chưa lưu khóa của máy chủ (đăng ký bằng phiên bản cũ), nên không kiểm tra "
            "được câu trả lời của máy chủ. Hãy xin mã đăng ký mới ở máy chủ huyện và đăng ký "
            "lại quầy (desk-app enrol); dữ liệu chờ gửi vẫn giữ nguyên.",
            code="no_server_key",
        ) from None


class SyncService(HubFallback):
    def __init__(
        self,
        store: SyncStore,
        blobs: BlobStore,
        storage: Storage,
        dossiers: DossierStore,
        clock: Clock,
        *,
        session: Session,
        catalogues: CatalogueStore | None = None,
        settings_store: SettingsStore | None = None,
        fees: FeeStore | None = None,
        on_published: Callable[[], object] | None = None,
        transport: httpx.BaseTransport | None = None,
        audit_store: AuditStore | None = None,
        audit: AuditService | None = None,
    ) -> None:
        self._session = session
        self._audit_store = audit_store
        self._audit = audit
        self._store = store
        self._blobs = blobs
        self._storage = storage
        self._dossiers = dossiers
        self._clock = clock
        self._transport = transport
        self._catalogues = catalogues or CatalogueStore(storage)
        self._settings_store = settings_store or SettingsStore(storage)
        self._fees = fees or FeeStore(storage)  # other desks' receipts, province amounts
        self._on_published = on_published

    @permitted
    def identity(self) -> SyncIdentity | None:
        return self._store.identity()

    @permitted
    def state(self) -> SyncState:
        return self._store.state()

    @permitted
    def problems(self) -> list[SyncProblem]:
        """Items that could not go up as they are, each waiting for a person."""
        return self._store.open_problems()

    @permitted
    def audit_anchor(self) -> AnchorStatus | None:
        """The local audit chain against the server's latest signed anchor (None on a desk
        without an audit log)."""
        return self._audit.anchor() if self._audit is not None else None

    @permitted
    def resolve_problem(self, problem_id: int) -> bool:
        """A person has dealt with it (rescanned, told the district): off the list. The
        audit log's own problem (the chain differs from the server's copy) is cleared only by
        an officer who reads the audit log, never by the one whose entries may be missing."""
        if any(p.id == problem_id and p.ref == "audit" for p in self._store.open_problems()):
            self._session.require(Permission.AUDIT)
        return self._store.resolve_problem(problem_id, self._clock())

    @permitted
    def find_hubs(self, wait: float = 3.0) -> list[FoundHub]:
        """The commune hubs advertised on the LAN (hints: see ``enrol_found``)."""
        return find_hubs(wait)

    @permitted
    def enrol_found(self, hub_url: str, code: str, fingerprint: str) -> SyncIdentity:
        """Enrol with a hub found on the LAN, only when it proves it holds the key whose
        fingerprint the officer read on the hub's screen and confirmed here; the one-time
        code goes to nobody else, and the key the enrolment pins must be that one."""
        key = hub_key_held(hub_url, fingerprint, transport=self._transport)
        identity = self._enrol(hub_url, code, "", expect_key=key)
        if self._audit is not None:
            self._audit.record(
                AuditAction.CHANGE, "sync", f"đăng ký với hub tìm thấy trong mạng, dấu khóa "
                f"{protocol.key_fingerprint(key)} (đã xác nhận)",
            )  # fmt: skip
        return identity

    @permitted
    def enrol(self, server_url: str, code: str, lookup_base: str = "") -> SyncIdentity:
        """Bind this desk to a server with the administrator's one-time code.

        Enrolment also sets the public status-lookup address of the papers' QR
        (``services.lookup.chosen_lookup_base``): ``lookup_base`` when given, else the
        server's announced one or the server itself, unless an administrator set one.

        Enrolment decides the numbering: the commune code and desk number the server
        gives become the desk's agency code and desk number (the settings its dossier
        codes are made from) when it has numbered no dossier yet. A desk that has, under
        another commune or desk number, is refused (by the server, which keeps the code
        unused, and again here), so no two desks can give out the same codes."""
        return self._enrol(server_url, code, lookup_base)

    def _enrol(
        self, server_url: str, code: str, lookup_base: str, *, expect_key: str = ""
    ) -> SyncIdentity:
        settings = SettingsService(self._storage, self._settings_store, self._session).load()
        if lookup_base.strip():
            validate_lookup_base(lookup_base)  # refused before the one-time code is used
        numbering = (settings.agency_code, settings.desk_number)
        issued = numbering if self._dossiers.issued_by(settings.desk_number) else None
        key = Ed25519PrivateKey.generate()
        answer = enrol(
            server_url,
            code,
            protocol.public_key_text(key.public_key()),
            issued=issued,
            commune_name=settings.parent_unit,
            transport=self._transport,
        )
        try:
            commune = validate_agency_code(str(answer["commune_code"]))
            desk_number = int(answer["desk_number"])
            sequence_block(desk_number)
        except (DeskError, KeyError, ValueError):
            raise SyncError(
                "Máy chủ trả lời đăng ký với mã xã hoặc số hiệu quầy không hợp lệ; "
                "hãy báo quản trị máy chủ.",
                code="bad_enrolment",
            ) from None
        if issued is not None and (commune, desk_number) != issued:
            raise SyncError(numbering_mismatch(commune, desk_number, *issued), code="numbering")
        if expect_key and str(answer.get("server_public_key", "")) != expect_key:
            raise SyncError(
                "Máy chủ trả lời đăng ký bằng khóa khác khóa hub đã xác nhận: quầy không "
                "đăng ký. Hãy báo quản trị.",
                code="hub_key_mismatch",
            )
        raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        identity = SyncIdentity(
            desk_id=str(answer["desk_id"]),
            server_url=server_url.strip().rstrip("/"),
            private_key=protocol.b64(raw),
            server_public_key=str(answer.get("server_public_key", "")),
            commune_code=commune,
            desk_number=desk_number,
            lookup_base_url=str(answer.get("lookup_base_url", "")),
            enrolled_at=self._clock(),
            # a commune hub tells its upstream (vouched by the code's MAC like its own key)
            upstream_url=str(answer.get("upstream_url", "")),
            upstream_public_key=str(answer.get("upstream_public_key", "")),
        )
        with self._storage.write():
            adopt = (commune, desk_number) != numbering
            if adopt and issued is None and self._dossiers.issued_by(settings.desk_number):
                # a dossier was received while the server answered: its code is made
                raise SyncError(
                    numbering_mismatch(commune, desk_number, *numbering), code="numbering"
                )
            if adopt:  # nothing numbered yet
                self._settings_store.set_many(
                    {"agency_code": commune, "desk_number": str(desk_number)}
                )
                if self._audit is not None:
                    self._audit.record(
                        AuditAction.CHANGE, "settings", "agency_code, desk_number (đăng ký)"
                    )
                log.info(
                    "enrolment set the numbering: desk %d of %s (was desk %d of %s)",
                    desk_number, commune, settings.desk_number, settings.agency_code,
                )  # fmt: skip
            lookup = chosen_lookup_base(
                settings.lookup_base_url, lookup_base, identity.lookup_base_url, server_url
            )
            if lookup != settings.lookup_base_url:
                self._settings_store.set_many({"lookup_base_url": lookup})
                if self._audit is not None:
                    self._audit.record(AuditAction.CHANGE, "settings", "lookup_base_url (đăng ký)")
            self._store.save_identity(identity)
        if identity.upstream_url:  # a hub: the old hubs it replaced, from its certificate
            self._hub_enrolled(identity)
        return identity

    @permitted
    def check_lookup_base(self, url: str) -> int:
        """Whether the lookup address answers from this desk (see ``services.lookup``)."""
        return check_lookup_base(url, self._transport)

    @permitted
    def client(self) -> SyncClient:
        identity = self._identity()
        key = Ed25519PrivateKey.from_private_bytes(protocol.unb64(identity.private_key))
        return SyncClient(
            identity.server_url,
            identity.desk_id,
            key,
            server_key=_pinned(identity),
            transport=self._transport,
            backlog=self._store.state().pending,
        )

    @permitted
    def export_pack(self, out: Path) -> PackSummary:
        """Everything not yet acknowledged, with its papers, signed, in one file for USB."""
        identity = self._identity()
        key = Ed25519PrivateKey.from_private_bytes(protocol.unb64(identity.private_key))
        pack = export_pack(
            self._store, self._blobs, identity, key, out, self._clock(), audit=self._audit_store
        )
        if self._audit is not None:
            self._audit.record(AuditAction.EXPORT, out.name, f"gói USB {pack.entries} mục")
        return pack

    @permitted
    def import_ack(self, path: Path) -> int:
        """Mark what the server's acknowledgement file confirms; return the new position."""
        ack = read_ack(path, self._identity())
        for problem in ack.problems:
            self._store.note_problem(
                "entry",
                str(problem.get("seq", "?")),
                str(problem.get("code", "")),
                str(problem.get("message", "")),
                self._clock(),
            )
        if ack.audit_through is not None and ack.audit_through > self._store.audit_sent_through():
            self._store.set_audit_sent(ack.audit_through)
        if self._audit_store is not None:
            keep_anchor(self._audit_store, self._store, ack.audit_anchor)
        if ack.audit_broken:
            self._store.note_problem(
                "entry", "audit", "audit_broken",
                f"Nhật ký truy cập của quầy không khớp bản máy chủ đã nhận ({ack.audit_broken}).",
                self._clock(),
            )  # fmt: skip
        acked = ack.acked_through
        current = self._store.state().acked_through
        if acked > current:
            self._store.set_acked(acked, self._clock())
        return max(acked, current)

    def _identity(self) -> SyncIdentity:
        identity = self._store.identity()
        if identity is None:
            raise DeskError(
                "Quầy chưa đăng ký với máy chủ: hãy chạy «desk-app enrol --server … --code …»."
            )
        return identity

    @permitted
    def run_once(self) -> SyncSummary:
        """One cycle: clock check, then push everything not yet acknowledged. A desk of a
        commune hub that cannot reach the hub syncs straight to the hub's upstream."""
        try:
            return self._cycle()
        except SyncError as err:
            identity = self._identity()
            if not identity.upstream_url:
                raise
            if err.code == "unsigned_answer" and self._hub_rebuilt(identity):
                return self._cycle()
            if err.code == "clock_skew":
                return self._hub_clock_off(identity, err)
            if err.code not in ("unreachable", "hub_retired"):
                raise
            log.info("sync: the hub does not answer (%s); straight to the upstream", err.code)
            return self._straight_upstream(identity)

    def _cycle(self) -> SyncSummary:
        from desk_app.chip.trust_list import PUBLISHED_FILE  # (not at start-up)

        try:
            with self.client() as client:
                self._check_clock(client)
                recovered = recover(
                    self._storage, self._store, self._dossiers, self._settings_store,
                    self._blobs, client, self._clock,
                )  # fmt: skip
                if self._identity().upstream_url:
                    self._catch_up_hub(client)
                result = push(self._store, client, self._clock, self._blobs)
                self._push_audit(client)
                pulled = pull(
                    self._storage,
                    self._dossiers,
                    self._store,
                    client,
                    calendar=self._settings_store,
                    fees=self._fees,
                )
                published = pull_published(
                    self._storage,
                    self._catalogues,
                    self._settings_store,
                    self._store,
                    client,
                    self._clock,
                    trust_file=self._storage.path.parent / PUBLISHED_FILE,
                    fees=self._fees,
                )
        except SyncError as err:
            self._store.set_error(err.message)  # shown on the Đồng bộ page until a success
            raise
        if (published.total or pulled.calendar_days) and self._on_published:
            self._on_published()  # a new catalogue or calendar: caches read it again
        return self._summary("sync", result, pulled.received + published.total, recovered.entries)

    def _push_audit(self, client: SyncClient) -> None:
        """The audit chain after the changes; a chain the server refuses (this desk's log
        was rewritten, or restored from an old backup) waits for a person, sync goes on."""
        if self._audit_store is None:
            return
        try:
            push_audit(client, self._audit_store, self._store)
        except SyncError as err:
            if err.code != "audit_broken":
                raise
            if rejoin_after_restore(client, self._storage, self._audit_store, self._store):
                push_audit(client, self._audit_store, self._store)
                return
            self._store.note_problem("entry", "audit", err.code, err.message, self._clock())
