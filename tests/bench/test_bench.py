"""scripts/bench's machinery: figures quoted only with the samples they need, baselines
doing the same work, the README's tables written by the run and not by hand."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from bench.common import report
from bench.figures import parse
from bench.run_all import SECTIONS, splice
from bench.sync_ingest import raw_engine
from district_server.store import ServerStore

ROOT = Path(__file__).resolve().parents[2]


def test_five_runs_give_no_p95_but_their_median_and_maximum(
    capsys: pytest.CaptureFixture[str],
) -> None:
    report("report, last quarter", [200.0, 210.0, 220.0, 230.0, 900.0], key="x")
    out = capsys.readouterr().out
    assert not re.search(r"p95 +[0-9.]+ ms", out), out  # the 95th of 5 runs is their maximum
    assert "max   900.00 ms" in out and "n=5" in out
    figure = parse(out)["x"]["value"]
    assert figure["n"] == 5 and "p95" not in figure and figure["max"] == 900.0
    report("search", [float(n) for n in range(1, 21)], key="y")
    assert parse(capsys.readouterr().out)["y"]["value"]["p95"] == 19.0  # 20 samples: a p95


def test_the_sqlite_ingest_baseline_runs_in_the_servers_journal_mode(tmp_path: Path) -> None:
    server = ServerStore(f"sqlite:///{tmp_path / 'server.sqlite3'}").engine
    baseline = raw_engine(f"sqlite:///{tmp_path / 'raw.sqlite3'}")
    settings = []
    for engine in (server, baseline):
        with engine.connect() as db:
            settings.append(
                (
                    db.execute(text("PRAGMA journal_mode")).scalar(),
                    db.execute(text("PRAGMA synchronous")).scalar(),
                )
            )
        engine.dispose()
    assert settings[0] == settings[1] == ("wal", 2)  # WAL, synchronous=FULL on both sides


def test_the_readme_tables_are_spliced_between_markers(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text((ROOT / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    blocks = {name: f"| {name} | 1 |\n|---|---|\n\nline two of {name}" for name in SECTIONS}
    assert splice(readme, blocks) == list(SECTIONS)  # every table has its markers
    once = readme.read_text(encoding="utf-8")
    for name in SECTIONS:
        assert once.count(f"| {name} | 1 |") == 1
    # the crash figures sit in a list item: the block is indented to stay in it
    assert "\n  line two of crash\n" in once
    assert "\n\n  <!-- bench:end crash -->" not in once
    # running it again replaces, never adds; the text outside the markers is kept
    assert splice(readme, blocks) == list(SECTIONS)
    assert readme.read_text(encoding="utf-8") == once
    assert _outside(once) == _outside((ROOT / "README.md").read_text(encoding="utf-8"))


def _outside(readme: str) -> str:
    """The README without what stands between its bench markers."""
    return re.sub(r"(<!-- bench:begin \w+ -->).*?(<!-- bench:end \w+ -->)", r"\1\2", readme,
                  flags=re.S)  # fmt: skip


@pytest.mark.slow
def test_a_partial_run_writes_the_signing_figures_with_their_conditions(tmp_path: Path) -> None:
    out = tmp_path / "bench.md"
    done = subprocess.run(
        [sys.executable, "-m", "bench.run_all", "--quick", "--only", "signing", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    written = out.read_text(encoding="utf-8")
    assert "QUICK SMOKE RUN" in written
    assert "| `signing` | ok (load average " in written
    line = next(x for x in written.splitlines() if x.startswith("Signing (`bench.signing`"))
    assert "PKCS#12, RSA 2048" in line and "KB per document" in line
    assert "(n=5, < 20: no p95)" in line  # five signatures: the median and the maximum
    raw = parse("\n".join("FIGURE " + x for x in written.split("```")[1].strip().splitlines()))
    assert raw["signing.bytes"]["value"] > 1000


def test_the_hub_figures_are_tabled_with_their_goal_and_bound() -> None:
    from bench.run_all import STEPS_OF
    from bench.tables import Run, Tables

    info = {"kind": "full run", "demo": "-", "date": "-", "commit": "-", "cpu": "-",
            "cores": "2", "ram": "-"}  # fmt: skip
    lan = {"value": {"p50_ms": 120.0, "p95_ms": 2300.0, "rounds": 40}, "conditions": "loopback"}
    drain = {"value": {"payload": 9_330_493, "bound_s": 291.6, "drain_s": 320.0}}
    lines = Tables(Run({"hub.lan": lan}, {"hub": "ok"}), info, STEPS_OF).hub()
    assert "p50 120 ms, p95 2,300 ms | p95 ≤ 2 s: **not met**" in lines[4]
    assert "— (no figure printed)" in lines[5]  # the drain needs root: said, not hidden
    both = Run({"hub.lan": lan, "hub.drain": drain}, {"hub": "ok"})
    row = Tables(both, info, STEPS_OF).hub()[5]
    assert "320.0 s, × 1.10 of the bound" in row and "lower bound 291.6 s" in row
