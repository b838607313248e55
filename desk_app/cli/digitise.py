"""``desk-app digitise``: scanned files become a component of a dossier, signed if asked."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.cli.common import Command, day, env_secret, on_desk
from desk_app.cli.language import integer, say
from desk_app.domain.errors import DeskError

if TYPE_CHECKING:
    from desk_app.services.desk import Desk


def _doc_types() -> list[str]:
    from desk_app.domain.documents import DocumentType

    return [t.value for t in DocumentType if t is not DocumentType.RESULT]


def add_parsers(command: Command) -> None:
    digitise = command(
        "digitise",
        say(
            "số hóa: gắn các tệp quét (JPEG, PNG, TIFF, PDF) làm thành phần N của hồ sơ",
            "digitise: attach scanned files (JPEG, PNG, TIFF, PDF) as component N of a dossier",
        ),
        on_desk(digitise_files),
    )
    digitise.add_argument(
        "code", metavar=say("MÃ_HỒ_SƠ", "CODE"), help=say("mã hồ sơ", "the dossier's code")
    )
    digitise.add_argument(
        "files",
        nargs="+",
        metavar=say("TỆP", "FILE"),
        type=Path,
        help=say("các tệp quét, theo thứ tự trang", "the scanned files, in page order"),
    )
    digitise.add_argument(
        "--component",
        type=integer(),
        required=True,
        help=say("số thứ tự thành phần hồ sơ (1, 2, ...)", "the component's number (1, 2, ...)"),
    )
    digitise.add_argument(
        "--mode",
        choices=["bw", "grey", "colour"],
        default="bw",
        help=say("đen trắng, xám hoặc màu", "black and white, grey or colour"),
    )
    digitise.add_argument(
        "--type",
        dest="doc_type",
        default=None,
        help=say("loại giấy tờ: ", "the paper's type: ") + ", ".join(_doc_types()),
    )
    digitise.add_argument(
        "--owner", default="", help=say("số định danh của chủ giấy tờ", "the owner's ID number")
    )
    digitise.add_argument(
        "--number", default="", help=say("số, ký hiệu giấy tờ", "the paper's number")
    )
    digitise.add_argument("--issuer", default="", help=say("cơ quan cấp", "who issued it"))
    digitise.add_argument(
        "--issued", default="", help=say("ngày cấp dd/mm/yyyy", "issued on dd/mm/yyyy")
    )
    digitise.add_argument(
        "--valid-until", default="", help=say("hiệu lực đến dd/mm/yyyy", "valid until dd/mm/yyyy")
    )
    digitise.add_argument(
        "--p12",
        type=Path,
        help=say(
            "tệp chứng thư số .p12 để ký (mật khẩu: DESK_APP_SIGN_PASSWORD)",
            "a .p12 certificate file to sign with (its password: DESK_APP_SIGN_PASSWORD)",
        ),
    )
    digitise.add_argument(
        "--pkcs11-module",
        type=Path,
        help=say("thư viện PKCS#11 của USB token", "the USB token's PKCS#11 library"),
    )
    digitise.add_argument(
        "--token",
        help=say(
            "tên USB token (mã PIN: DESK_APP_TOKEN_PIN)",
            "the USB token's name (its PIN: DESK_APP_TOKEN_PIN)",
        ),
    )
    digitise.add_argument(
        "--out",
        type=Path,
        help=say("thư mục để lưu thêm một bản PDF", "a folder for a copy of the PDF"),
    )


def digitise_files(desk: Desk, args: argparse.Namespace) -> int:
    from desk_app.capture.page import ColourMode
    from desk_app.capture.signing import Pkcs12Identity, SignIdentity, TokenIdentity
    from desk_app.domain.documents import DocumentTags, DocumentType

    signer: SignIdentity | None = None
    if args.p12:
        signer = Pkcs12Identity(
            args.p12,
            env_secret(
                "DESK_APP_SIGN_PASSWORD", say("Mật khẩu chứng thư số: ", "Certificate password: ")
            ),
        )
    elif args.pkcs11_module or args.token:
        if not (args.pkcs11_module and args.token):
            raise DeskError(
                say(
                    "Ký bằng USB token cần cả --pkcs11-module và --token.",
                    "Signing with a USB token needs both --pkcs11-module and --token.",
                )
            )
        signer = TokenIdentity(
            args.pkcs11_module,
            args.token,
            env_secret(
                "DESK_APP_TOKEN_PIN", say("Mã PIN của USB token: ", "The USB token's PIN: ")
            ),
        )
    tags = None
    if args.doc_type or args.owner or args.number or args.issuer or args.issued or args.valid_until:
        if args.doc_type and args.doc_type not in _doc_types():
            kinds = ", ".join(_doc_types())
            raise DeskError(
                say(
                    f"Loại giấy tờ «{args.doc_type}» không có; chọn một trong: {kinds}.",
                    f"There is no paper type «{args.doc_type}»; choose one of: {kinds}.",
                )
            )
        tags = DocumentTags(
            doc_type=DocumentType(args.doc_type or "other"),
            owner_id_number=args.owner,
            number=args.number,
            issuer=args.issuer,
            issued_on=day(args.issued, "--issued") if args.issued else None,
            valid_until=day(args.valid_until, "--valid-until") if args.valid_until else None,
        )
    if args.out:  # checked before anything is stored: a mistake here invites a duplicate
        desk.digitisation.check_export_folder(args.out)
    document = desk.digitisation.digitise_files(
        args.code,
        args.component,
        list(args.files),
        mode=ColourMode(args.mode),
        tags=tags,
        signer=signer,
    )
    size = f"{len(desk.digitisation.pdf(document.id)) / 1024:.0f} KB"
    if document.signed_by:
        signed = say(f", ký số bởi {document.signed_by}", f", signed by {document.signed_by}")
    else:
        signed = say(", chưa ký số", ", not signed")
    print(
        say(
            f"Đã số hóa thành phần {args.component} «{document.title}» của hồ sơ {args.code}: "
            f"{document.pages} trang, {size}{signed}; tệp {document.file_name}.",
            f"Digitised component {args.component} «{document.title}» of dossier {args.code}: "
            f"{document.pages} pages, {size}{signed}; file {document.file_name}.",
        ),
        file=sys.stderr,
    )
    if args.out:
        path = desk.digitisation.export(document.id, args.out)
        print(
            say(f"Đã lưu bản PDF vào {path}", f"Saved a copy of the PDF to {path}"), file=sys.stderr
        )
    return 0
