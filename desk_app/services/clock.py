"""The desk's notion of "now", injectable so tests can set 16:00 or 1970."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from desk_app.domain.calendar import VN_TZ

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(VN_TZ)
