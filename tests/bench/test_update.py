"""bench/update.py: some benches re-measured into the last full run's tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.run_all import STEPS_OF, write_file
from bench.tables import Run, render
from bench.update import merge, note, previous

ROOT = Path(__file__).resolve().parents[2]


def test_the_full_run_is_read_back_and_only_the_remeasured_bench_changes(tmp_path: Path) -> None:
    old, info = previous(ROOT / "docs" / "bench.md")  # the committed full run
    assert info["kind"] == "full run" and old.status["startup"].startswith("ok")
    assert old.figures["startup.desk"]["value"]["p50"] > 0
    new = Run(
        figures={"startup.desk": {"key": "startup.desk", "value": {"n": 20, "p50": 400.0,
                 "p95": 420.0, "max": 430.0, "mean": 401.0}, "unit": "ms", "conditions": "x"}},
        status={"startup": "ok (load average 0.5 before it, 0.6 after)"},
    )  # fmt: skip
    new.figures["demo"] = {"key": "demo", "value": None, "unit": "", "conditions": ""}
    new.status["demo"] = "reused"  # a demo reused by the partial run: not re-measured
    merged = merge(old, new, STEPS_OF, {"startup"})
    assert merged.status["demo"] == old.status["demo"]
    assert merged.figures["demo"] == old.figures["demo"] and old.figures["demo"]["value"]
    assert merged.figures["startup.desk"]["value"]["p50"] == 400.0
    # the old run's other start-up figures are gone (nothing stale beside the new one) …
    assert not [k for k in merged.figures if k.startswith("startup.") and k != "startup.desk"]
    # … and every other bench's figures and status are the full run's
    others = {k: v for k, v in old.figures.items() if not k.startswith("startup.")}
    assert {k: merged.figures[k] for k in others} == others
    assert merged.status["scroll_memory"] == old.status["scroll_memory"]
    now = {"date": "2026-12-06 18:00 UTC", "commit": "abc", "load": "0.5 0.5 0.5"}
    told = note(info, ["startup"], now)
    assert told["commit"] == info["commit"]  # the full run's own commit stays
    blocks = render(merged, told, STEPS_OF)
    stamp = blocks["performance"].split("\n", 1)[0]
    assert "startup re-measured on 2026-12-06 18:00 UTC, commit `abc`" in stamp
    assert stamp.count("startup") == 1  # what an earlier update said of it is replaced
    other = note({**info, "updated": "scroll re-measured on X"}, ["startup"], now)["updated"]
    assert other.startswith("scroll re-measured on X; startup re-measured on 2026-12-06")
    # what an earlier update said of the benches re-measured now is replaced
    wider = note({**info, "updated": "scroll, startup re-measured on X"}, ["hub", "startup"], now)
    assert wider["updated"] == (
        "scroll re-measured on X; hub, startup re-measured on 2026-12-06 18:00 UTC, "
        "commit `abc` (load 0.5 0.5 0.5)"
    )
    out = tmp_path / "bench.md"
    write_file(out, blocks, merged, told)
    again, info_again = previous(out)  # written, it reads back the same
    assert again.figures == merged.figures and info_again["updated"] == told["updated"]


def test_a_quick_run_is_not_a_full_run_to_update(tmp_path: Path) -> None:
    quick = tmp_path / "bench.md"
    quick.write_text("# Benchmark figures\n\n**QUICK SMOKE RUN — not the figures.**\n\n"
                     "## Raw figures\n\n```\n{}\n```\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(ValueError, match="no full run"):
        previous(quick)
