"""Search latency on the demo database, against a bare FTS5 query on the same data.

    python -m bench.search [--data-dir DIR] [--size N]

The desk's search (fold the query, build the match, run it with filters, fetch the rows,
shape the results) is compared with the bare statement it rests on, for the same query:
``SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH ? ORDER BY rowid DESC LIMIT 50``
with the same match expression, or for a whole code the bare lookup by its indexed key.
Goal: p95 ≤ 30 ms and within 1.5× the bare query.
"""

from __future__ import annotations

import random

from bench.common import demo_args, open_bench_desk, report, timed
from bench.figures import emit
from desk_app.domain.codes import code_key_in_query
from desk_app.domain.text import search_tokens
from desk_app.storage.dossier_store import DossierStore, fts_match

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
    args = demo_args()
    desk = open_bench_desk(args.data_dir)
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
    agency = desk.settings.load().agency_code
    db = desk.storage.db

    def bare(q: str) -> list[int]:
        key = code_key_in_query(q, agency)
        if key is not None:
            sql = "SELECT id FROM dossiers WHERE code_key = ? ORDER BY id DESC LIMIT ?"
            return [r[0] for r in db.execute(sql, [key, LIMIT])]
        return store.raw_fts_ids(fts_match(search_tokens(q)), LIMIT)

    for _ in range(3):
        for q in typed:
            raw += timed(lambda q=q: bare(q), 1)  # type: ignore[misc]
            ours += timed(lambda q=q: desk.dossiers.search(q, limit=LIMIT), 1)  # type: ignore[misc]
    slowest = sorted(((t, q) for t, q in zip(ours, typed * 3, strict=True)), reverse=True)[:3]
    emit("search.queries", len(typed), "queries")
    report("bare FTS5 / index query (baseline)", raw, key="search.baseline")
    report("desk search (query → 50 result rows)", ours, raw, "p95 ≤ 30 ms, ≤ 1.5×",
           key="search.desk")  # fmt: skip
    print("  slowest: " + "; ".join(f"{q!r} {t:.1f} ms" for t, q in slowest))
    all_ids = timed(lambda: desk.dossiers.search_ids("nguyen"), 5)
    report("all ids for 'nguyen' (list page, background)", all_ids)
    everything = timed(lambda: desk.dossiers.search_ids(""), 3)
    report("all ids, no query (list page, background)", everything, key="search.all_ids")
    desk.close()


if __name__ == "__main__":
    main()
