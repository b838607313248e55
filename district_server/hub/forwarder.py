"""The hub's forwarding loop: what its desks sent goes upstream as they signed it, and what the
upstream publishes comes down, whenever the upstream answers.

Each cycle, in order: a new (rebuilt) hub first adopts its commune's desks from the
upstream; desks the upstream revoked are revoked here (every minute); the desks enrolled
here that the upstream does not know yet are registered on the hub's word; the papers go
up (each once, by SHA-256, so the upstream can check it); the desks' batches (changes and
audit chains) go up in the order they were applied here, each exactly as its desk signed
it (the upstream checks the desk's own signature and applies by ``(desk, seq)``: a batch
sent twice, by a hub killed before it noted the answer, is a success that changes
nothing); then the upstream's catalogue, calendar and officer accounts come down with
their cursor. When the upstream does not answer, the loop waits (doubling, with jitter,
up to ``retry_max`` seconds) and the desks go on with the hub alone.
"""

from __future__ import annotations

import base64
import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol
from district_server.blob_files import BlobFiles
from district_server.hub.upstream import Upstream, UpstreamError
from district_server.store import Busy, Conflict, Gap, MissingBlobs, ServerStore

log = logging.getLogger("district_server.hub")

# Raw bytes of batches in one relay request (base64: ×4/3), as a paper's chunk: a WAN cut
# mid-request loses no more than that (one batch larger still goes alone).
RELAY_BYTES = 256 * 1024


@dataclass
class HubRole:
    """What the API needs of the hub role: the upstream the desks may fall back to, and a
    way to wake the forwarder when a batch arrives."""

    upstream_url: str
    upstream_public_key: str
    commune_code: str
    event: threading.Event = field(default_factory=threading.Event)
    last_error: str = ""
    retired: str = ""  # why the desks are refused: the upstream replaced this hub

    def wake(self) -> None:
        self.event.set()


class Forwarder:
    def __init__(
        self,
        store: ServerStore,
        files: BlobFiles,
        role: HubRole,
        upstream: Upstream,
        *,
        idle: float = 1.0,
        retry_max: float = 30.0,
        relay_items: int = protocol.MAX_RELAY_ITEMS,
        desks_every: float = 60.0,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.files = files
        self.role = role
        self.upstream = upstream
        self.idle = idle
        self.retry_max = retry_max
        self.relay_items = max(1, min(relay_items, protocol.MAX_RELAY_ITEMS))
        self.desks_every = desks_every
        self._desks_due = 0.0
        self.now = now
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="hub-forwarder", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.role.wake()
        if self._thread is not None:
            self._thread.join(10)

    def _run(self) -> None:
        delay = self.idle
        noted = 0.0
        while not self._stop.is_set():
            try:
                self.cycle()
                if self.role.last_error or time.monotonic() - noted > 60:
                    noted = time.monotonic()  # for hub-status; a write a minute at most
                    self.store.set_hub_values(
                        {"last_contact": _stamp(self.now()), "last_error": ""}
                    )
                self.role.last_error = ""
                delay = self.idle
            except UpstreamError as err:
                if err.code == "revoked" and not self.role.retired:
                    self.retire(str(err))
                if str(err) != self.role.last_error:
                    self.store.set_hub_values(
                        {"last_error": f"{_stamp(self.now())} {err.code}: {err}"}
                    )
                self.role.last_error = str(err)
                log.warning("upstream: %s (%s)", err.code or "refused", err)
                delay = min(self.retry_max, max(self.idle, delay * 2)) * random.uniform(0.8, 1.0)
            except Exception:  # never let the loop die: the desks' data waits here meanwhile
                log.exception("hub forwarding cycle failed")
                delay = min(self.retry_max, max(self.idle, delay * 2))
            self.role.event.wait(delay)
            self.role.event.clear()

    def retire(self, reason: str) -> None:
        """The upstream revoked this hub (a new hub was certified for the commune): from
        now on it refuses its desks, which go to the new hub or straight upstream; what
        waits here is not lost (each desk still holds its log and sends it again)."""
        told = (
            "Hub này đã bị máy chủ cấp trên thu hồi (xã đã có hub mới): quầy đồng bộ thẳng "
            f"lên máy chủ cấp trên hoặc với hub mới. ({reason})"
        )
        self.store.set_hub_values({"retired": told})
        self.role.retired = told
        log.error("this hub was revoked by the upstream: %s", reason)

    def cycle(self) -> int:
        """One round with the upstream; how many batches it sent (taken or refused)."""
        self.adopt()
        self.revocations()
        self.register()
        self.send_papers()
        forwarded = 0
        refused: set[str] = set()  # desks whose batch was refused: they wait, others go on
        while True:
            done = self.relay(refused)
            forwarded += done
            if done == 0:
                break
        self.published()
        return forwarded

    def revocations(self) -> None:
        """Every ``desks_every`` seconds, the commune's desks as the upstream knows them:
        those it revoked are revoked here too; one enrolled there is taken in; entries the
        upstream holds and the hub does not (a desk that synced straight upstream while the
        hub was off, or was rebuilt) are copied here, so the commune's desks see them."""
        if time.monotonic() < self._desks_due:
            return
        listed = self.upstream.json("GET", protocol.HUB_DESKS_PATH)["desks"]
        for desk_id in self.store.revoke_as_upstream(listed, self.now()):
            log.warning("desk revoked by the upstream desk=%s", desk_id)
        self.store.adopt_desks(self.role.commune_code, listed, self.now())
        held = {d["desk_id"]: self.store.acked_through(d["desk_id"]) for d in listed}
        behind = {
            d["desk_id"]: held[d["desk_id"]]
            for d in listed
            if int(d.get("acked_through", 0)) > held[d["desk_id"]]
        }
        if behind:
            self.mirror(behind)
        self._desks_due = time.monotonic() + self.desks_every

    def mirror(self, behind: dict[str, int]) -> None:
        """The upstream's entries of these desks after what the hub holds (by desk), applied
        here in the order they reached the upstream (a hand-over by one desk after the
        dossier received at another), with their papers; never forwarded back."""
        by_desk: dict[str, list[dict[str, Any]]] = {}
        for desk_id, held in behind.items():
            while True:
                page = self.upstream.json(
                    "GET",
                    f"{protocol.HUB_CHANGES_PATH}?desk_id={desk_id}&from_seq={held + 1}"
                    f"&limit={protocol.MAX_BATCH_ENTRIES}",
                )
                by_desk.setdefault(desk_id, []).extend(page["entries"])
                if not page["entries"]:
                    break
                held = int(page["entries"][-1]["seq"])
        fetched = arrival_order(by_desk)
        runs: list[list[dict[str, Any]]] = []
        for entry in fetched:
            if runs and runs[-1][-1]["desk_id"] == entry["desk_id"]:
                runs[-1].append(entry)
            else:
                runs.append([entry])
        for run in runs:
            desk_id = run[0]["desk_id"]
            lost = self.fetch_papers(desk_id, run)
            entries = [
                {k: v for k, v in e.items() if k not in ("desk_id", "received_at", "arrival")}
                for e in run
            ]
            try:
                self.store.apply(desk_id, entries, self.now(), lost)
            except (Gap, Conflict, Busy, MissingBlobs) as err:  # the desk pushed meanwhile
                log.warning("copy from the upstream stopped desk=%s: %s", desk_id, err)
        log.info("copied %d entries of %d desks from the upstream", len(fetched), len(behind))

    def fetch_papers(self, desk_id: str, entries: list[dict[str, Any]]) -> frozenset[str]:
        """The papers these entries name that the hub lacks, fetched from the upstream (the
        hash checked); those it cannot give are returned (the entries say the paper is lost
        here, as a desk does)."""
        named = sorted({h for e in entries for h in json.loads(e["blob_hashes"] or "[]")})
        lost = set()
        for sha in self.store.missing_blobs(named):
            try:
                data = self.upstream.send("GET", f"{protocol.BLOBS_PATH}/{sha}").content
            except UpstreamError as err:
                if err.code == "unreachable":
                    raise
                lost.add(sha)
                continue
            self.files.write_part(desk_id, sha, [data])
            if not self.files.complete(desk_id, sha):
                lost.add(sha)
                continue
            self.store.finish_upload(desk_id, sha, len(data), self.now())
            self.store.mark_blob_sent(sha, self.now())  # the upstream has it
        return frozenset(lost)

    def adopt(self) -> None:
        """A hub new to its commune (first start, or rebuilt after its disk was lost) takes
        in the commune's desks the upstream knows, with their keys, once."""
        if self.store.hub_values().get("adopted"):
            return
        listed = self.upstream.json("GET", protocol.HUB_DESKS_PATH)
        added = self.store.adopt_desks(self.role.commune_code, listed["desks"], self.now())
        self.store.set_hub_values(
            {
                "adopted": self.now().isoformat(timespec="seconds"),
                "certificate": json.dumps(listed["certificate"]),
            }
        )
        if added:
            log.info("adopted %d desks of %s from the upstream", added, self.role.commune_code)

    def register(self) -> None:
        waiting = self.store.unregistered_desks()
        if not waiting:
            return
        answer = self.upstream.json("POST", protocol.HUB_DESKS_PATH, {"desks": waiting})
        taken = [d for d, word in answer["desks"].items() if word == "registered"]
        refused = [d for d, word in answer["desks"].items() if word != "registered"]
        self.store.mark_registered(taken, self.now())
        for desk_id in refused:
            log.error("upstream refused to register desk=%s", desk_id)

    def send_papers(self) -> None:
        while True:
            unsent = self.store.blobs_unsent(200)
            if not unsent:
                return
            missing = set(
                self.upstream.json("POST", protocol.BLOBS_MISSING_PATH, {"sha256": unsent})[
                    "missing"
                ]
            )
            for sha in unsent:
                if sha in missing:
                    self.upstream.upload(sha, self.files.read(sha))
                self.store.mark_blob_sent(sha, self.now())

    def relay(self, refused: set[str]) -> int:
        """One relay request of waiting batches (none of the desks in ``refused``, which
        it adds to); how many the upstream took, or 0 when nothing was left to send."""
        rows = self.store.relay_waiting(self.relay_items, frozenset(refused))
        batch: list[dict[str, Any]] = []
        size = 0
        for row in rows:
            if batch and size + len(row["body"]) > RELAY_BYTES:
                break
            size += len(row["body"])
            batch.append(row)
        if not batch:
            return 0
        items = [
            {
                "desk_id": r["desk_id"],
                "method": r["method"],
                "path": r["path"],
                "stamp": r["stamp"],
                "nonce": r["nonce"],
                "signature": r["signature"],
                "encoding": r["encoding"],
                "body": base64.b64encode(r["body"]).decode(),
            }
            for r in batch
        ]
        answer = self.upstream.json("POST", protocol.HUB_RELAY_PATH, {"items": items})
        outcome: dict[int, str | None] = {}
        for row, result in zip(batch, answer["results"], strict=True):
            if result.get("status") == 200:
                outcome[row["id"]] = None
            else:
                detail = result.get("detail") or {}
                outcome[row["id"]] = f"{detail.get('code', '')}: {detail.get('message', '')}"
                log.warning("upstream refused a batch desk=%s through=%s: %s",
                            row["desk_id"], row["last_seq"], outcome[row["id"]])  # fmt: skip
        self.store.relay_done(outcome, self.now())
        # a refused batch of changes holds back that desk's later ones (they would be gaps);
        # a refused audit batch (a chain rewritten at the desk) holds back nothing
        refused.update(
            r["desk_id"]
            for r in batch
            if outcome[r["id"]] is not None and r["path"] == protocol.CHANGES_PATH
        )
        return len(batch)

    def published(self) -> None:
        """The upstream's catalogue, calendar and officer accounts, kept here for the
        commune's desks (which pull them from the hub as from any server)."""
        while True:
            cursor = int(self.store.hub_values().get("published_cursor", "0"))
            page = self.upstream.json("GET", f"{protocol.PUBLISHED_PATH}?cursor={cursor}&limit=200")
            items = [{**item, "commune_code": self.role.commune_code} for item in page["items"]]
            if items:
                self.store.take_published(items, int(page["next_cursor"]), self.now())
            if not page.get("more"):
                return


def arrival_order(by_desk: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The entries of several desks (each desk's in ``seq`` order), with their desk, in the
    order they reached the upstream: by their place in its feed (``arrival``), never by a
    clock; an entry withheld there (no place) stays right after its desk's one before."""
    ordered = []
    for desk_id, entries in by_desk.items():
        arrival = 0
        for entry in entries:
            arrival = max(arrival, int(entry.get("arrival") or 0))
            ordered.append({**entry, "desk_id": desk_id, "arrival": arrival})
    return sorted(ordered, key=lambda e: (e["arrival"], e["desk_id"], e["seq"]))


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def start(
    store: ServerStore,
    files: BlobFiles,
    key: Ed25519PrivateKey,
    *,
    idle: float = 1.0,
    retry_max: float = 30.0,
    relay_items: int = protocol.MAX_RELAY_ITEMS,
    desks_every: float = 60.0,
) -> tuple[HubRole, Forwarder] | None:
    """The hub role and its running forwarder, from the identity kept at enrolment (None:
    the hub has not enrolled with an upstream yet)."""
    held = store.hub_values()
    if "hub_id" not in held:
        return None
    role = HubRole(held["upstream_url"], held["upstream_public_key"], held["commune_code"])
    role.retired = held.get("retired", "")
    upstream = Upstream(
        held["upstream_url"],
        held["hub_id"],
        key,
        protocol.load_public_key(held["upstream_public_key"]),
    )
    forwarder = Forwarder(
        store,
        files,
        role,
        upstream,
        idle=idle,
        retry_max=retry_max,
        relay_items=relay_items,
        desks_every=desks_every,
    )
    forwarder.start()
    return role, forwarder
