"""Stored times: ISO text in Vietnam time, so they sort and compare as text."""

from __future__ import annotations

from datetime import datetime

from desk_app.domain.calendar import VN_TZ


def to_text(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is not VN_TZ:
        moment = moment.astimezone(VN_TZ)
    return moment.isoformat(timespec="seconds")


def from_text(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
