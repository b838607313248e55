"""The one interface every scanner adapter implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from desk_app.capture.page import DEFAULT_DPI, ColourMode, RawPage


@dataclass(frozen=True)
class ScanRequest:
    dpi: int = DEFAULT_DPI
    mode: ColourMode = ColourMode.GREY  # scan grey for B/W: the threshold is ours, adaptive
    feeder: bool = True  # the automatic document feeder, else the flatbed
    width_mm: float = 210.0
    height_mm: float = 297.0


@dataclass(frozen=True)
class Device:
    name: str  # what the adapter opens ("test:0", a WIA device id ...)
    label: str  # what the officer reads ("Canon DR-C225 (USB)")


class PageSource(Protocol):
    """An open scanner. ``next_page`` returns None when the feeder is empty (or after the
    one flatbed page) and raises ``ScannerError`` when the device fails or goes away."""

    label: str

    def next_page(self) -> RawPage | None: ...

    def close(self) -> None: ...


class ScannerDriver(Protocol):
    """A platform's scanner system: lists devices and opens one for a request."""

    def devices(self) -> list[Device]: ...

    def open(self, device: Device, request: ScanRequest) -> PageSource: ...
