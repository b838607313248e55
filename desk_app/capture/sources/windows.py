"""WIA and TWAIN scanners on Windows: thin adapters, loaded only there.

They cannot run on the Linux machines the tests run on, so they hold no logic: open a
device, return one ``RawPage`` per sheet, raise ``ScannerError``. Batches, cancel, clean-up
and storage are the shared code every other source goes through.

- WIA (Windows Image Acquisition, built into Windows) through ``comtypes``' COM client:
  ``WIA.DeviceManager`` lists devices; each item's ``Transfer`` returns a BMP/PNG file.
- TWAIN (vendor drivers, what many feeder scanners ship) through ``pytwain``.
Both packages are installed by the Windows installer only (issue 7).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from desk_app.capture.errors import ScannerError
from desk_app.capture.page import RawPage
from desk_app.capture.sources.base import Device, ScanRequest

_WIA_FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"
_WIA_NO_MORE_PAGES = -2145320957  # WIA_ERROR_PAPER_EMPTY


def _require_windows() -> None:
    if sys.platform != "win32":
        raise ScannerError("Trình điều khiển WIA/TWAIN chỉ có trên Windows.")


class WiaDriver:
    def __init__(self) -> None:
        _require_windows()
        import comtypes.client

        self._manager: Any = comtypes.client.CreateObject("WIA.DeviceManager")

    def devices(self) -> list[Device]:
        infos = self._manager.DeviceInfos
        return [
            Device(str(info.DeviceID), str(info.Properties("Name").Value))
            for info in (infos.Item(i + 1) for i in range(infos.Count))
        ]

    def open(self, device: Device, request: ScanRequest) -> WiaSource:
        for i in range(self._manager.DeviceInfos.Count):
            info = self._manager.DeviceInfos.Item(i + 1)
            if str(info.DeviceID) == device.name:
                return WiaSource(info.Connect(), device, request)
        raise ScannerError(f"Không tìm thấy máy quét {device.label}.")


class WiaSource:
    def __init__(self, connection: Any, device: Device, request: ScanRequest) -> None:
        self.label = device.label
        self._item = connection.Items(1)
        self._request = request
        self._count = 0
        self._done = False
        for prop_id, value in ((6147, request.dpi), (6148, request.dpi)):  # X/Y resolution
            self._item.Properties(str(prop_id)).Value = value

    def next_page(self) -> RawPage | None:
        from PIL import Image

        if self._done:
            return None
        try:
            picture = self._item.Transfer(_WIA_FORMAT_PNG)
        except Exception as err:
            if getattr(err, "hresult", None) == _WIA_NO_MORE_PAGES:
                self._done = True
                return None
            raise ScannerError(f"Máy quét {self.label} báo lỗi: {err}.") from err
        path = Path(tempfile.mkdtemp()) / "page.png"
        picture.SaveFile(str(path))
        image = Image.open(path)
        image.load()
        path.unlink()
        self._count += 1
        self._done = not self._request.feeder
        return RawPage(image, self._request.dpi, f"{self.label}, trang {self._count}")

    def close(self) -> None:
        self._item = None


class TwainDriver:
    def __init__(self) -> None:
        _require_windows()
        import twain

        self._manager: Any = twain.SourceManager(0)

    def devices(self) -> list[Device]:
        return [Device(str(name), str(name)) for name in self._manager.GetSourceList()]

    def open(self, device: Device, request: ScanRequest) -> TwainSource:
        return TwainSource(self._manager.OpenSource(device.name), device, request)


class TwainSource:
    def __init__(self, source: Any, device: Device, request: ScanRequest) -> None:
        self.label = device.label
        self._source = source
        self._request = request
        self._count = 0
        self._started = False
        self._done = False

    def next_page(self) -> RawPage | None:
        from PIL import Image

        if self._done:
            return None
        try:
            if not self._started:
                self._source.RequestAcquire(0, 0)  # no vendor dialog
                self._started = True
            handle, more = self._source.XferImageNatively()
        except Exception as err:
            if self._count and "no more" in str(err).lower():
                return None
            raise ScannerError(f"Máy quét {self.label} báo lỗi: {err}.") from err
        import twain

        path = Path(tempfile.mkdtemp()) / "page.bmp"
        twain.DIBToBMFile(handle, str(path))
        twain.GlobalHandleFree(handle)
        image = Image.open(path)
        image.load()
        path.unlink()
        self._count += 1
        self._done = not more or not self._request.feeder
        return RawPage(image, self._request.dpi, f"{self.label}, trang {self._count}")

    def close(self) -> None:
        self._source.destroy()
