"""Search latency on the demo database, against a bare FTS5 query on the same data.

    python -m bench.search [--data-dir DIR] [--size N]

The desk's search (fold the query, build the match, run it with filters, fetch the rows,
shape the results) is compared with the bare ``SELECT rowid FROM dossier_fts WHERE ...
MATCH ... ORDER BY rowid DESC LIMIT 50`` for the same words. Goal: p95 ≤ 30 ms and within
1.5× the bare query.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from bench.common import DEFAULT_DATA, DEFAULT_SIZE, ensure_demo, report, timed
from desk_app.app import open_desk
from desk_app.domain.text import search_tokens
from desk_app.storage.dossier_store import DossierStore

LIMIT = 50


def queries(desk_rows: list[tuple[str, str, str, str]], rng: random.Random) -> list[str]:
    """What officers type: names with or without accents, codes, ID and phone fragments."""
    typed = ["nguyễn văn", "tran thi", "đặng", "le thi hong", "pham minh duc", "hoang",
             "Nguyen Thi Thu Ha", "vu", "bui van", "ngo thanh"]  # fmt: skip
    for code, name, id_number, phone in rng.sample(desk_rows, 40):
        typed += [code, code.rsplit("-", 2)[-2] + "-" + code.rsplit("-", 1)[-1],
                  name, id_number, id_number[:7], phone[:6] if phone else name.split()[-1]]  # fmt: skip
    return typed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE)
    args = parser.parse_args()
    ensure_demo(args.data_dir, args.size)
    desk = open_desk(args.data_dir)
    store = DossierStore(desk.storage)
    n = desk.dossiers.count()
    rng = random.Random(1)
    sample_ids = [rng.randrange(1, n + 1) for _ in range(200)]
    rows = [(r.code, r.applicant_name, r.applicant_id_number, r.applicant_phone)
            for r in desk.dossiers.rows(sample_ids)]  # fmt: skip
    typed = queries(rows, rng)
    print(f"search over {n:,} dossiers, {len(typed)} queries, limit {LIMIT}")
    # Warm the page cache the same way for both, then measure interleaved runs.
    for q in typed:
        desk.dossiers.search(q, limit=LIMIT)
    ours: list[float] = []
    raw: list[float] = []
    for _ in range(3):
        for q in typed:
            match = " AND ".join(f'"{t}"*' for t in search_tokens(q))
            raw += timed(lambda match=match: store.raw_fts_ids(match, LIMIT), 1)  # type: ignore[misc]
            ours += timed(lambda q=q: desk.dossiers.search(q, limit=LIMIT), 1)  # type: ignore[misc]
    report("bare FTS5 query (baseline)", raw)
    report("desk search (query → 50 result rows)", ours, raw, "p95 ≤ 30 ms, ≤ 1.5×")
    all_ids = timed(lambda: desk.dossiers.search_ids("nguyen"), 5)
    report("all ids for 'nguyen' (list page, background)", all_ids)
    everything = timed(lambda: desk.dossiers.search_ids(""), 3)
    report("all ids, no query (list page, background)", everything)
    desk.close()


if __name__ == "__main__":
    main()
