"""What the fee tests share: the commune and its fee account, a certification dossier, a
dossier whose fee the province sets."""

from __future__ import annotations

from desk_app.domain.dossier import DossierDraft, OriginalDraft, PersonDraft, components_for
from desk_app.services.desk import Desk
from desk_app.services.fees import FeeSettings
from desk_app.services.settings import DeskSettings

ACCOUNT = FeeSettings(
    bank_bin="970415",
    bank_account="113366668888",
    bank_account_name="UBND xã Minh Phú",
    bank_name="VietinBank",
    tax_code="0101234567",
)


def commune(desk: Desk, *, account: bool = True) -> None:
    """Xã Minh Phú, desk 1, with (or without) its fee account."""
    desk.settings.save(
        DeskSettings(
            agency_code="000.00.31.H26",
            parent_unit="UBND xã Minh Phú",
            receiving_unit="Bộ phận Một cửa UBND xã Minh Phú",
            place="Minh Phú",
        )
    )
    if account:
        desk.fees.save_fee_settings(ACCOUNT)


def certify_draft(desk: Desk, originals: list[OriginalDraft], exemption: str = "") -> DossierDraft:
    """Certified copies (2.000815) of ``originals`` for Trần Văn Bình."""
    procedure = desk.catalogue.find("2.000815")
    assert procedure is not None
    return DossierDraft(
        procedure_code="2.000815",
        applicant=PersonDraft(
            full_name="Trần Văn Bình", id_number="001090012345", address="Thôn Đông, xã Minh Phú"
        ),
        components=components_for(procedure),
        originals=originals,
        fee_exemption=exemption,
    )


def certify(desk: Desk, originals: list[OriginalDraft], exemption: str = "") -> str:
    """Receive :func:`certify_draft`; its code."""
    return desk.intake.receive(certify_draft(desk, originals, exemption)).record.code


MARRIAGE = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân: "Theo mức thu do HĐND tỉnh"


def marriage(desk: Desk, sets: int = 1) -> str:
    """Receive a marital-status certificate dossier (a fee the province sets); its code."""
    procedure = desk.catalogue.find(MARRIAGE)
    assert procedure is not None
    draft = DossierDraft(
        procedure_code=MARRIAGE,
        applicant=PersonDraft(full_name="Lê Thị Mai", id_number="001190012345",
                              address="Thôn Tây, xã Minh Phú"),
        components=components_for(procedure),
        sets_count=sets,
    )  # fmt: skip
    return desk.intake.receive(draft).record.code
