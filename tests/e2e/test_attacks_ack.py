"""Forged acknowledgement files on a USB stick against the real ``desk-app import-ack``:
refused in words (exit 2, no traceback), with the desk's memory bounded, and nothing
marked sent. Whoever holds the stick can put any file on it; only the server can sign."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.hostile import run_measured
from tests.conftest import birth_draft, desk_at, desk_env
from tests.e2e.conftest import RunningServer, start_server

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


@pytest.fixture(scope="module")
def enrolled_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The data folder of a desk enrolled once, with one dossier not yet sent."""
    root = tmp_path_factory.mktemp("ack")
    server: RunningServer = start_server(root / "district")
    try:
        desk = desk_at(root / "desk")
        try:
            code = server.store.new_enrol_code("000.00.31.H26", 1, datetime.now(UTC))
            desk.sync.enrol(server.url, code)
            desk.intake.receive(birth_draft(desk))
        finally:
            desk.close()
    finally:
        server.stop()
    yield root / "desk"


def _import_ack(data: Path, ack: Path) -> tuple[int, str, int]:
    code, err, peak, _ = run_measured(
        [sys.executable, "-m", "desk_app", "import-ack", "--data-dir", str(data), str(ack)]
    )
    return code, err, peak


@pytest.fixture(autouse=True)
def _desk_password(monkeypatch: pytest.MonkeyPatch) -> None:
    """``run_measured`` starts desk-app with this process's environment."""
    for name, value in desk_env().items():
        monkeypatch.setenv(name, value)


def _pending(data: Path) -> int:
    desk = desk_at(data)
    try:
        return desk.sync.state().pending
    finally:
        desk.close()


def _refused(data: Path, ack: Path) -> tuple[str, int]:
    pending = _pending(data)
    code, err, peak = _import_ack(data, ack)
    assert code == 2 and "Traceback" not in err and "Lỗi: " in err, (code, err[-800:])
    assert _pending(data) == pending
    return err, peak


def test_an_ack_nested_past_the_parser_s_depth_is_refused_in_words(
    enrolled_desk: Path, tmp_path: Path
) -> None:
    """The file is parsed before its signature is checked: RecursionError, a traceback."""
    ack = tmp_path / "deep.ack.json"
    ack.write_text("[" * 100_000 + "]" * 100_000)
    err, _ = _refused(enrolled_desk, ack)
    assert "deep.ack.json" in err


def test_a_huge_ack_is_refused_before_it_is_read(enrolled_desk: Path, tmp_path: Path) -> None:
    """A 600 MB file (sparse here) named like an acknowledgement was read whole, then
    decoded, before anything was checked: the desk's memory grew by more than a GB."""
    small = tmp_path / "small.ack.json"
    small.write_text("{}")
    _, resting = _refused(enrolled_desk, small)
    huge = tmp_path / "huge.ack.json"
    with open(huge, "wb") as out:
        out.truncate(600 * 1024 * 1024)
    err, peak = _refused(enrolled_desk, huge)
    assert peak - resting < 16 * 1024, (peak, resting)  # KiB
    assert "huge.ack.json" in err
