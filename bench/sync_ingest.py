"""Server ingest: many desks pushing at once, against a raw INSERT of the same rows.

    python -m bench.sync_ingest [--desks 50] [--entries 2000] [--postgres]

The server runs as its own process (``district-server serve``) on SQLite, or on a private
PostgreSQL with ``--postgres``; each simulated desk is a thread with its own key, pushing
signed, gzip'd batches like a real desk (``--batch``; a desk sends up to 500 at once when
it has a backlog: after an outage, a week without a link, a new desk catching up). The
baseline is a plain executemany INSERT of the same rows into the same kind of database,
in the same run, in batches of the same size, through an engine the server's own store
set up (so on SQLite the same WAL journal, ``synchronous=FULL`` and busy timeout).
``--repeat`` runs the whole measure again and reports the range.
Goal (issue 4): ≥ 30 % of the raw INSERT rate on PostgreSQL.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, create_engine, delete, func, insert, select

import desk_protocol as protocol
from bench.common import serve_district
from bench.figures import emit
from bench.pg import private_postgres
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.changes import content_hash
from desk_app.sync.client import SyncClient
from district_server.cli import database_url
from district_server.store import ServerStore, changes, metadata


def _entries(desk: int, count: int, commune: str = "000.00.31.H26") -> list[dict[str, object]]:
    """``count`` dossiers received at desk ``desk`` of ``commune``, as its change log holds
    them: codes in the desk's block (999 a day, so a backlog runs over several days) and
    the payload the server checks and the commune's other desks decode."""
    rows = []
    start = datetime(2026, 11, 22, 8, 0, tzinfo=VN_TZ)
    for seq in range(1, count + 1):
        day, number = divmod(seq - 1, 999)
        received = start + timedelta(days=day, seconds=number)
        entity = str(uuid.uuid4())
        code_key = f"{received:%y%m%d}-{desk * 1000 + 1 + number}"
        payload = json.dumps(
            {
                "uuid": entity,
                "code": f"{commune}-{code_key}",
                "code_key": code_key,
                "desk_number": desk,
                "procedure_code": "1.001193",
                "procedure_name": "Đăng ký khai sinh",
                "catalogue_version": "2025.1",
                "status": 2,
                "applicant": {"full_name": "Nguyễn Thị Hồng Nhung", "id_number": "001190012345"},
                "received_at": received.isoformat(),
                "due_at": (received + timedelta(days=1)).isoformat(),
                "lookup_secret": uuid.uuid4().hex,
            },
            ensure_ascii=False,
        )
        blobs = "[]"
        rows.append(
            {
                "seq": seq,
                "uuid": str(uuid.uuid4()),
                "kind": "dossier_received",
                "entity_uuid": entity,
                "device_time": datetime.now(UTC).isoformat(),
                "officer_id": 1,
                "payload": payload,
                "blob_hashes": blobs,
                "content_sha256": content_hash("dossier_received", entity, payload, blobs),
            }
        )
    return rows


def raw_engine(url: str, *, fresh: bool = False) -> Engine:
    """The baseline's engine, made by the server's own store: on SQLite the same journal
    mode, synchronous setting and busy timeout as the server's. ``fresh`` empties a
    PostgreSQL database first (the API run's tables are in it)."""
    if fresh:
        dropper = create_engine(url)
        with dropper.begin() as db:
            db.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        dropper.dispose()
    engine = ServerStore(url).engine
    metadata.create_all(engine)
    return engine


def ingest(
    url: str | None, desks: int, per_desk: int, batch: int, workers: int = 1
) -> tuple[float, float, float]:
    """Entries per second: through the API; raw INSERT, a commit a batch; in one transaction."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        store = ServerStore(database_url(data, url))
        keys, codes = [], []
        for n in range(desks):
            keys.append(Ed25519PrivateKey.generate())
            # two desks a commune, as in a district (not 50 desks of one commune)
            commune = f"000.00.{n // 2:02d}.H26"
            codes.append(store.new_enrol_code(commune, n % 2 + 1, datetime.now(UTC)))
        # two desks a commune, numbered as enrolled
        work = [_entries(n % 2 + 1, per_desk, f"000.00.{n // 2:02d}.H26") for n in range(desks)]
        # 50 desks enrol from this one address: more than the server lets one address try
        os.environ["DISTRICT_ENROL_ATTEMPTS"] = str(2 * len(keys))
        with serve_district(data, url, workers) as base:
            ids = []
            for key, code in zip(keys, codes, strict=True):
                answer = httpx.post(
                    base + protocol.ENROL_PATH,
                    json={"code": code, "public_key": protocol.public_key_text(key.public_key())},
                    headers={protocol.HEADER_PROTOCOL: protocol.PROTOCOL_VERSION},
                ).json()
                ids.append(answer["desk_id"])
            pinned = protocol.load_public_key(answer["server_public_key"])
            errors: list[BaseException] = []

            # The desks' own work (JSON, gzip) is done before the clock starts: on a real
            # network each desk has its own computer; only the signing stays in the loop.
            bodies = [
                [
                    gzip.compress(
                        json.dumps(
                            {
                                "from_seq": rows[start]["seq"],
                                "entries": rows[start : start + batch],
                            },
                            ensure_ascii=False,
                            separators=(",", ":"),
                        ).encode(),
                        compresslevel=6,
                    )
                    for start in range(0, len(rows), batch)
                ]
                for rows in work
            ]
            headers = {"content-type": "application/json", "content-encoding": "gzip"}

            def run(n: int) -> None:
                try:
                    with SyncClient(base, ids[n], keys[n], server_key=pinned) as client:
                        for body in bodies[n]:
                            client.raw("POST", protocol.CHANGES_PATH, body, headers)
                except BaseException as err:
                    errors.append(err)

            threads = [threading.Thread(target=run, args=(n,)) for n in range(desks)]
            started = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            api_seconds = time.perf_counter() - started
            if errors:
                raise errors[0]
        total = desks * per_desk
        held = sum(store.acked_through(i) for i in ids)
        assert held == total, (held, total)
        with store.engine.connect() as db:  # every entry taken, none kept with a problem
            refused = db.execute(
                select(func.count()).select_from(changes).where(changes.c.problem.is_not(None))
            ).scalar_one()
        assert refused == 0, f"{refused} entries refused"
        # the baseline: the same rows inserted raw into a fresh database of the same kind
        engine = raw_engine(url or f"sqlite:///{data / 'raw.sqlite3'}", fresh=bool(url))
        rows = [
            {
                **row,
                "desk_id": f"raw-{n}",
                "uuid": str(uuid.uuid4()),
                "received_at": datetime.now(UTC),
            }
            for n, part in enumerate(work)
            for row in part
        ]
        # (a) each batch committed on its own, as each acknowledgement must be durable;
        # (b) all of them in one transaction, the fastest a plain INSERT goes.
        raw = []
        for per_batch in (True, False):
            with engine.begin() as db:
                db.execute(delete(changes))
            started = time.perf_counter()
            if per_batch:
                for start in range(0, len(rows), batch):
                    with engine.begin() as db:
                        db.execute(insert(changes), rows[start : start + batch])
            else:
                with engine.begin() as db:
                    for start in range(0, len(rows), batch):
                        db.execute(insert(changes), rows[start : start + batch])
            raw.append(total / (time.perf_counter() - started))
        engine.dispose()
        store.engine.dispose()
    return total / api_seconds, raw[0], raw[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--desks", type=int, default=50)
    parser.add_argument("--entries", type=int, default=2000, help="entries per desk")
    parser.add_argument("--batch", type=int, default=protocol.MAX_BATCH_ENTRIES)
    parser.add_argument("--postgres", action="store_true", help="also on a private PostgreSQL")
    parser.add_argument("--workers", type=int, default=2, help="server processes on PostgreSQL")
    parser.add_argument("--repeat", type=int, default=1, help="runs on each database")
    args = parser.parse_args()
    total = args.desks * args.entries
    words = (f"{args.desks} desks (2 a commune) × {args.entries:,} entries in batches of "
             f"{args.batch}, {args.repeat} run(s)")  # fmt: skip
    print(f"{args.desks} desks (2 a commune) × {args.entries} entries = {total:,}, "
          f"batches of {args.batch}")  # fmt: skip
    runs = [ingest(None, args.desks, args.entries, args.batch) for _ in range(args.repeat)]
    report("SQLite", runs, "ingest.sqlite", words + ", 1 server process")
    if args.postgres:
        with private_postgres() as url:
            runs = [ingest(url, args.desks, args.entries, args.batch, args.workers)
                    for _ in range(args.repeat)]  # fmt: skip
        report(f"PostgreSQL ({args.workers} server processes)", runs, "ingest.postgres",
               words + f", {args.workers} server processes", goal=0.30)  # fmt: skip


def report(name: str, runs: list[tuple[float, float, float]], key: str, conditions: str,
           goal: float | None = None) -> None:  # fmt: skip
    target = f" (goal ≥ {goal:.2f})" if goal else ""
    for api, per_batch, one in runs:
        print(f"{name}: {api:7.0f} entries/s via the API | raw INSERT, a commit a batch "
              f"{per_batch:7.0f}/s → ratio {api / per_batch:.2f}{target} | raw INSERT, one "
              f"transaction {one:7.0f}/s → ratio {api / one:.2f}")  # fmt: skip
    emit(key, {"api": [r[0] for r in runs], "per_batch": [r[1] for r in runs],
               "one": [r[2] for r in runs]}, "entries/s", conditions)  # fmt: skip


if __name__ == "__main__":
    main()
