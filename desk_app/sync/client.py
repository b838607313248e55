"""The desk's HTTP client for the district server: signed requests, clear errors."""

from __future__ import annotations

import gzip
import json
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desk_app.domain.errors import DeskError
from desk_app.sync import protocol

TIMEOUT = httpx.Timeout(30.0, connect=10.0)


class SyncError(DeskError):
    """The server refused, or could not be reached; ``code`` is the server's reason."""

    def __init__(
        self, message: str, *, code: str = "", status: int = 0, extra: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.extra = extra or {}


def _check_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise SyncError(f"Địa chỉ máy chủ «{url}» phải bắt đầu bằng http:// hoặc https://.")
    return url


def _answer(response: httpx.Response, server: str) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise SyncError(
            f"Địa chỉ {server} không phải máy chủ Một cửa (trả lời HTTP {response.status_code}).",
            code="not_a_server",
            status=response.status_code,
        )
    if response.is_success:
        return data
    detail = data.get("detail")
    if isinstance(detail, dict) and "message" in detail:
        extra = {k: v for k, v in detail.items() if k not in ("code", "message")}
        raise SyncError(
            str(detail["message"]),
            code=str(detail.get("code", "")),
            status=response.status_code,
            extra=extra,
        )
    raise SyncError(
        f"Máy chủ từ chối yêu cầu (HTTP {response.status_code}).", status=response.status_code
    )


def _unreachable(server: str, err: Exception) -> SyncError:
    return SyncError(
        f"Không kết nối được máy chủ {server} ({type(err).__name__}). Dữ liệu vẫn an toàn ở "
        "quầy và sẽ được gửi khi có mạng.",
        code="unreachable",
    )


def enrol(
    server_url: str,
    code: str,
    public_key: str,
    *,
    issued: tuple[str, int] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> dict[str, Any]:
    """Exchange a one-time code for this desk's identity at ``server_url``.

    ``issued`` is the (commune code, desk number) this desk has already numbered dossiers
    under: the server then refuses a code for another commune or desk number, and keeps
    the code unused."""
    server = _check_url(server_url)
    body: dict[str, Any] = {"code": code.strip(), "public_key": public_key}
    if issued is not None:
        body["issued"] = {"commune_code": issued[0], "desk_number": issued[1]}
    try:
        with httpx.Client(base_url=server, timeout=TIMEOUT, transport=transport) as client:
            response = client.post(protocol.ENROL_PATH, json=body)
    except httpx.HTTPError as err:
        raise _unreachable(server, err) from err
    return _answer(response, server)


class SyncClient:
    def __init__(
        self,
        server_url: str,
        desk_id: str,
        key: Ed25519PrivateKey,
        *,
        transport: httpx.BaseTransport | None = None,
        backlog: int | None = None,
    ) -> None:
        self.server = _check_url(server_url)
        self.backlog = backlog  # told to the server with each request (district view)
        self._desk_id = desk_id
        self._key = key
        self._http = httpx.Client(base_url=self.server, timeout=TIMEOUT, transport=transport)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def request(
        self, method: str, path: str, payload: Any = None, *, compress: bool = False
    ) -> dict[str, Any]:
        body = (
            b""
            if payload is None
            else json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        )
        headers = {"content-type": "application/json"}
        if compress:
            body = gzip.compress(body, compresslevel=6)
            headers["content-encoding"] = "gzip"
        headers |= protocol.signed_headers(self._key, self._desk_id, method, path, body)
        if self.backlog is not None:
            headers[protocol.HEADER_BACKLOG] = str(self.backlog)
        try:
            response = self._http.request(method, path, content=body, headers=headers)
        except httpx.HTTPError as err:
            raise _unreachable(self.server, err) from err
        return _answer(response, self.server)

    def raw(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
        """A signed request with a raw body (blob chunks); errors as ``SyncError``."""
        headers = headers | protocol.signed_headers(self._key, self._desk_id, method, path, body)
        try:
            response = self._http.request(method, path, content=body, headers=headers)
        except httpx.HTTPError as err:
            raise _unreachable(self.server, err) from err
        if not response.is_success:
            _answer(response, self.server)  # raises with the server's reason
        return response

    def server_time(self) -> str:
        try:
            response = self._http.get(protocol.TIME_PATH)
        except httpx.HTTPError as err:
            raise _unreachable(self.server, err) from err
        return str(_answer(response, self.server)["now"])
