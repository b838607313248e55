"""Sync at a desk of a commune hub, where the hub is not simply there: off (the desk syncs
straight to the hub's upstream), rebuilt with a new key (taken only as the upstream
certified it), replaced (an old hub's key, revoked upstream, is never trusted again) or
with its clock off; and the clock check every cycle starts with.

A mixin of ``services.sync.SyncService`` (its state, its private steps; no entry point of
its own: every call comes through the service's ``@permitted`` methods)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol
from desk_app.domain.audit import AuditAction
from desk_app.services.clock import Clock
from desk_app.storage.fee_store import FeeStore
from desk_app.storage.sync_store import SyncIdentity, SyncStore
from desk_app.sync.client import SyncClient, SyncError, certified_hub_key
from desk_app.sync.pull import pull
from desk_app.sync.push import PushResult, push

if TYPE_CHECKING:
    import httpx

    from desk_app.services.audit import AuditService
    from desk_app.storage.blob_store import BlobStore
    from desk_app.storage.database import Storage
    from desk_app.storage.dossier_store import DossierStore
    from desk_app.storage.settings_store import SettingsStore

log = logging.getLogger("desk_app.services.sync")


@dataclass(frozen=True)
class SyncSummary:
    sent: int
    pending: int
    acked_through: int
    received: int = 0
    problems: int = 0  # items waiting for a person (sync page)
    recovered: int = 0  # entries fetched back after a restore from an older backup

    @property
    def line(self) -> str:
        back = (
            f", lấy lại {self.recovered} mục đã gửi trước khi khôi phục" if self.recovered else ""
        )
        return (
            f"Đồng bộ: đã gửi {self.sent} mục, nhận {self.received}, còn chờ {self.pending}, "
            f"lỗi {self.problems}{back}."
        )


class HubFallback:
    _store: SyncStore
    _storage: Storage
    _blobs: BlobStore
    _dossiers: DossierStore
    _settings_store: SettingsStore
    _fees: FeeStore
    _clock: Clock
    _transport: httpx.BaseTransport | None
    _audit: AuditService | None
    _on_published: Callable[[], object] | None

    def _hub_enrolled(self, identity: SyncIdentity) -> None:
        """Enrolled with a commune hub: the old hubs its certificate names as revoked are
        kept (a hub not certified yet names them in a later certificate)."""
        try:
            certificate = certified_hub_key(
                identity.server_url,
                protocol.load_public_key(identity.upstream_public_key),
                identity.commune_code,
                transport=self._transport,
            )
            if certificate.key == identity.server_public_key:
                self._learn_revoked_hubs(certificate.revoked_keys)
        except (SyncError, ValueError) as err:
            log.info("enrolment: the hub's certificate not read (%s)", err)

    def _hub_clock_off(self, identity: SyncIdentity, err: SyncError) -> SyncSummary:
        """This desk's clock and the hub's differ by more than the protocol allows: if the
        upstream agrees with this desk, the hub's clock is the wrong one and the desk syncs
        straight upstream meanwhile; if it does not (or cannot be reached), the hub's
        refusal stands (this desk's clock is off)."""
        try:
            summary = self._straight_upstream(identity)
        except SyncError as upstream:
            if upstream.code == "clock_skew":
                raise upstream from None
            self._store.set_error(err.message)
            raise err from None
        message = (
            "Đồng hồ của hub lệch quá 5 phút so với máy chủ cấp trên và quầy này: quầy đồng bộ "
            "thẳng lên máy chủ cấp trên. Hãy chỉnh lại giờ máy hub."
        )
        log.warning("sync: the hub's clock is off; synced straight to the upstream")
        self._store.set_error(message)
        return summary

    def _hub_rebuilt(self, identity: SyncIdentity) -> bool:
        """The hub answers with another key: taken (and pinned) only as the upstream
        certified it for this commune. The new hub's feed starts again: pulled from 0 (a
        dossier already here is not inserted twice)."""
        certificate = certified_hub_key(
            identity.server_url,
            protocol.load_public_key(identity.upstream_public_key),
            identity.commune_code,
            transport=self._transport,
        )
        self._learn_revoked_hubs(certificate.revoked_keys)
        key = certificate.key
        if key in self._store.revoked_hub_keys():
            if self._audit is not None:
                self._audit.record(
                    AuditAction.CHANGE, "sync", "từ chối hub cũ đã bị máy chủ cấp trên thu hồi"
                )
            log.warning("sync: refused the commune's old hub (revoked upstream)")
            raise SyncError(
                f"Máy chủ {identity.server_url} là hub cũ của xã, đã bị máy chủ cấp trên thu "
                "hồi khi xã có hub mới: quầy không đồng bộ với máy này. Hãy tắt máy hub cũ và "
                "báo quản trị. Dữ liệu vẫn an toàn ở quầy.",
                code="revoked_hub",
            )
        if key == identity.server_public_key:
            return False
        with self._storage.write():
            self._store.save_identity(replace(identity, server_public_key=key))
            self._store.set_pull_cursor(0)
        if self._audit is not None:
            self._audit.record(
                AuditAction.CHANGE, "sync", "khóa hub mới (máy chủ cấp trên xác nhận)"
            )
        log.warning("sync: the commune hub has a new key, certified by the upstream")
        return True

    def _learn_revoked_hubs(self, keys: tuple[str, ...]) -> None:
        """The hubs the upstream revoked, as a certificate it signed names them: kept (and
        recorded in the audit log), never trusted again."""
        fresh = set(keys) - self._store.revoked_hub_keys()
        if not fresh:
            return
        with self._storage.write():
            self._store.add_revoked_hub_keys(fresh)
            if self._audit is not None:
                self._audit.record(
                    AuditAction.CHANGE, "sync",
                    f"máy chủ cấp trên thu hồi {len(fresh)} khóa hub cũ của xã",
                )  # fmt: skip
        log.warning("sync: %d old hub key(s) revoked by the upstream", len(fresh))

    def _straight_upstream(self, identity: SyncIdentity) -> SyncSummary:
        """Push, and pull the commune's other desks, at the hub's upstream (the desk's key is
        known there: the hub registered it). What the hub had not forwarded yet is sent
        again; the upstream applies by (desk, seq), so nothing is applied twice, and the hub
        takes the entries it lacks when the desk comes back to it."""
        key = Ed25519PrivateKey.from_private_bytes(protocol.unb64(identity.private_key))
        try:
            with SyncClient(
                identity.upstream_url,
                identity.desk_id,
                key,
                server_key=protocol.load_public_key(identity.upstream_public_key),
                transport=self._transport,
                backlog=self._store.state().pending,
            ) as client:
                self._check_clock(client)
                result = push(self._store, client, self._clock, self._blobs)
                pulled = pull(
                    self._storage, self._dossiers, self._store, client, upstream=True,
                    calendar=self._settings_store, fees=self._fees,
                )  # fmt: skip
        except SyncError as err:
            self._store.set_error(err.message)
            raise
        if pulled.calendar_days and self._on_published:
            self._on_published()  # the commune's calendar: caches read it again
        return self._summary("sync (upstream)", result, pulled.received)

    def _summary(
        self, what: str, result: PushResult, received: int, recovered: int = 0
    ) -> SyncSummary:
        """A cycle's summary (and its log line)."""
        log.info("%s: sent %d, acknowledged through %d, pending %d, pulled %d",
                 what, result.sent, result.acked_through, result.pending, received)  # fmt: skip
        return SyncSummary(
            result.sent,
            result.pending,
            result.acked_through,
            received,
            self._store.state().problems,
            recovered,
        )

    def _catch_up_hub(self, client: SyncClient) -> None:
        """Back at the hub after syncing straight upstream: what the upstream acknowledged
        meanwhile is sent to the hub too (from where the hub holds this desk's log), so the
        commune's other desks see it through the hub; the upstream takes it again as a
        success that changes nothing."""
        held = int(client.request("GET", protocol.CHANGES_PATH)["acked_through"])
        if held < self._store.state().acked_through:
            self._store.set_acked(held, self._clock())

    def _check_clock(self, client: SyncClient) -> None:
        server_now = datetime.fromisoformat(client.server_time())
        skew = (self._clock().astimezone(UTC) - server_now).total_seconds()
        if abs(skew) > protocol.MAX_SKEW_SECONDS:
            direction = "nhanh" if skew > 0 else "chậm"
            message = (
                f"Đồng hồ máy quầy {direction} {abs(skew) / 60:.0f} phút so với máy chủ: hãy "
                "chỉnh lại giờ máy tính rồi đồng bộ lại. Tiếp nhận hồ sơ vẫn làm bình thường."
            )
            self._store.set_error(message)
            raise SyncError(message, code="clock_skew")
