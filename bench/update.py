"""``bash scripts/bench --only NAMES --update``: re-measure some benches and put them into the
last full run's docs/bench.md and README tables, with the other figures left as they were
measured. The tables then say which benches were re-measured, when, and at which commit.

The previous file is read back: its machine rows, the status of each bench and the raw
figures (one JSON object per line). A re-measured bench's figures replace that bench's old
ones (every key of its step), so no old figure of it is left beside the new ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.tables import Run

RAW = re.compile(r"## Raw figures\n\n```\n(.*?)\n```", re.S)
ROW = re.compile(r"^\| (.+?) \| (.*) \|$")


def previous(path: Path) -> tuple[Run, dict[str, str]]:
    """The run and machine rows written to ``path`` by a full run, or ``ValueError``."""
    text = path.read_text(encoding="utf-8")
    found = RAW.search(text)
    if found is None or "QUICK SMOKE RUN" in text.split("##", 1)[0]:
        raise ValueError(f"{path} holds no full run to update")
    run = Run()
    for line in found.group(1).splitlines():
        if line.strip():
            record = json.loads(line)
            run.figures[record["key"]] = record
    info: dict[str, str] = {}
    head = text.split("\n## ", 1)[0]
    for line in head.splitlines():
        row = ROW.match(line)
        if row is None or row.group(1) in ("", "---", "bench"):
            continue
        name, value = row.groups()
        if name.startswith("`") and name.endswith("`"):
            run.status[name.strip("`")] = value
        else:
            info[name] = value
    return run, info


def merge(old: Run, new: Run, steps_of: dict[str, str], remeasured: set[str]) -> Run:
    """``old`` with every figure of the ``remeasured`` steps replaced by ``new``'s (and
    nothing else of ``new``: a demo it reused keeps the full run's figures)."""

    def step(key: str) -> str:
        return steps_of.get(key.split(".")[0], key.split(".")[0])

    merged = Run(
        figures={key: record for key, record in old.figures.items() if step(key) not in remeasured},
        status=dict(old.status),
    )
    merged.figures.update({k: v for k, v in new.figures.items() if step(k) in remeasured})
    merged.status.update({k: v for k, v in new.status.items() if k in remeasured})
    return merged


def note(info: dict[str, str], names: list[str], now: dict[str, str]) -> dict[str, str]:
    """The machine rows of the full run, with what was re-measured since."""
    lead = f"{', '.join(names)} re-measured on "
    this = f"{lead}{now['date']}, commit `{now['commit']}` (load {now['load']})"
    # what an earlier update said of these benches is replaced, of others kept
    said = []
    for part in filter(None, info.get("updated", "").split("; ")):
        benches, _, when = part.partition(" re-measured on ")
        left = [b for b in benches.split(", ") if b not in names]
        if left:
            said.append(f"{', '.join(left)} re-measured on {when}")
    return {**info, "updated": "; ".join([*said, this])}
