"""USB packs: desk → file → server → acknowledgement → desk, with no network at all."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.corpus import text_page
from desk_app.app import Desk
from desk_app.storage.change_log import ChangeLog
from desk_protocol import sealed
from district_server.blob_files import BlobFiles
from district_server.cli import database_url
from district_server.keys import server_key
from district_server.store import ServerStore
from tests.conftest import FakeClock, birth_draft, desk_at, desk_env
from tests.e2e.conftest import RunningServer

NOW = datetime.now(UTC)


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=desk_env(),
    )


@pytest.fixture
def offline_desk(desk: Desk, district: RunningServer, clock: FakeClock, tmp_path: Path) -> Desk:
    """A desk enrolled once (the only time it had a link), then working offline."""
    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    desk.sync.enrol(district.url, district.store.new_enrol_code("000.00.31.H26", 1, NOW))
    for _ in range(4):
        desk.intake.receive(birth_draft(desk))
    record = desk.intake.receive(birth_draft(desk)).record
    scan = tmp_path / "p.png"
    text_page().image.save(scan, dpi=(300, 300))
    desk.digitisation.digitise_files(record.code, 1, [scan])
    return desk


def test_pack_round_trip_by_command_line(
    offline_desk: Desk, district: RunningServer, tmp_path: Path
) -> None:
    district.stop()  # no link from here on
    data = offline_desk.data_dir
    pack = tmp_path / "usb" / "xa-minh-phu.zip"
    pack.parent.mkdir()
    offline_desk.close()
    out = _run("-m", "desk_app", "export-pack", "--data-dir", data, "--out", pack)
    assert out.returncode == 0, out.stderr
    assert "6 mục" in out.stderr and "1 tệp số hóa" in out.stderr
    server_dir = district.data_dir
    imported = _run("-m", "district_server", "import-pack", *district.cli_args, pack)
    assert imported.returncode == 0, imported.stderr
    ack = pack.with_name(pack.name + ".ack.json")
    assert "đến mục 6" in imported.stdout
    again = _run("-m", "district_server", "import-pack", *district.cli_args, pack)
    assert again.returncode == 0 and "đến mục 6" in again.stdout and "thêm 0 tệp" in again.stdout
    done = _run("-m", "desk_app", "import-ack", "--data-dir", data, ack)
    assert done.returncode == 0 and "còn chờ 0 mục" in done.stderr, done.stderr
    store = ServerStore(database_url(server_dir, district.database_url))
    desk = desk_at(data)
    try:
        identity = desk.sync.identity()
        assert identity is not None
        desk_hashes = [e["content_sha256"] for e in ChangeLog(desk.storage).entries()]
        assert [r["content_sha256"] for r in store.changes_of(identity.desk_id)] == desk_hashes
        blob = next(
            json.loads(str(e["blob_hashes"]))
            for e in ChangeLog(desk.storage).entries()
            if e["blob_hashes"] != "[]"
        )[0]
        assert BlobFiles(server_dir).storage.exists(blob)
        # the audit chain travelled in the pack: the server's copy matches the desk's
        # (the export and import-ack entries came after it; the next pack carries them)
        held = store.audit_of(identity.desk_id)
        chain = desk.audit.chain()
        assert len(held) >= 6 and desk.sync._store.audit_sent_through() == len(held)
        assert [h["hash"] for h in held] == [digest for _e, _p, digest in chain[: len(held)]]
    finally:
        desk.close()


def test_altered_or_truncated_packs_and_foreign_acks_are_refused(
    offline_desk: Desk, district: RunningServer, tmp_path: Path
) -> None:
    pack = tmp_path / "p.zip"
    offline_desk.sync.export_pack(pack)
    truncated = tmp_path / "cut.zip"
    truncated.write_bytes(pack.read_bytes()[: pack.stat().st_size // 2])
    out = _run("-m", "district_server", "import-pack", *district.cli_args, truncated)
    assert out.returncode == 2 and "hỏng hoặc bị cắt cụt" in out.stderr
    # Anyone can seal a pack to the server (its key is public): the desk's signature over
    # the manifest is what refuses an altered one. (The test opens the pack with the
    # server's key to alter it; an attacker would have to forge it whole.)
    altered = tmp_path / "altered.zip"
    _reseal(pack, altered, district, {"entries.json": lambda c: c.replace(b"Nguy", b"NGUY", 1)})
    out = _run("-m", "district_server", "import-pack", *district.cli_args, altered)
    assert out.returncode == 2 and "đã bị sửa" in out.stderr
    rewritten = tmp_path / "audit-altered.zip"  # someone cut the audit entries out
    _reseal(pack, rewritten, district, {"audit.json": lambda _c: b"[]"})
    out = _run("-m", "district_server", "import-pack", *district.cli_args, rewritten)
    assert out.returncode == 2 and "Nhật ký truy cập trong gói không khớp" in out.stderr
    flipped = bytearray(pack.read_bytes())  # one bit of the sealed bytes
    flipped[len(flipped) // 2] ^= 1
    (tmp_path / "flipped.zip").write_bytes(bytes(flipped))
    out = _run("-m", "district_server", "import-pack", *district.cli_args,
               tmp_path / "flipped.zip")  # fmt: skip
    assert out.returncode == 2 and "đã bị sửa" in out.stderr
    assert district.store.acked_through(offline_desk.sync.identity().desk_id) == 0  # type: ignore[union-attr]
    forged = tmp_path / "forged.ack.json"
    forged.write_text(
        json.dumps(
            {
                "document": {
                    "format": "district-server-ack/1",
                    "desk_id": "x",
                    "acked_through": 99,
                },
                "signature": "AAAA",
            }
        )
    )
    from desk_app.domain.errors import DeskError

    with pytest.raises(DeskError, match="không có chữ ký hợp lệ"):
        offline_desk.sync.import_ack(forged)
    assert offline_desk.sync.state().acked_through == 0


def _plain_zip(pack: Path, district: RunningServer) -> bytes:
    out = io.BytesIO()
    with pack.open("rb") as source:
        sealed.open_sealed(source, server_key(district.data_dir), out)
    return out.getvalue()


def _reseal(
    pack: Path, target: Path, district: RunningServer, change: dict[str, Callable[[bytes], bytes]]
) -> None:
    plain = io.BytesIO()
    opened = io.BytesIO(_plain_zip(pack, district))
    with zipfile.ZipFile(opened) as src, zipfile.ZipFile(plain, "w") as dst:
        for item in src.infolist():
            content = src.read(item)
            dst.writestr(item, change.get(item.filename, lambda c: c)(content))
    with target.open("wb") as out:
        sealed.seal(plain.getvalue(), server_key(district.data_dir).public_key(), out)


def test_a_pack_on_the_stick_shows_no_name_or_id_number(
    offline_desk: Desk, district: RunningServer, tmp_path: Path
) -> None:
    pack = tmp_path / "usb" / "xa.zip"
    pack.parent.mkdir()
    offline_desk.sync.export_pack(pack)
    on_stick = b"".join(p.read_bytes() for p in pack.parent.iterdir())  # nothing else left
    assert [p.name for p in pack.parent.iterdir()] == ["xa.zip"]
    name = "Nguyễn Thị Hồng Nhung"
    needles = {
        "name (NFC)": unicodedata.normalize("NFC", name).encode(),
        "name (NFD)": unicodedata.normalize("NFD", name).encode(),
        "name (UTF-16)": name.encode("utf-16-le"),
        "name, folded": b"Nguyen Thi Hong Nhung",
        "name, JSON-escaped": b"Nguy\\u1ec5n",
        "name, JSON-escaped twice": b"Nguy\\\\u1ec5n",
        "ID number": b"001190012345",
        "zip header": b"PK\x03\x04",
        "manifest": b"manifest.json",
        "PDF": b"%PDF",
    }
    # what anyone holding the stick reads: its bytes, and what unzipping them gives
    readable = on_stick
    if zipfile.is_zipfile(pack):
        with zipfile.ZipFile(pack) as opened:
            readable += b"".join(opened.read(item) for item in opened.infolist())
    assert [what for what, needle in needles.items() if needle in readable] == []
    # the server opens it, and what it opens holds them (the search would have found them)
    inside = _plain_zip(pack, district)
    with zipfile.ZipFile(io.BytesIO(inside)) as opened:
        inside += b"".join(opened.read(item) for item in opened.infolist())
    held = [what for what, needle in needles.items() if needle in inside]
    assert "ID number" in held and "zip header" in held and "PDF" in held
    assert any(what.startswith("name") for what in held), held


def test_an_old_plaintext_pack_is_refused_in_words(
    offline_desk: Desk, district: RunningServer, tmp_path: Path
) -> None:
    pack = tmp_path / "p.zip"
    offline_desk.sync.export_pack(pack)
    old = tmp_path / "cu.zip"
    old.write_bytes(_plain_zip(pack, district))  # what a desk of the older version wrote
    out = _run("-m", "district_server", "import-pack", *district.cli_args, old)
    assert out.returncode == 2
    assert "chưa được mã hóa" in out.stderr and "cập nhật phần mềm quầy" in out.stderr
    assert district.store.acked_through(offline_desk.sync.identity().desk_id) == 0  # type: ignore[union-attr]


def test_nothing_to_export_is_said_in_words(
    desk: Desk, district: RunningServer, clock: FakeClock, tmp_path: Path
) -> None:
    from desk_app.domain.errors import DeskError

    clock.now = datetime.now(UTC).astimezone(clock.now.tzinfo)
    desk.sync.enrol(district.url, district.store.new_enrol_code("000.00.31.H26", 1, NOW))
    with pytest.raises(DeskError, match="Không có dữ liệu nào chờ gửi"):
        desk.sync.export_pack(tmp_path / "x.zip")
