"""The tables of ``docs/bench.md`` and the README, one method per section, from a run's
figures (``bench/run_all.py`` collects them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from bench.figures import MIN_P95

SECTIONS = ("performance", "digitisation", "sync", "crash")


@dataclass
class Run:
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)  # step → "ok" or why not


def render(run: Run, info: dict[str, str], steps_of: dict[str, str]) -> dict[str, str]:
    tables = Tables(run, info, steps_of)
    return {name: getattr(tables, name)() for name in SECTIONS}


# --- formatting --------------------------------------------------------------------------


def ms(value: float) -> str:
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    if value >= 10:
        return f"{value:.0f} ms"
    if value >= 1:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def size_words(n: float) -> str:
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.0f} MB"


def dist(v: dict[str, Any], fmt: Callable[[float], str] = ms) -> str:
    """p50 and p95 with their sample count; the median and the maximum when too few."""
    if "p95" in v:
        return f"p50 {fmt(v['p50'])}, p95 {fmt(v['p95'])} (n={v['n']})"
    if v["n"] == 1:
        return f"{fmt(v['p50'])} (one run)"
    return f"median {fmt(v['p50'])}, max {fmt(v['max'])} (n={v['n']}, < {MIN_P95}: no p95)"


def top(v: dict[str, Any]) -> float:
    """What a goal is judged on: the p95, or the maximum when there is no p95."""
    return float(v.get("p95", v["max"]))


def ratio(ours: dict[str, Any], base: dict[str, Any]) -> str:
    if "p95" in ours and "p95" in base:
        return f"{ours['p95'] / max(base['p95'], 1e-9):.2f}× at p95"
    return f"{ours['p50'] / max(base['p50'], 1e-9):.2f}× at the median"


def met(ok: bool) -> str:
    return "met" if ok else "**not met**"


class Tables:
    def __init__(self, run: Run, info: dict[str, str], steps_of: dict[str, str]) -> None:
        self.run, self.info, self.steps_of = run, info, steps_of

    def fig(self, key: str) -> Any:
        record = self.run.figures.get(key)
        return None if record is None else record["value"]

    def cond(self, key: str) -> str:
        record = self.run.figures.get(key)
        return "" if record is None else str(record.get("conditions", ""))

    def missing(self, key: str) -> str:
        step = self.steps_of.get(key.split(".")[0], key.split(".")[0])
        why = self.run.status.get(step, "not run")
        return f"— ({why})" if not why.startswith("ok") else "— (no figure printed)"

    def stamp(self) -> str:
        i = self.info
        text = (
            f"_Measured by `bash scripts/bench` ({i['kind']}, demo {i['demo']}) on "
            f"{i['date']}, commit `{i['commit']}`: {i['cpu']}, {i['cores']} cores, "
            f"{i['ram']}; the machine, versions and raw figures are in "
            f"[docs/bench.md](docs/bench.md)._"
        )
        if i.get("updated"):  # bash scripts/bench --only NAMES --update (bench/update.py)
            text += f" _Since then: {i['updated']}._"
        if i["kind"] != "full run":
            text = (
                "**QUICK SMOKE RUN: a small demo and few samples; these are not the "
                "figures of a full run.** " + text
            )
        return text

    # -- performance --

    def performance(self) -> str:
        f = self.fig
        rows = ["| What | Figure | Baseline in the same run | Goal |", "|---|---|---|---|"]
        demo = f("demo")
        if demo:
            rows.append(
                f"| `desk-app demo --dossiers N` (each dossier's whole life) | "
                f"{demo['s']:.0f} s ({size_words(demo['bytes'])} database) | — | "
                f"< 180 s for 1,000,000: "
                f"{met(demo['s'] < 180) if '1,000,000' in self.info['demo'] else 'n/a'} |"
            )
        else:
            rows.append(f"| `desk-app demo --dossiers N` | {self.missing('demo')} | — | < 180 s |")
        q, qb, qf = (
            f("report.last_quarter"),
            f("report.last_quarter.baseline"),
            f("report.last_quarter.first"),
        )
        if q and qb and qf:
            rows.append(
                f"| quarterly report, last complete quarter, every count by procedure "
                f"(`bench.report`, over {f('report.dossiers') or 0:,} dossiers) | "
                f"{dist(q)}; first run {ms(qf['p50'])} | counting the quarter's received "
                f"dossiers by index {dist(qb)} | ≤ 2 s: {met(top(q) <= 2000)} |"
            )
        else:
            rows.append(
                f"| quarterly report (`bench.report`) | {self.missing('report')} | | ≤ 2 s |"
            )
        o, y = f("report.old_quarter"), f("report.year")
        if o and y:
            rows.append(
                f"| quarterly report four years back; a whole year | {dist(o)}; {dist(y)} "
                f"| — | ≤ 2 s: {met(max(top(o), top(y)) <= 2000)} |"
            )
        t1, tc, tl, tb = (
            f("today.first"),
            f("today.counts"),
            f("today.with_list"),
            f("today.baseline"),
        )
        if t1 and tc and tl and tb:
            rows.append(
                f"| Today page: six counts (`bench.report`) | first run {ms(t1['p50'])}, "
                f"then {dist(tc)}; counts + first list {dist(tl)} | one indexed count "
                f"{dist(tb)} | ≤ 200 ms: {met(max(t1['max'], top(tl)) <= 200)} |"
            )
        s, sb = f("search.desk"), f("search.baseline")
        if s and sb:
            r = top(s) / max(top(sb), 1e-9)
            rows.append(
                f"| search, {f('search.queries')} typed queries (names with/without "
                f"accents, codes, ID and phone fragments) × 3 passes, 50 rows each "
                f"(`bench.search`) | {dist(s)} | bare FTS5 / index query {dist(sb)} → "
                f"{ratio(s, sb)} | p95 ≤ 30 ms, ≤ 1.5×: {met(top(s) <= 30 and r <= 1.5)} |"
            )
        else:
            rows.append(f"| search (`bench.search`) | {self.missing('search')} | | p95 ≤ 30 ms |")
        a = f("search.all_ids")
        if a:
            rows.append(
                f"| all ids of the list, no query (`bench.search`; in the background) "
                f"| {dist(a)} | — | — |"
            )
        i, ir, ic = f("intake.save"), f("intake.render"), f("intake.commit")
        if i and ir and ic:
            rows.append(
                f"| save → receipt PDF ready, {i['n']} saves (`bench.intake`) | {dist(i)} "
                f"| rendering Form 01 alone {dist(ir)} → {ratio(i, ir)}; a bare fsync'd "
                f"commit {dist(ic)} | p95 ≤ 150 ms: {met(top(i) <= 150)} |"
            )
        else:
            rows.append(
                f"| save → receipt (`bench.intake`) | {self.missing('intake')} | | p95 ≤ 150 ms |"
            )
        d, b, s = f("startup.desk"), f("startup.bare"), f("startup.signin")
        if d and b:
            rows.append(
                f"| cold start → first painted window, signed in (`bench.startup`, "
                f"{self.cond('startup.desk')}) | {dist(d)} | bare Qt window {dist(b)} → "
                f"{ratio(d, b)}, {d['p50'] / max(b['p50'], 1e-9):.2f}× at p50 | p50 ≤ 1.0 s, "
                f"≤ 5×: {met(d['p50'] <= 1000 and d['p50'] <= 5 * b['p50'])} |"
            )
            if s:
                rows.append(
                    f"| cold start → sign-in window painted (`bench.startup`) | {dist(s)} | "
                    f"{s['p50'] / max(b['p50'], 1e-9):.2f}× the bare window at p50 | — |"
                )
        else:
            rows.append(
                f"| cold start (`bench.startup`) | {self.missing('startup')} | | p50 ≤ 1.0 s |"
            )
        cd, cb = f("startup.cold_desk"), f("startup.cold_bare")
        if cd and cb:
            rows.append(
                f"| start with the OS file cache dropped (`bench.startup --cold-runs`) | "
                f"{dist(cd)} | bare Qt window, cache dropped too {dist(cb)} | — |"
            )
        u, c, k, mb = (
            f("integrity.unclean"),
            f("integrity.clean"),
            f("integrity.kdf"),
            f("integrity.database"),
        )
        if u and c and k is not None and mb is not None:
            rows.append(
                f"| opening the desk after an unclean close: whole-file check "
                f"(`bench.integrity`, {mb:,.0f} MB database, sign-in included: "
                f"{self.cond('integrity.kdf')}, {ms(k)} of it) | {dist(u)} | the same "
                f"open after a clean close {dist(c)} | — |"
            )
        else:
            rows.append(
                f"| open after an unclean close (`bench.integrity`) | {self.missing('integrity')} | | — |"
            )
        p, pb = f("scroll.peak"), f("scroll.before")
        if p is not None and pb is not None:
            rows.append(
                f"| peak memory scrolling all {f('scroll.rows'):,} rows, "
                f"{self.cond('scroll.per_screen')} (`bench.scroll_memory`) | {p:.0f} MB "
                f"({ms(f('scroll.per_screen'))} per "
                f"screen) | window shown, list not loaded {pb:.0f} MB → {p / pb:.2f}× | "
                f"≤ 250 MB: {met(p <= 250)} |"
            )
        else:
            rows.append(
                f"| peak memory scrolling (`bench.scroll_memory`) | {self.missing('scroll')} | | ≤ 250 MB |"
            )
        return "\n".join([self.stamp(), "", *rows])

    # -- digitisation --

    NAMES: ClassVar[dict[str, str]] = {
        "text.bw": "notice, 4 paragraphs",
        "text (5 par.).bw": "notice, 5 paragraphs (dense)",
        "text.grey": "notice",
        "form.bw": "form with seal",
        "form.colour": "form with seal",
        "id_card.colour": "ID card on A4",
        "sane_pattern.colour": "SANE colour pattern",
    }
    GOALS: ClassVar[dict[str, int]] = {"bw": 40, "grey": 120, "colour": 200}

    def digitisation(self) -> str:
        rows = [
            "| page | mode | KB/page | goal | × lossless | × JPEG 75 | ms/page (clean alone) | "
            "OCR scan → cleaned → stored |",
            "|---|---|---|---|---|---|---|---|",
        ]
        pages = [
            (k, r)
            for k, r in self.run.figures.items()
            if k.startswith("capture.") and isinstance(r["value"], dict)
        ]
        worst_jpeg, slowest = 0.0, 0.0
        for key, record in pages:
            v = record["value"]
            name = key.removeprefix("capture.")
            mode = name.rsplit(".", 1)[1]
            label = {"bw": "B/W", "grey": "grey", "colour": "colour"}[mode]
            codec = v.get("codec") or ("G4" if mode == "bw" else "JPEG")  # runs before issue 24
            kind = f"{label} ({codec}"
            kb, goal = v["bytes"] / 1000, self.GOALS[mode]
            worst_jpeg = max(worst_jpeg, v["bytes"] / v["jpeg75"])
            slowest = max(slowest, v["ms"])
            ocr = v["ocr"]
            shown = (
                "—"
                if ocr[0] is None or ocr[0] < 50 or None in ocr
                else " → ".join(f"{x:.1f}%" for x in ocr)
            )
            rows.append(
                f"| {self.NAMES.get(name, name)} | {kind}, {v['dpi']} dpi) | {kb:.1f} | "
                f"≤ {goal} {'✓' if kb <= goal else '✗'} | {v['bytes'] / v['lossless']:.3f} | "
                f"{v['bytes'] / v['jpeg75']:.3f} | {v['ms']:.0f} ({v['clean_ms']:.0f}) | {shown} |"
            )
        if not pages:
            rows.append(f"| {self.missing('capture')} | | | | | | | |")
        lines = [
            self.stamp(),
            "",
            "Bytes are what one more page adds to a component PDF; the baselines are the same "
            "scan as one more page of an img2pdf PDF, lossless (PNG) and JPEG quality 75, at "
            "the stored page's resolution and colour space (grey for B/W and grey pages, RGB "
            "for colour), made in the same run. Time: clean + encode (clean "
            "alone in brackets), median of several runs on one core.",
            "",
            *rows,
            "",
        ]
        if pages:
            lines.append(
                f"Every page is ≤ {worst_jpeg:.2f}× JPEG 75 (goal ≤ 0.5×: "
                f"{met(worst_jpeg <= 0.5)}); the slowest takes {slowest:.0f} ms "
                f"(goal ≤ 300 ms on one core: {met(slowest <= 300)})."
            )
        if self.fig("capture.ocr") is False:
            lines.append("OCR: not measured (tesseract with Vietnamese is not installed here).")
        a = self.fig("capture.assembly5")
        if a is not None:
            lines.append(
                f"A whole 5-page B/W component (encode, assemble, PDF/A-2b validation of "
                f"the bytes written): {ms(a)}."
            )
        sb, sm, sf = self.fig("signing.bytes"), self.fig("signing.ms"), self.fig("signing.first")
        if sb is not None and sm and sf is not None:
            lines.append(
                f"Signing (`bench.signing`, {self.cond('signing.ms')}) adds {dist(sm)} "
                f"and {sb / 1000:.1f} KB per document; the first signature of a process "
                f"takes {ms(sf)} (the stamp font is cut down to Vietnamese once)."
            )
        else:
            lines.append(f"Signing (`bench.signing`): {self.missing('signing')}.")
        return "\n".join(lines)

    # -- sync --

    def sync(self) -> str:
        lines = [self.stamp(), ""]
        w = self.fig("weak_link")
        if w:
            bound = w["bound_s"]
            lines += [
                f"`bench.sync_weak_link` (a commune's day: {self.cond('weak_link')}; the cut run "
                f"drops every connection at {w['cuts']} points of the payload):",
                "",
                "| | Time | × lower bound (payload ÷ link rate) | Goal |",
                "|---|---|---|---|",
                f"| payload {w['payload'] / 1024:,.0f} KB (papers {w['papers'] / 1024:,.0f} KB); "
                f"lower bound | {bound:.1f} s | 1.00 | |",
                f"| the day, uncut | {w['uncut_s']:.1f} s | {w['uncut_s'] / bound:.2f} | ≤ 1.25: "
                f"{met(w['uncut_s'] / bound <= 1.25)} |",
                f"| the day, {w['cuts']} cuts ({w['cut_runs']} runs of `desk-app sync`) | "
                f"{w['cut_s']:.1f} s | {w['cut_s'] / bound:.2f} | |",
                f"| re-sent after {w['cuts']} cuts | {w['resent'] / 1024:,.0f} KB in all, "
                f"{w['resent'] / max(1, w['cuts']) / 1024:,.0f} KB a cut | | ≤ one chunk "
                f"({w['chunk'] // 1024} KB) a cut: {met(w['resent'] / max(1, w['cuts']) <= w['chunk'])} |",
            ]
        else:
            lines.append(f"`bench.sync_weak_link`: {self.missing('weak_link')}.")
        lines.append("")
        lines += self.hub()
        lines.append("")
        rows = []
        for key, name, goal in (
            ("ingest.sqlite", "SQLite", None),
            ("ingest.postgres", "PostgreSQL", 0.30),
        ):
            v = self.fig(key)
            if not v:
                rows.append(f"| {name} | {self.missing(key)} | | | | | |")
                continue

            def span(xs: list[float]) -> str:
                lo, hi = min(xs), max(xs)
                return f"{lo:,.0f}" if round(lo) == round(hi) else f"{lo:,.0f} – {hi:,.0f}"

            def rspan(xs: list[float]) -> str:
                lo, hi = min(xs), max(xs)
                return f"{lo:.2f}" if f"{lo:.2f}" == f"{hi:.2f}" else f"{lo:.2f} – {hi:.2f}"

            per = [a / b for a, b in zip(v["api"], v["per_batch"], strict=True)]
            one = [a / b for a, b in zip(v["api"], v["one"], strict=True)]
            target = f"≥ {goal:.2f}: {met(min(per) >= goal)}" if goal else ""
            rows.append(
                f"| {name} ({self.cond(key).rsplit(', ', 1)[-1]}) | {span(v['api'])} | "
                f"{span(v['per_batch'])} | {rspan(per)} | {span(v['one'])} | {rspan(one)} "
                f"| {target} |"
            )
        conditions = self.cond("ingest.sqlite") or self.cond("ingest.postgres")
        lines += [
            f"`bench.sync_ingest` ({conditions.rsplit(', ', 1)[0] if conditions else 'not run'}; "
            "signed and gzipped as a desk sends them, against the real server; the raw baselines "
            "insert the same rows into the same kind of database through an engine set up by the "
            "server's store, so with the same journal mode and synchronous setting: one commit a "
            "batch, what an acknowledgement needs, and one transaction for everything; ranges "
            "over the runs):",
            "",
            "| Database | API entries/s | Raw, a commit a batch | Ratio | Raw, one transaction | "
            "Ratio | Goal |",
            "|---|---|---|---|---|---|---|",
            *rows,
        ]
        return "\n".join(lines)

    # -- crash --

    def hub(self) -> list[str]:
        """The commune hub (bench.hub): LAN propagation, the drain when the WAN returns."""
        lan, drained = self.fig("hub.lan"), self.fig("hub.drain")
        if not lan:
            return [f"`bench.hub`: {self.missing('hub.lan')}."]
        lines = [
            f"`bench.hub` (the commune hub; LAN: {self.cond('hub.lan')}):",
            "",
            "| | Measured | Goal |",
            "|---|---|---|",
            f"| LAN propagation desk to desk ({lan['rounds']} rounds) | p50 "
            f"{lan['p50_ms']:,.0f} ms, p95 {lan['p95_ms']:,.0f} ms | p95 ≤ 2 s: "
            f"{met(lan['p95_ms'] <= 2000)} |",
        ]
        if drained:
            lines.append(
                f"| drain of the day when the WAN returns ({self.cond('hub.drain')}; payload "
                f"{drained['payload'] / 1024:,.0f} KB, lower bound {drained['bound_s']:.1f} s) | "
                f"{drained['drain_s']:.1f} s, × {drained['drain_s'] / drained['bound_s']:.2f} "
                "of the bound | |"
            )
        else:
            lines.append(
                f"| drain of the day when the WAN returns | {self.missing('hub.drain')} | |"
            )
        return lines

    def crash(self) -> str:
        c, r, k = self.fig("crash"), self.fig("crash.restart"), self.fig("crash.real_kdf")
        if not (c and r and k is not None):
            return f"{self.stamp()}\n\nCrash harness: {self.missing('crash')}."
        real = self.cond("crash.real_kdf").removeprefix("one sign-in's ").removesuffix(", same run")
        where = ", ".join(
            f"{n} {w}" for w, n in sorted(c["killed_while"].items(), key=lambda x: -x[1])
        )
        return (
            f"{self.stamp()}\n\nLast run (`bench.crash --kills {c['kills']}`): "
            f"**{c['kills']} kills, all checks passed after every one**; {c['dossiers']:,} "
            f"dossiers ({c['receipts']:,} with a receipt produced before the kill), "
            f"{c['entries_synced']:,} change-log entries held by the server exactly once each "
            f"after the final sync, {c['papers']:,} paper files; reopening after a kill "
            f"(integrity check and sweep included) {dist(r)} on this small desk, "
            f"{self.cond('crash.restart').removesuffix('; a small desk')} (the tests' cost, "
            f"not the desk's: {real} takes {ms(k)} a sign-in, measured "
            f"in the same run); {c['minutes']:.1f} minutes. Where the kills landed (from the "
            f"worker's open files): {where}."
        )
