"""What the district publishes to its desks, checked before it is published.

Three kinds, each keyed so that a later publication of the same key replaces the earlier
at every desk: a catalogue version (key: its version; it comes into force), a calendar
day (key: the date; an extra day off or a make-up working day), an officer account
(key: the username; for one commune; revoked with a reason) and the amount the province
set for a procedure's fee (key: the procedure's code).
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desk_app.domain.calendar import OverrideKind
from desk_app.domain.catalogue import parse_catalogue
from desk_app.domain.errors import DeskError, InvalidCatalogue
from desk_app.domain.fee_amounts import check_basis, check_province_amount
from desk_app.domain.text import nfc

ROLES = ("reception", "leader", "admin")
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,31}")
_PROCEDURE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,31}")


class Unpublishable(ValueError):
    """An item that must not reach the desks; ``str`` is the Vietnamese reason."""


def catalogue(document: Any) -> tuple[str, dict[str, Any]]:
    if not isinstance(document, dict):
        raise Unpublishable("Tệp danh mục phải là một đối tượng JSON.")
    try:
        parsed = parse_catalogue(document)
    except InvalidCatalogue as err:
        raise Unpublishable(str(err)) from None
    return parsed.version, document


def catalogue_from_table(path: Path, version: str, today: date) -> tuple[str, dict[str, Any]]:
    """A catalogue version from a published list (.xlsx or .csv, as the province or the
    ministry publishes it): procedures the bundled catalogue knows keep their components."""
    from desk_app.domain.catalogue_import import catalogue_document, table_rows
    from desk_app.platform.spreadsheets import read_table
    from desk_app.resources import resource

    base = parse_catalogue(
        json.loads(resource("catalogue", "procedures.json").read_text(encoding="utf-8"))
    )
    try:
        document = catalogue_document(
            table_rows(read_table(path)),
            base,
            version=version or f"{today.isoformat()}-{path.stem}",
            published=today.isoformat(),
            source=f"Danh mục công bố, tệp {path.name}",
        )
    except InvalidCatalogue as err:
        raise Unpublishable(str(err)) from None
    return catalogue(document)


def calendar_day(day: str, kind: str, note: str) -> tuple[str, dict[str, Any]]:
    try:
        when = date.fromisoformat(day.strip())
    except ValueError:
        raise Unpublishable(f"Ngày «{day}» không hợp lệ; viết theo dạng 2026-09-01.") from None
    if kind not in {k.value for k in OverrideKind}:
        raise Unpublishable("Loại ngày phải là «off» (nghỉ thêm) hoặc «work» (làm bù).")
    return when.isoformat(), {"day": when.isoformat(), "kind": kind, "note": nfc(note.strip())}


def fee_amount(procedure_code: str, amount: str | int, basis: str) -> tuple[str, dict[str, Any]]:
    """The amount the province set for a procedure's fee (key: the procedure's code): at the
    desks it wins over what a commune's administrator typed."""
    code = procedure_code.strip()
    if not _PROCEDURE.fullmatch(code):
        raise Unpublishable(f"Mã thủ tục «{code}» không hợp lệ (ví dụ 1.004873).")
    try:
        value = check_province_amount(amount)
        text = check_basis(basis)
    except DeskError as err:
        raise Unpublishable(err.message) from None
    return code, {"procedure_code": code, "amount": value, "basis": text}


def officer(
    username: str,
    full_name: str,
    role: str,
    *,
    revoked_at: datetime | None = None,
    reason: str = "",
) -> tuple[str, dict[str, Any]]:
    username = username.strip().lower()
    if not _USERNAME.fullmatch(username):
        raise Unpublishable(
            f"Tên đăng nhập «{username}» không hợp lệ: 3–32 ký tự a–z, 0–9, dấu chấm, gạch."
        )
    if role not in ROLES:
        raise Unpublishable(f"Vai trò phải là một trong: {', '.join(ROLES)}.")
    if not full_name.strip() and revoked_at is None:
        raise Unpublishable("Thiếu họ tên cán bộ.")
    return username, {
        "username": username,
        "full_name": nfc(full_name.strip()),
        "role": role,
        "revoked_at": revoked_at.isoformat(timespec="seconds") if revoked_at else None,
        "reason": nfc(reason.strip()),
    }


def trust(paths: list[Path], version: str, now: datetime) -> tuple[str, dict[str, Any]]:
    """The province's CSCA trust list from certificate files (PEM, PEM bundle or DER), each a
    CA certificate; the desks replace theirs with it. Key: its version."""
    from desk_app.chip.trust_list import MAX_FILE_BYTES, UnusableTrustList, trust_list

    files: list[tuple[str, bytes]] = []
    for path in paths:
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise Unpublishable(
                    f"Tệp {path.name} quá lớn ({size // 1024} KiB; tối đa "
                    f"{MAX_FILE_BYTES // 1024} KiB)."
                )
            with path.open("rb") as handle:
                files.append((path.name, handle.read(MAX_FILE_BYTES + 1)))
        except OSError as err:
            raise Unpublishable(f"Không đọc được {path.name}: {type(err).__name__}.") from None
    try:
        made = trust_list(files, version, now.isoformat(timespec="seconds"))
    except UnusableTrustList as err:
        raise Unpublishable(str(err)) from None
    return made.version, made.document()
