"""``desk-app card read``: read an ID card's chip on the PC/SC reader and print its fields.

Exit codes: 0 read and verified; 15 read but not verified (the fields are still printed);
10 no reader, 11 no card, 12 wrong access key, 13 card taken away, 14 not a readable
chip; 2 a typing mistake in the arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from desk_app.cli.common import Command, data_dir
from desk_app.cli.language import english, say
from desk_app.domain.errors import ChipReadFailed, InvalidField

EXIT_NOT_VERIFIED = 15

_LABELS = {
    "id_number": ("Số định danh", "ID number"),
    "full_name": ("Họ và tên", "Full name"),
    "birth_date": ("Ngày sinh", "Date of birth"),
    "sex": ("Giới tính", "Sex"),
    "nationality": ("Quốc tịch", "Nationality"),
    "ethnicity": ("Dân tộc", "Ethnicity"),
    "religion": ("Tôn giáo", "Religion"),
    "place_of_origin": ("Quê quán", "Place of origin"),
    "residence": ("Nơi thường trú", "Place of residence"),
    "identifying_features": ("Đặc điểm nhận dạng", "Identifying features"),
    "issue_date": ("Ngày cấp", "Date of issue"),
    "expiry_date": ("Có giá trị đến", "Date of expiry"),
    "father_name": ("Họ tên cha", "Father"),
    "mother_name": ("Họ tên mẹ", "Mother"),
    "spouse_name": ("Họ tên vợ/chồng", "Spouse"),
    "old_id_number": ("Số CMND cũ", "Old ID number"),
}


def add_parsers(command: Command) -> None:
    card = command(
        "card",
        say("đọc chip thẻ căn cước trên đầu đọc NFC", "read an ID card's chip on the NFC reader"),
        _missing_action,
    )
    sub = card.add_subparsers(dest="card_command", metavar=say("VIỆC", "ACTION"))
    read = sub.add_parser(
        "read",
        help=say("đọc và kiểm tra chip", "read and verify the chip"),
        description=say(
            "Đọc chip (PACE hoặc BAC), kiểm tra chữ ký số (xác thực thụ động) và in các trường. Khoá "
            "truy cập lấy từ --qr (mã QR trên thẻ) hoặc --document, --birth, --expiry.",
            "Read the chip (PACE or BAC), check its signature (passive authentication) and print its "
            "fields. The access key comes from --qr (the card's QR) or --document, --birth, "
            "--expiry.",
        ),
    )
    read.set_defaults(handler=read_card_command)
    read.add_argument(
        "--document",
        metavar=say("SỐ", "NUMBER"),
        help=say(
            "số định danh 12 chữ số (hoặc số giấy tờ trên dòng MRZ)",
            "the 12-digit ID number (or the MRZ document number)",
        ),
    )
    read.add_argument("--birth", metavar="dd/mm/yyyy", help=say("ngày sinh", "date of birth"))
    read.add_argument("--expiry", metavar="dd/mm/yyyy", help=say("ngày hết hạn", "date of expiry"))
    read.add_argument(
        "--qr",
        metavar=say("CHUỖI_QR", "QR_TEXT"),
        help=say("nội dung mã QR trên thẻ", "the QR's text"),
    )
    read.add_argument(
        "--reader", metavar=say("TÊN", "NAME"), help=say("tên đầu đọc", "reader name")
    )
    read.add_argument(
        "--trust",
        type=Path,
        action="append",
        metavar=say("TỆP", "FILE"),
        help=say(
            "thêm chứng thư CSCA (ngoài thư mục trust/ của dữ liệu)",
            "another CSCA certificate (besides the data folder's trust/)",
        ),
    )
    read.add_argument("--json", action="store_true", help=say("in dạng JSON", "print JSON"))
    read.add_argument(
        "--data-dir", type=Path, default=argparse.SUPPRESS, metavar=say("THƯ_MỤC", "FOLDER")
    )


def _missing_action(args: argparse.Namespace) -> int:
    print(say("Cần chỉ rõ việc: desk-app card read …", "Say what to do: desk-app card read …"),
          file=sys.stderr)  # fmt: skip
    return 2


def read_card_command(args: argparse.Namespace) -> int:
    from desk_app.services.chip import CardReaderService, key_from_qr, key_typed

    qr = None
    if args.qr:
        key, qr = key_from_qr(args.qr, today=date.today())
        if args.expiry:  # the printed expiry wins over the one the law gives
            key = key_typed(key.document_number, args.birth or qr.birth_date.strftime("%d/%m/%Y"),
                            args.expiry)  # fmt: skip
    elif args.document and args.birth and args.expiry:
        key = key_typed(args.document, args.birth, args.expiry)
    else:
        raise InvalidField(
            say(
                "Cần --qr, hoặc đủ --document, --birth và --expiry.",
                "Give --qr, or all of --document, --birth and --expiry.",
            )
        )
    service = CardReaderService(data_dir(args))
    try:
        reading = service.read(key, qr=qr, reader=args.reader, extra_trust=args.trust)
    except ChipReadFailed as err:
        print(f"{say('Lỗi', 'Error')}: {err.english if english() else err.vietnamese}",
              file=sys.stderr)  # fmt: skip
        return err.exit_code
    read, check = reading.read, reading.check
    version, in_list, local = service.trust_in_force()
    fields = read.details.as_dict() if read.details else {
        "id_number": read.mrz.full_number, "full_name": read.mrz.names,
    }  # fmt: skip
    if args.json:
        out = {
            "fields": fields,
            "mrz": {
                "document_number": read.mrz.document_number,
                "birth": read.mrz.birth_yymmdd,
                "expiry": read.mrz.expiry_yymmdd,
                "sex": read.mrz.sex,
            },
            "verification": check.payload()
            | {"data_groups": {f"DG{n}": ok for n, ok in read.passive.data_groups.items()}},
            "trust_list": {"version": version, "certificates": in_list, "local_files": local},
            "qr_differences": list(reading.qr_differences),
            "access": read.access,
            "pace_advertised": read.pace_advertised,
            "pace_protocol": read.pace_protocol,
            "pace_error": read.pace_error,
            "reader": read.reader,
            "read_ms": round(read.elapsed_ms, 1),
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for name, value in fields.items():
            if value:
                vi, en = _LABELS.get(name, (name, name))
                print(f"{say(vi, en)}: {value}")
        if check.verified:
            print(say(f"Xác thực chip: HỢP LỆ (ký bởi {check.signer})",
                      f"Chip verification: VALID (signed by {check.signer})"))  # fmt: skip
        else:
            print(say(f"Xác thực chip: KHÔNG XÁC THỰC ĐƯỢC ({check.result})",
                      f"Chip verification: NOT VERIFIED ({check.result})"))  # fmt: skip
        if version is None:
            print(say("Danh sách CSCA của tỉnh: chưa nhận qua đồng bộ",
                      "Province CSCA trust list: not received through sync yet"))  # fmt: skip
        else:
            print(say(f"Danh sách CSCA của tỉnh: phiên bản {version} ({in_list} chứng thư)",
                      f"Province CSCA trust list: version {version} ({in_list} certificates)"))  # fmt: skip
        if reading.qr_differences:
            names = ", ".join(say(*_LABELS[n]) for n in reading.qr_differences)
            print(say(f"Khác với mã QR: {names}", f"Differs from the QR: {names}"))
        if read.access == "PACE":
            print(say(f"Mở chip bằng PACE ({read.pace_protocol})",
                      f"Chip opened with PACE ({read.pace_protocol})"))  # fmt: skip
        elif read.pace_advertised:
            print(say(f"Chip có PACE nhưng không mở được bằng PACE ({read.pace_error}); đã đọc bằng BAC.",
                      f"The chip offers PACE but PACE failed ({read.pace_error}); read with BAC."))  # fmt: skip
        print(
            say(f"Thời gian đọc: {read.elapsed_ms:.0f} ms", f"Read time: {read.elapsed_ms:.0f} ms")
        )
    return 0 if check.verified else EXIT_NOT_VERIFIED
