"""SANE scanners (Linux) through python-sane and the system's libsane."""

from __future__ import annotations

from typing import Any

from desk_app.capture.errors import ScannerError
from desk_app.capture.page import ColourMode, RawPage
from desk_app.capture.sources.base import Device, ScanRequest

_FEEDER_EMPTY = ("no more documents", "out of documents", "no docs", "document feeder out")


def _sane() -> Any:
    try:
        import sane
    except ImportError as err:
        raise ScannerError(
            "Máy chưa cài thư viện máy quét SANE (gói python-sane); hãy quét ra thư mục "
            "hoặc chọn tệp."
        ) from err
    return sane


class SaneDriver:
    def __init__(self) -> None:
        self._sane = _sane()
        self._sane.init()

    def devices(self) -> list[Device]:
        try:
            found = self._sane.get_devices()
        except Exception as err:
            raise ScannerError(f"Không liệt kê được máy quét: {err}.") from err
        return [Device(name, f"{vendor} {model} ({kind})") for name, vendor, model, kind in found]

    def open(self, device: Device, request: ScanRequest) -> SaneSource:
        try:
            handle = self._sane.open(device.name)
        except Exception as err:
            raise ScannerError(f"Không mở được máy quét {device.label}: {err}.") from err
        return SaneSource(handle, device, request)


class SaneSource:
    """An open SANE device; options it lacks are skipped (every model differs)."""

    def __init__(self, handle: Any, device: Device, request: ScanRequest) -> None:
        self._handle = handle
        self.label = device.label
        self._request = request
        self._count = 0
        self._done = False
        self._set("mode", "Color" if request.mode is ColourMode.COLOUR else "Gray")
        self._set("depth", 8)
        self._set("resolution", request.dpi)
        self._set("source", self._source_name(request.feeder))
        self._set("tl_x", 0.0)
        self._set("tl_y", 0.0)
        self._set("br_x", request.width_mm)
        self._set("br_y", request.height_mm)

    @property
    def handle(self) -> Any:
        """The python-sane device (tests reach the test backend's options through it)."""
        return self._handle

    def _options(self) -> dict[str, Any]:
        return {option[1]: option for option in self._handle.get_options() if option[1]}

    def _source_name(self, feeder: bool) -> str | None:
        option = self._options().get("source")
        if option is None or not isinstance(option[8], list):
            return None
        for name in option[8]:
            is_feeder = any(word in name.lower() for word in ("feeder", "adf", "duplex"))
            if is_feeder == feeder:
                return str(name)
        return None

    def _set(self, name: str, value: object) -> None:
        if value is None or name.replace("_", "-") not in self._options():
            return
        try:
            setattr(self._handle, name, value)
        except Exception:
            return  # an option this model refuses; the scan uses its default

    def next_page(self) -> RawPage | None:
        if self._done:
            return None
        try:
            self._handle.start()
            image = self._handle.snap()
        except Exception as err:
            text = str(err).lower()
            if any(phrase in text for phrase in _FEEDER_EMPTY):
                self._done = True
                if self._count == 0:
                    raise ScannerError("Khay nạp giấy trống: hãy đặt giấy vào máy quét.") from err
                return None
            raise ScannerError(f"Máy quét {self.label} báo lỗi hoặc đã bị ngắt: {err}.") from err
        self._count += 1
        if not self._request.feeder:
            self._done = True  # one page from the flatbed
        dpi = int(getattr(self._handle, "resolution", self._request.dpi) or self._request.dpi)
        return RawPage(image, dpi, f"{self.label}, trang {self._count}")

    def close(self) -> None:
        try:
            self._handle.close()
        except Exception as err:
            raise ScannerError(str(err)) from err
