"""Periodic reports and the tracking book (Form 07), as figures, Excel and PDF."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from desk_app.domain.audit import AuditAction
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import Status
from desk_app.domain.lifecycle import ReturnMethod
from desk_app.domain.periods import Period, PeriodKind, check_range, parse_period, period_containing
from desk_app.domain.reporting import BookEntry, BookHeader, ProcedureRow, ProgressCounts, Report
from desk_app.services.access import Session
from desk_app.services.audit import AuditService
from desk_app.services.catalogue import CatalogueService
from desk_app.services.clock import Clock
from desk_app.services.files import write_atomically
from desk_app.services.guard import permitted
from desk_app.services.settings import DeskSettings, SettingsService
from desk_app.storage.dossier_rows import person_from_json
from desk_app.storage.report_store import ReportStore


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), VN_TZ)


class ReportService:
    def __init__(
        self,
        store: ReportStore,
        settings: SettingsService,
        catalogue: CatalogueService,
        clock: Clock,
        audit: AuditService | None = None,
        *,
        session: Session,
    ) -> None:
        self._session = session
        self._audit = audit
        self._store = store
        self._settings = settings
        self._catalogue = catalogue
        self._clock = clock

    @permitted
    def period(self, text: str) -> Period:
        """Parse ``2026-Q1`` / ``2026-H1`` / ``2026-03`` / ``2026`` with this desk's cut-off."""
        return parse_period(text, cutoff_day=self._settings.load().report_cutoff_day)

    @permitted
    def current_period(self, kind: PeriodKind = PeriodKind.QUARTER) -> Period:
        cutoff = self._settings.load().report_cutoff_day
        return period_containing(self._clock().date(), kind, cutoff_day=cutoff)

    @permitted
    def report(self, period: Period) -> Report:
        start, end = _midnight(period.start), _midnight(period.end)
        now = self._clock()
        per_code = self._store.progress(start, end, now)
        rows = tuple(
            ProcedureRow(code, self._catalogue.procedure_name(code), counts, self._sector(code))
            for code, counts in sorted(per_code.items())
        )
        total = sum((r.counts for r in rows), ProgressCounts())
        settings = self._settings.load()
        return Report(
            period=period,
            generated_at=now,
            parent_unit=settings.parent_unit,
            unit=settings.unit,
            total=total,
            by_procedure=rows,
            satisfaction=self._store.satisfaction(start, end),
            fees=self._store.fees(period.start, period.end),
        )

    def _sector(self, code: str) -> str:
        procedure = self._catalogue.find(code)
        return procedure.sector if procedure else "Chưa xác định lĩnh vực"

    @permitted
    def write_report(self, report: Report, out: Path) -> None:
        """Write ``report`` as ``.xlsx`` or ``.pdf`` (by the file's extension)."""
        suffix = out.suffix.lower()
        if suffix == ".xlsx":
            from desk_app.reports.excel import report_workbook

            write_atomically(out, _xlsx_bytes(report_workbook(report)))
        elif suffix == ".pdf":
            from desk_app.forms.report_pdf import render_report_pdf

            write_atomically(out, render_report_pdf(report))
        else:
            raise _bad_suffix(out)
        if self._audit is not None:
            self._audit.record(AuditAction.EXPORT, out.name, f"báo cáo {report.period.label}")

    # --- tracking book (Form 07) ------------------------------------------------------

    @permitted
    def book_entries(self, date_from: date, date_to: date) -> Iterator[BookEntry]:
        check_range(date_from, date_to)
        end = _midnight(date_to + timedelta(days=1))
        for row in self._store.book(_midnight(date_from), end):
            status = Status(row.status)
            if row.return_method:
                how = ReturnMethod(row.return_method).label
            elif status is Status.RETURNED:
                how = "Đã trả"
            else:  # refused, withdrawn or stopped say so; an open dossier has nothing yet
                how = status.label if status.is_closed else ""
            procedure = self._catalogue.procedure_in_version(
                row.catalogue_version, row.procedure_code
            )
            principal = person_from_json(row.principal)
            yield BookEntry(
                number=row.book_entry,
                code=row.code,
                procedure_name=procedure.name if procedure else row.procedure_code,
                sector=procedure.sector if procedure else "",
                principal_name=principal.full_name if principal else "",
                applicant_name=row.applicant_name,
                address_phone=", ".join(
                    x for x in (row.applicant_address, row.applicant_phone) if x
                ),
                processing_body=row.processing_body,
                received_at=row.received_at,
                due_at=row.due_at,
                returned_at=row.returned_at,
                how_returned=how,
            )

    def _book_number(self, settings: DeskSettings, date_from: date, sector: str) -> str:
        """A sector's book for a year keeps one number in the "STD" series."""
        from desk_app.domain.papers import PaperKind
        from desk_app.storage.paper_store import PaperStore

        return PaperStore(self._store.storage).number(
            PaperKind.TRACKING_BOOK,
            f"{date_from:%Y}/{sector}",
            desk=settings.desk_number,
            unit_code=settings.unit_code,
            at=_midnight(date_from),
        )

    @permitted
    def write_book(self, date_from: date, date_to: date, out: Path) -> int:
        """Write Form 07 for the range as ``.pdf`` or ``.xlsx``; return the number of rows."""
        suffix = out.suffix.lower()
        if suffix not in (".pdf", ".xlsx"):
            raise _bad_suffix(out)
        entries = list(self.book_entries(date_from, date_to))
        settings = self._settings.load()
        # One book per sector (lĩnh vực), each with its number in the "STD" series.
        books: dict[str, list[BookEntry]] = {}
        for entry in entries:
            books.setdefault(entry.sector, []).append(entry)
        heads = [
            BookHeader(
                settings.parent_unit,
                settings.unit,
                date_from,
                date_to,
                number=self._book_number(settings, date_from, sector),
                sector=sector,
            )
            for sector in sorted(books)
        ] or [BookHeader(settings.parent_unit, settings.unit, date_from, date_to)]
        if suffix == ".pdf":
            from desk_app.forms.tracking_book import render_tracking_books_pdf

            write_atomically(
                out, render_tracking_books_pdf([(h, books.get(h.sector, [])) for h in heads])
            )
        else:
            from desk_app.reports.excel import book_workbook

            head = BookHeader(settings.parent_unit, settings.unit, date_from, date_to)
            write_atomically(out, _xlsx_bytes(book_workbook(head, entries)))
        if self._audit is not None:
            self._audit.record(
                AuditAction.EXPORT, out.name, f"sổ theo dõi {date_from:%d/%m/%Y}–{date_to:%d/%m/%Y}"
            )
        return len(entries)


def _xlsx_bytes(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bad_suffix(out: Path) -> Exception:
    from desk_app.domain.errors import InvalidField

    return InvalidField(
        f"Không xuất được «{out.name}»: chỉ hỗ trợ tệp .xlsx (Excel) hoặc .pdf.", field="out"
    )
