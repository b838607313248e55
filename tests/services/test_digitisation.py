"""Digitising a dossier's papers on a real desk: stored once, signed, counted, reused."""

from __future__ import annotations

import errno
import io
import json
from datetime import date, datetime
from pathlib import Path

import pikepdf
import pytest

from bench.corpus import blank_page, form_page, id_card_page, text_page
from desk_app.app import Desk
from desk_app.capture.errors import StorageFull, UnreadableFile
from desk_app.capture.page import ColourMode, RawPage
from desk_app.capture.signing import Pkcs12Identity
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.documents import DocumentTags, DocumentType
from desk_app.domain.errors import DraftInvalid, InvalidField
from desk_app.domain.records import DossierRecord
from desk_app.storage.change_log import ChangeLog
from tests.capture.certs import OfficerCert
from tests.conftest import FakeClock, birth_draft
from tests.pdf_tools import pdf_signatures

ID = "001190012345"


@pytest.fixture
def received(desk: Desk) -> DossierRecord:
    return desk.intake.receive(birth_draft(desk)).record


def _scan(path: Path, *pages) -> Path:  # type: ignore[no-untyped-def]
    images = [p.image for p in pages]
    images[0].save(path, save_all=True, append_images=images[1:], dpi=(300, 300))
    return path


def _counts(desk: Desk, dossier_id: int) -> tuple[int, int]:
    record = desk.lifecycle.get(dossier_id)
    return record.digitised.components_digitised, record.digitised.components_reused


def test_files_become_one_tagged_pdf_per_component(
    desk: Desk, received: DossierRecord, tmp_path: Path
) -> None:
    scan = _scan(tmp_path / "to-khai.tiff", form_page(), blank_page(), text_page())
    document = desk.digitisation.digitise_files(received.code, 1, [scan])
    assert document.pages == 2  # the blank back side was dropped
    assert document.file_name == f"{received.code}_20260304_{document.file_name.split('_', 2)[2]}"
    assert document.owner_id_number == ID and document.colour_mode == "bw"
    assert document.doc_type is DocumentType.OTHER  # a declaration form: no paper kind to guess
    data = desk.digitisation.pdf(document.id)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2
        assert received.code in pdf.open_metadata()["pdf:Keywords"]
    assert _counts(desk, received.id) == (1, 0)
    states = desk.digitisation.components(received.id)
    assert states[0].digitised and states[0].status_text == "Đã số hóa"
    assert [s.status_text for s in states[1:]] == ["Chưa số hóa", "Không nhận bản giấy"]
    entry = next(e for e in ChangeLog(desk.storage).entries() if e["kind"] == "component_digitised")
    payload = json.loads(str(entry["payload"]))
    assert (
        payload["code"] == received.code
        and payload["sha256"] == json.loads(str(entry["blob_hashes"]))[0]
    )


def test_identical_content_is_stored_once(
    desk: Desk, received: DossierRecord, tmp_path: Path
) -> None:
    scan = _scan(tmp_path / "a.png", text_page())
    first = desk.digitisation.digitise_files(received.code, 1, [scan])
    pdf = desk.digitisation.pdf(first.id)
    # the same file kept again (here as the result's copy): one file on disk, two rows
    assert desk.lifecycle.attach_result(received.id, pdf) == first.sha256
    blobs = list((desk.data_dir / "blobs").glob("*/*"))
    assert [p for p in blobs if p.parent.name != "tmp"] == [desk.blobs.path(first.sha256)]
    assert _counts(desk, received.id) == (1, 0)


def test_signed_copy_names_the_officer(
    desk: Desk, received: DossierRecord, tmp_path: Path, clock: FakeClock, officer: OfficerCert
) -> None:
    clock.now = datetime.now(VN_TZ).replace(microsecond=0)
    scan = _scan(tmp_path / "a.png", text_page())
    document = desk.digitisation.digitise_files(
        received.code, 1, [scan], signer=Pkcs12Identity(officer.p12, officer.passphrase)
    )
    assert document.signed_by == "Nguyễn Thị Hoa"
    [check] = desk.digitisation.check_signatures(document.id, [officer.root_pem])
    assert check.intact and check.valid and check.trusted
    # and as an independent reader (poppler's pdfsig, NSS) sees the stored file
    [signature] = pdf_signatures(desk.digitisation.pdf(document.id))
    assert signature["Signer Certificate Common Name"] == "Nguyễn Thị Hoa"
    assert signature["Signature Validation"] == "Signature is Valid."


def test_reuse_links_an_earlier_valid_document_and_reports_count_it(
    desk: Desk, received: DossierRecord, tmp_path: Path, clock: FakeClock
) -> None:
    card = desk.digitisation.digitise(
        received.id,
        2,
        desk.digitisation.prepare([RawPage(id_card_page().image, 300, "cccd")], ColourMode.COLOUR),
        tags=DocumentTags(
            doc_type=DocumentType.ID_CARD,
            owner_id_number=ID,
            number=ID,
            issuer="Bộ Công an",
            issued_on=date(2024, 7, 1),
            valid_until=date(2030, 9, 5),
        ),
    )
    old = desk.digitisation.digitise(
        received.id,
        3,
        desk.digitisation.prepare([RawPage(text_page().image, 300, "x")], ColourMode.BW),
        tags=DocumentTags(doc_type=DocumentType.RESIDENCE, valid_until=date(2026, 3, 31)),
    )
    clock.now = datetime(2026, 4, 6, 9, 0, tzinfo=VN_TZ)
    second = desk.intake.receive(birth_draft(desk)).record
    reusable = desk.digitisation.reusable(ID)
    assert [d.id for d in reusable] == [card.id]  # the residence paper expired on 31/03
    assert "hiệu lực đến 05/09/2030" in reusable[0].summary
    desk.digitisation.reuse(second.id, card.id, 2)
    desk.digitisation.reuse(second.id, card.id, 2)  # twice is once
    assert _counts(desk, second.id) == (1, 1)
    assert desk.digitisation.components(second.id)[1].status_text == "Đã số hóa (dùng lại)"
    with pytest.raises(InvalidField, match="hết hiệu lực"):
        desk.digitisation.reuse(second.id, old.id, 3)
    figures = desk.reports.report(desk.reports.period("2026-04"))
    assert figures.total.components_reused == 1


def test_a_stranger_s_document_cannot_be_reused(
    desk: Desk, received: DossierRecord, tmp_path: Path
) -> None:
    doc = desk.digitisation.digitise_files(
        received.code, 1, [_scan(tmp_path / "a.png", text_page())]
    )
    other = desk.intake.receive(
        birth_draft(
            desk, id_number="001185009876", full_name="Lê Thị Bình", birth_date="05/05/1985"
        )
    ).record
    with pytest.raises(InvalidField, match="không phải của người nộp"):
        desk.digitisation.reuse(other.id, doc.id, 1)


def test_fully_digitised_dossier_is_counted(
    desk: Desk, received: DossierRecord, tmp_path: Path
) -> None:
    scan = _scan(tmp_path / "a.png", text_page())
    for component in received.components:
        desk.digitisation.digitise_files(received.code, component.position, [scan])
    figures = desk.reports.report(desk.reports.period("2026-03"))
    assert figures.total.fully_digitised == 1


def test_bad_tags_component_and_blank_only(
    desk: Desk, received: DossierRecord, tmp_path: Path
) -> None:
    scan = _scan(tmp_path / "a.png", text_page())
    with pytest.raises(InvalidField, match="không có thành phần số 9"):
        desk.digitisation.digitise_files(received.code, 9, [scan])
    with pytest.raises(DraftInvalid) as info:
        desk.digitisation.digitise_files(
            received.code,
            1,
            [scan],
            tags=DocumentTags(owner_id_number="12345", issued_on=date(2027, 1, 1)),
        )
    assert {e.field for e in info.value.errors} == {"owner", "issued_on"}
    with pytest.raises(UnreadableFile, match="đều trắng"):
        desk.digitisation.digitise_files(
            received.code, 1, [_scan(tmp_path / "b.png", blank_page())]
        )
    assert _counts(desk, received.id) == (0, 0)


def test_a_full_disk_stores_nothing_and_says_so(
    desk: Desk, received: DossierRecord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = desk.digitisation.prepare([RawPage(text_page().image, 300, "x")], ColourMode.BW)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("desk_app.storage.files.os.fsync", full)
    with pytest.raises(StorageFull, match="Ổ đĩa đã đầy"):
        desk.digitisation.digitise(received.id, 1, pages)
    monkeypatch.undo()
    assert [p for p in (desk.data_dir / "blobs").rglob("*") if p.is_file()] == []
    assert desk.storage.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
    assert _counts(desk, received.id) == (0, 0)
    # the same pages, still in hand, are stored once there is room
    assert desk.digitisation.digitise(received.id, 1, pages).pages == 1


def test_export_writes_the_pattern_name_only_inside_the_folder(
    desk: Desk, received: DossierRecord, tmp_path: Path
) -> None:
    doc = desk.digitisation.digitise_files(
        received.code, 1, [_scan(tmp_path / "a.png", text_page())]
    )
    out = tmp_path / "out"
    out.mkdir()
    path = desk.digitisation.export(doc.id, out)
    assert path.parent == out and path.name == doc.file_name
    assert path.read_bytes() == desk.digitisation.pdf(doc.id)


def test_import_reports_each_bad_file_and_keeps_the_rest(tmp_path: Path) -> None:
    from desk_app.services.digitisation import DigitisationService

    good = _scan(tmp_path / "good.png", text_page())
    bad = tmp_path / "bad.jpg"
    bad.write_text("x")
    progress: list[tuple[int, int]] = []
    imported = DigitisationService.import_files(
        [good, bad], progress=lambda d, t: progress.append((d, t))
    )
    assert (
        len(imported.pages) == 1 and len(imported.errors) == 1 and "bad.jpg" in imported.errors[0]
    )
    assert progress == [(1, 2), (2, 2)]
