"""Who this desk is: commune identity, desk number, code template, lookup address."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import TYPE_CHECKING

from desk_app.domain.audit import AuditAction
from desk_app.domain.codes import CodeTemplate, sequence_block, validate_agency_code
from desk_app.domain.errors import InvalidField
from desk_app.domain.lookup import validate_lookup_base
from desk_app.domain.officers import DEFAULT_IDLE_MINUTES
from desk_app.domain.papers import validate_unit_code
from desk_app.domain.periods import validate_cutoff_day
from desk_app.domain.text import nfc
from desk_app.services.guard import permitted
from desk_app.storage.database import Storage
from desk_app.storage.settings_store import SettingsStore

if TYPE_CHECKING:
    from desk_app.services.access import Session
    from desk_app.services.audit import AuditService

MAX_TEXT = 200  # a name or title on the forms; longer is a paste gone wrong


@dataclass(frozen=True)
class DeskSettings:
    agency_code: str = "000.00.00.H00"
    parent_unit: str = "UBND xã (chưa cấu hình)"
    # The receiving unit on every paper: "Trung tâm Phục vụ hành chính công xã …" where the
    # commune has one (Decree 118/2025), otherwise "Bộ phận Một cửa".
    unit: str = "Bộ phận Một cửa"
    # Its short name at the end of paper numbers ("…/PBS-BPMC", "…/PBS-TTPVHCC").
    unit_code: str = "BPMC"
    receiving_unit: str = "Bộ phận Một cửa UBND xã"
    place: str = "Xã"
    province: str = ""
    desk_number: int = 1
    code_template: str = "{agency}-{yymmdd}-{seq}"
    lookup_base_url: str = "http://127.0.0.1:8080"
    issuing_system: str = "Phần mềm một cửa cấp xã (desk-app)"
    result_location: str = "Bộ phận Một cửa UBND xã"
    paper: str = "A4"
    demo: bool = False
    # Reports: the day each reporting period starts (national rule 15, some provinces 10).
    report_cutoff_day: int = 15
    # Who signs Forms 04 and 05 for the commune (the head of the body that decides).
    leader_title: str = "Chủ tịch Ủy ban nhân dân xã"
    leader_name: str = ""
    contact_phone: str = ""
    # The screen locks after this many minutes without a key or a click (unsaved work stays).
    idle_lock_minutes: int = DEFAULT_IDLE_MINUTES

    def validated(self) -> DeskSettings:
        """These settings checked, their text in NFC with single spaces and the agency code
        in capitals (as typed, decomposed or not); ``InvalidField`` names what is wrong."""
        text: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str):
                value = " ".join(nfc(value).split())
                if len(value) > MAX_TEXT:
                    raise InvalidField(f"Nội dung quá dài (tối đa {MAX_TEXT} ký tự).", field=f.name)
                text[f.name] = value
        cleaned = replace(self, **text)  # type: ignore[arg-type]
        return cleaned._checked()

    def _checked(self) -> DeskSettings:
        if not self.parent_unit:
            raise InvalidField("Hãy nhập tên UBND xã/phường.", field="parent_unit")
        if not self.place:
            raise InvalidField("Hãy nhập địa danh.", field="place")
        if not 1 <= self.idle_lock_minutes <= 240:
            raise InvalidField(
                "Thời gian tự khóa màn hình phải từ 1 đến 240 phút.", field="idle_lock_minutes"
            )
        validate_cutoff_day(self.report_cutoff_day)
        if not self.unit:
            raise InvalidField("Hãy nhập tên bộ phận tiếp nhận.", field="unit")
        unit_code = validate_unit_code(self.unit_code)
        agency_code = validate_agency_code(self.agency_code)
        sequence_block(self.desk_number)
        CodeTemplate(self.code_template)
        lookup_base_url = validate_lookup_base(self.lookup_base_url)
        return replace(
            self, agency_code=agency_code, unit_code=unit_code, lookup_base_url=lookup_base_url
        )


class SettingsService:
    """Reads and writes ``DeskSettings`` (stored as text key/values)."""

    def __init__(
        self,
        storage: Storage,
        store: SettingsStore,
        session: Session,
        audit: AuditService | None = None,
    ) -> None:
        self._storage = storage
        self._store = store
        self._session = session
        self._audit = audit

    @permitted
    def load(self) -> DeskSettings:
        raw = self._store.get_all()
        values: dict[str, object] = {}
        for f in fields(DeskSettings):
            if f.name in raw:
                text = raw[f.name]
                values[f.name] = (
                    int(text) if f.type == "int" else text == "1" if f.type == "bool" else text
                )
        return DeskSettings(**values)  # type: ignore[arg-type]

    @permitted
    def officer_name(self, officer_id: int) -> str:
        return self._store.officer_name(officer_id)

    @permitted
    def officers(self) -> list[dict[str, str | None]]:
        """Officer accounts: this desk's own and those the district published (with any
        revocation: ``revoked_at`` and ``revoked_reason``)."""
        return self._store.officers()

    @permitted
    def save(self, settings: DeskSettings) -> DeskSettings:
        """Check and store ``settings``; returns them as stored (see ``validated``).

        Only a role with the settings permission (the administrator) may; the audit log
        names the settings that changed."""
        settings = settings.validated()
        values, before = asdict(settings), asdict(self.load())
        encoded = {
            k: ("1" if v else "0") if isinstance(v, bool) else str(v) for k, v in values.items()
        }
        changed = [name for name, value in values.items() if before[name] != value]
        with self._storage.write():
            self._store.set_many(encoded)
            if self._audit is not None and changed:
                self._audit.record(AuditAction.CHANGE, "settings", ", ".join(changed))
        return settings
