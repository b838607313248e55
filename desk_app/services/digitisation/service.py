"""The digitisation service: a dossier's papers read, stored, reused and unlinked."""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desk_app.capture.cleanup import CleanPage, clean
from desk_app.capture.errors import CaptureError, StorageFull, UnreadableFile
from desk_app.capture.hot_folder import HotFolder
from desk_app.capture.importer import check_file, check_resolution, iter_file
from desk_app.capture.limits import ImportBudget
from desk_app.capture.page import ColourMode
from desk_app.capture.pdf import PdfMeta, assemble, encode_page
from desk_app.capture.signing import (
    SignatureCheck,
    SignIdentity,
    sign_pdf,
    verify,
)
from desk_app.domain.audit import AuditAction
from desk_app.domain.documents import (
    DocumentRole,
    DocumentTags,
    LinkedDocument,
    NewDocument,
    StoredDocument,
    check_tags,
    digitised_file_name,
    guess_type,
)
from desk_app.domain.dossier import ComponentEntry
from desk_app.domain.errors import DeskError, DossierNotFound, InvalidField
from desk_app.domain.ids import uuid7
from desk_app.domain.officers import Permission
from desk_app.domain.records import DossierRecord
from desk_app.services.access import Session
from desk_app.services.audit import AuditService
from desk_app.services.catalogue import CatalogueService
from desk_app.services.clock import Clock
from desk_app.services.digitisation.pages import PageWork
from desk_app.services.files import write_atomically
from desk_app.services.guard import permitted
from desk_app.services.settings import SettingsService
from desk_app.storage.blob_store import BlobStore
from desk_app.storage.change_log import ChangeLog
from desk_app.storage.database import Storage
from desk_app.storage.document_store import DocumentStore
from desk_app.storage.dossier_store import DossierStore


@dataclass(frozen=True)
class ComponentState:
    """One paper of the dossier's checklist and its digitised copies."""

    position: int
    name: str
    received: bool
    documents: list[LinkedDocument] = field(default_factory=list)

    @property
    def digitised(self) -> bool:
        return bool(self.documents)

    @property
    def status_text(self) -> str:
        if not self.documents:
            return "Chưa số hóa" if self.received else "Không nhận bản giấy"
        if all(d.reused for d in self.documents):
            return "Đã số hóa (dùng lại)"
        return "Đã số hóa"


class DigitisationService(PageWork):
    """Digitisation for one desk: what ``PageWork`` does with pages, then the dossier's
    papers read and stored (blob, document row, link, counts, change-log entry)."""

    def __init__(
        self,
        storage: Storage,
        dossiers: DossierStore,
        documents: DocumentStore,
        blobs: BlobStore,
        changes: ChangeLog,
        settings: SettingsService,
        catalogue: CatalogueService,
        clock: Clock,
        *,
        session: Session,
        audit: AuditService | None = None,
    ) -> None:
        self._session = session
        self._audit = audit
        self._storage = storage
        self._dossiers = dossiers
        self._documents = documents
        self._blobs = blobs
        self._changes = changes
        self._settings = settings
        self._catalogue = catalogue
        self._clock = clock

    # --- reading ----------------------------------------------------------------------

    @permitted
    def dossier(self, dossier_id: int) -> DossierRecord:
        record = self._dossiers.get(dossier_id, self._catalogue.component_name)
        if record is None:
            raise DossierNotFound("Không tìm thấy hồ sơ này tại quầy.")
        return record

    @permitted
    def dossier_by_code(self, code: str) -> DossierRecord:
        dossier_id = self._dossiers.id_for_code(code.strip())
        if dossier_id is None:
            raise DossierNotFound(f"Không có hồ sơ mã «{code.strip()}» tại quầy này.")
        return self.dossier(dossier_id)

    @permitted
    def components(self, dossier_id: int) -> list[ComponentState]:
        """The checklist with each paper's digitised copies."""
        record = self.dossier(dossier_id)
        linked = self._documents.linked(dossier_id)
        return [
            ComponentState(
                position=component.position,
                name=component.name,
                received=component.received,
                documents=[
                    d
                    for d in linked
                    if d.role is DocumentRole.COMPONENT
                    and d.component_position == component.position
                ],
            )
            for component in record.components
        ]

    @permitted
    def reusable(self, id_number: str) -> list[StoredDocument]:
        """The citizen's earlier digitised documents that are still valid today."""
        number = id_number.strip()
        if not number:
            return []
        return self._documents.of_owner(number, valid_on=self._clock().date())

    @permitted
    def suggested_component(
        self, document: StoredDocument, components: list[ComponentEntry]
    ) -> int | None:
        """The position of the checklist paper this document most likely is, if any."""
        for component in components:
            if guess_type(component.name) is document.doc_type:
                return component.position
        return None

    @permitted
    def pdf(self, document_id: int) -> bytes:
        document = self._document(document_id)
        return self._blobs.read(document.sha256)

    @permitted
    def check_signatures(self, document_id: int, trust_roots: list[bytes]) -> list[SignatureCheck]:
        return verify(self.pdf(document_id), trust_roots)

    @permitted
    def export(self, document_id: int, folder: Path) -> Path:
        """Save a copy under its ``CODE_YYYYMMDD_DESC.pdf`` name in ``folder``."""
        document = self._document(document_id)
        self.check_export_folder(folder)
        name = Path(document.file_name or f"{document.uuid}.pdf").name  # never a path
        target = folder / name
        write_atomically(target, self._blobs.read(document.sha256))
        if self._audit is not None:
            self._audit.record(AuditAction.EXPORT, document.file_name or document.uuid, "bản PDF")
        return target

    # --- writing ----------------------------------------------------------------------

    @permitted
    def digitise(
        self,
        dossier_id: int,
        position: int,
        pages: list[CleanPage],
        *,
        tags: DocumentTags | None = None,
        signer: SignIdentity | None = None,
        keep_blank: bool = False,
        quality: int | None = None,
    ) -> StoredDocument:
        """Store ``pages`` as the digitised copy of component ``position`` of the dossier.

        Blank pages are left out unless ``keep_blank``. The PDF is built and signed before
        the write transaction; if anything fails nothing is stored and the pages stay with
        the caller.
        """
        self._session.require(Permission.RECEIVE)
        record = self.dossier(dossier_id)
        _component(record, position)
        kept = [page for page in pages if keep_blank or not page.blank]
        if not kept:
            raise _all_blank()
        images = [encode_page(page, quality=quality) for page in kept]
        return self._digitised(record, position, images, kept[0].mode, tags, signer)

    def _digitised(
        self,
        record: DossierRecord,
        position: int,
        images: list[bytes],
        mode: ColourMode,
        tags: DocumentTags | None,
        signer: SignIdentity | None,
    ) -> StoredDocument:
        """The encoded pages as the component's PDF: built, signed, then stored."""
        officer_id = self._session.officer_id
        now = self._clock()
        component = _component(record, position)
        checked = check_tags(
            tags or DocumentTags(doc_type=guess_type(component.name)), today=now.date()
        )
        owner = checked.owner_id_number or (record.principal or record.applicant).id_number
        officer = self._settings.officer_name(officer_id)
        meta = PdfMeta(
            title=component.name,
            dossier_code=record.code,
            component=component.name,
            officer=officer,
            created_at=now,
            document_type=checked.doc_type.label,
        )
        data = assemble(images, meta)
        signed_by = ""
        if signer is not None:
            from desk_app.capture.signing import signer_name

            signed_by = signer_name(signer)
            data = sign_pdf(data, signer, when=now)
        document = NewDocument(
            uuid=uuid7(now),
            sha256="",
            doc_type=checked.doc_type,
            title=component.name,
            owner_id_number=owner,
            created_at=now,
            officer_id=officer_id,
            number=checked.number,
            issuer=checked.issuer,
            issued_on=checked.issued_on,
            valid_until=checked.valid_until,
            pages=len(images),
            colour_mode=mode.value,
            signed_by=signed_by,
            file_name=digitised_file_name(record.code, now.date(), component.name),
        )
        return self._store(record, position, document, data)

    @permitted
    def digitise_files(
        self,
        code: str,
        position: int,
        paths: list[Path],
        *,
        mode: ColourMode = ColourMode.BW,
        tags: DocumentTags | None = None,
        signer: SignIdentity | None = None,
    ) -> StoredDocument:
        """Headless: files (a scan folder's output) as component ``position`` of ``code``.

        All-or-nothing: any file refused stops the whole import with its message (every
        file is checked before any page is decoded). Then one page at a time is decoded,
        cleaned and encoded, so memory holds one page's image and the encoded pages, never
        every page's image.
        """
        record = self.dossier_by_code(code)
        _component(record, position)
        errors = []
        budget = ImportBudget()
        for path in paths:
            try:
                check_file(path, budget)
            except CaptureError as err:
                errors.append(err.message)
        if errors:
            raise UnreadableFile(" ".join(errors))
        images: list[bytes] = []
        budget = ImportBudget()
        for path in paths:
            for raw in iter_file(path, budget, grey=mode is not ColourMode.COLOUR):
                check_resolution(raw)
                page = clean(raw, mode)
                del raw
                if not page.blank:
                    images.append(encode_page(page))
                del page
        if not images:
            raise _all_blank()
        return self._digitised(record, position, images, mode, tags, signer)

    @permitted
    def reuse(
        self,
        dossier_id: int,
        document_id: int,
        position: int,
    ) -> None:
        """Link an earlier digitised document to component ``position`` without scanning."""
        officer_id = self._session.officer_id
        now = self._clock()
        record = self.dossier(dossier_id)
        _component(record, position)
        document = self._document(document_id)
        owners = {record.applicant.id_number}
        if record.principal:
            owners.add(record.principal.id_number)
        if document.owner_id_number not in owners:
            raise InvalidField(
                "Giấy tờ này không phải của người nộp hồ sơ; không thể dùng lại.",
                field="reuse",
            )
        if not document.valid_on(now.date()):
            raise InvalidField(
                f"Giấy tờ đã hết hiệu lực từ {document.valid_until:%d/%m/%Y}; hãy số hóa bản mới.",
                field="reuse",
            )
        with self._storage.write():
            if self._documents.is_linked(dossier_id, document_id, DocumentRole.COMPONENT):
                return
            self._documents.link(
                dossier_id,
                document_id,
                DocumentRole.COMPONENT,
                at=now,
                component_position=position,
                reused=True,
            )
            self._changed(
                record,
                "component_reused",
                {"position": position, "document_uuid": document.uuid, "sha256": document.sha256},
                officer_id=officer_id,
                now=now,
            )

    @permitted
    def unlink(self, dossier_id: int, document_id: int) -> None:
        """Take a copy off the dossier (a wrong scan or a wrong paper). The file stays for
        any other dossier that holds it; the event is in the change log."""
        officer_id = self._session.officer_id
        record = self.dossier(dossier_id)
        document = self._document(document_id)
        now = self._clock()
        with self._storage.write():
            if self._documents.unlink(dossier_id, document_id, DocumentRole.COMPONENT):
                self._changed(
                    record,
                    "component_unlinked",
                    {"document_uuid": document.uuid},
                    officer_id=officer_id,
                    now=now,
                )

    @permitted
    def hot_folder(self, folder: Path, *, settle_seconds: float = 2.0) -> HotFolder:
        """A hot folder whose memory of imported files is kept in the desk database."""

        def remember(sha256: str, name: str) -> None:
            with self._storage.write():
                self._documents.remember_hot_file(sha256, name, self._clock())

        return HotFolder(
            folder,
            seen=self._documents.hot_file_seen,
            remember=remember,
            settle_seconds=settle_seconds,
        )

    # --- inside ------------------------------------------------------------------------

    def _document(self, document_id: int) -> StoredDocument:
        document = self._documents.get(document_id)
        if document is None:
            raise DeskError("Không tìm thấy giấy tờ số hóa này.")
        return document

    def _store(
        self, record: DossierRecord, position: int, document: NewDocument, data: bytes
    ) -> StoredDocument:
        now = document.created_at
        try:
            with self._storage.write():
                sha = self._blobs.put(data, media_type="application/pdf", now=now)
                stored = NewDocument(**{**document.__dict__, "sha256": sha})
                document_id = self._documents.add(stored)
                self._documents.link(
                    record.id,
                    document_id,
                    DocumentRole.COMPONENT,
                    at=now,
                    component_position=position,
                )
                self._changed(
                    record,
                    "component_digitised",
                    {
                        "position": position,
                        "document_uuid": document.uuid,
                        "doc_type": document.doc_type.value,
                        "owner_id_number": document.owner_id_number,
                        "number": document.number,
                        "issuer": document.issuer,
                        "issued_on": document.issued_on,
                        "valid_until": document.valid_until,
                        "pages": document.pages,
                        "signed_by": document.signed_by,
                        "file_name": document.file_name,
                        "sha256": sha,
                    },
                    officer_id=document.officer_id,
                    now=now,
                    blobs=[sha],
                )
        except OSError as err:
            if err.errno in (errno.ENOSPC, errno.EDQUOT):
                raise StorageFull(
                    "Ổ đĩa đã đầy: chưa lưu được bản số hóa. Các trang vẫn còn trên màn hình; "
                    "hãy giải phóng dung lượng rồi bấm Lưu lại."
                ) from err
            raise
        result = self._documents.get(document_id)
        assert result is not None
        return result

    def _changed(
        self,
        record: DossierRecord,
        kind: str,
        payload: dict[str, object],
        *,
        officer_id: int,
        now: datetime,
        blobs: list[str] | None = None,
    ) -> None:
        """Inside the caller's transaction: the dossier's counts again, and the change for sync."""
        digitised, reused = self._documents.digitised_counts(record.id)
        self._dossiers.set_components_digitised(record.id, digitised, reused)
        self._changes.append(
            kind=kind,
            entity_uuid=record.uuid,
            device_time=now,
            officer_id=officer_id,
            payload={"code": record.code, **payload},
            blob_hashes=blobs or [],
        )


def _all_blank() -> UnreadableFile:
    return UnreadableFile(
        "Không còn trang nào để lưu (các trang đều trắng). Hãy quét lại hoặc giữ trang trắng."
    )


def _component(record: DossierRecord, position: int) -> ComponentEntry:
    for component in record.components:
        if component.position == position:
            return component
    names = ", ".join(f"{c.position}. {c.name}" for c in record.components)
    raise InvalidField(
        f"Hồ sơ {record.code} không có thành phần số {position}. Các thành phần: {names}.",
        field="component",
    )
