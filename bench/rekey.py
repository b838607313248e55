"""How long replacing the data key takes (what a revocation costs at close): a demo
commune of N dossiers with P paper files, then ``storage.rekey.replace_data_key``.

    python -m bench.rekey --dossiers 5000 --papers 200
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from desk_app.app import open_desk
from desk_app.services.access import ADMIN, DEMO_PASSWORD, set_up_desk, unlock
from desk_app.services.clock import system_clock
from desk_app.storage.blob_store import BLOB_DIR
from desk_app.storage.rekey import replace_data_key


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=5000)
    parser.add_argument("--papers", type=int, default=200)
    parser.add_argument("--paper-kb", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "desk"
        set_up_desk(data, username=ADMIN, full_name="Quản trị (đo)", password=DEMO_PASSWORD,
                    clock=system_clock, demo=True)  # fmt: skip
        desk = open_desk(data, officer=ADMIN, password=DEMO_PASSWORD)
        try:
            desk.demo.create(args.dossiers)
            import secrets

            with desk.storage.write():
                for _ in range(args.papers):
                    desk.blobs.put(secrets.token_bytes(args.paper_kb * 1024),
                                   media_type="application/pdf", now=datetime.now(UTC))  # fmt: skip
            dossiers = desk.dossiers.count()
        finally:
            desk.close()
        size = (data / "desk.sqlite3").stat().st_size
        papers = sum(p.stat().st_size for p in (data / BLOB_DIR).glob("??/*"))
        key = unlock(data, ADMIN, DEMO_PASSWORD, system_clock).key
        start = time.perf_counter()
        done = replace_data_key(data, key)
        took = time.perf_counter() - start
        print(f"{dossiers:,} dossiers, database {size / 1e6:.1f} MB, {done.papers} paper files "
              f"{papers / 1e6:.1f} MB: data key replaced in {took:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
