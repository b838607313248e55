"""The hub's client for its upstream: requests signed with the hub's own key (the one the
upstream pinned when the hub enrolled), answers believed only when signed by the upstream's
pinned key, as a desk does (``desk_app.sync.client``, which the server may not import)."""

from __future__ import annotations

import base64
import hmac
import json
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

import desk_protocol as protocol

TIMEOUT = httpx.Timeout(30.0, connect=5.0)
CHUNK = 512 * 1024  # a paper's chunk to the upstream (the server takes up to 1 MiB)


class UpstreamError(Exception):
    """The upstream refused, could not be reached, or its answer was not its own."""

    def __init__(self, message: str, *, code: str = "", status: int = 0) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.detail: dict[str, Any] = {}


def _refusal(response: httpx.Response) -> UpstreamError:
    try:
        detail = response.json().get("detail")
    except ValueError:
        detail = None
    if isinstance(detail, dict):
        message = str(detail.get("message", ""))
        skew = detail.get("skew_seconds")
        if detail.get("code") == "clock_skew" and isinstance(skew, int):  # the hub's clock
            way = "nhanh" if skew > 0 else "chậm"
            message = (f"Đồng hồ của hub {way} {abs(skew) / 60:.0f} phút so với máy chủ cấp "
                       "trên: hãy chỉnh lại giờ máy hub; các lô của quầy chờ ở hub đến khi đó.")  # fmt: skip
        err = UpstreamError(message, code=str(detail.get("code", "")),
                            status=response.status_code)  # fmt: skip
        err.detail = detail
        return err
    return UpstreamError(f"HTTP {response.status_code}", status=response.status_code)


def enrol(url: str, code: str, key: Ed25519PrivateKey) -> dict[str, Any]:
    """The hub's one enrolment with its upstream (a hub code from ``enrol-hub``): the answer
    authenticated by the code's HMAC and signed by the key it names, which the hub pins."""
    public = protocol.public_key_text(key.public_key())
    nonce = protocol.new_nonce()
    headers = {protocol.HEADER_NONCE: nonce, protocol.HEADER_PROTOCOL: protocol.PROTOCOL_VERSION}
    try:
        response = httpx.post(url.rstrip("/") + protocol.ENROL_PATH, json={"code": code.strip(),
                              "public_key": public}, headers=headers, timeout=TIMEOUT)  # fmt: skip
    except httpx.HTTPError as err:
        raise UpstreamError(f"không kết nối được {url} ({type(err).__name__})",
                            code="unreachable") from err  # fmt: skip
    if not response.is_success:
        raise _refusal(response)
    answer: dict[str, Any] = response.json()
    mac = response.headers.get(protocol.HEADER_ENROL_MAC, "")
    upstream_key = protocol.load_public_key(str(answer.get("server_public_key", "")))
    expected = protocol.enrol_mac(code.strip(), public, response.content)
    if not hmac.compare_digest(mac, expected) or not protocol.answer_signed(
        upstream_key, response.headers, response.status_code, "POST", protocol.ENROL_PATH,
        nonce, response.content,
    ):  # fmt: skip
        raise UpstreamError("câu trả lời đăng ký không có chữ ký đúng", code="unsigned_answer")
    return answer


class Upstream:
    def __init__(
        self,
        url: str,
        hub_id: str,
        key: Ed25519PrivateKey,
        upstream_key: Ed25519PublicKey,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = url.rstrip("/")
        self._hub_id = hub_id
        self._key = key
        self._upstream_key = upstream_key
        self._http = httpx.Client(base_url=self.url, timeout=TIMEOUT, transport=transport)

    def close(self) -> None:
        self._http.close()

    def send(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> httpx.Response:
        """A signed request; the answer if it is the upstream's own to this request."""
        signed = protocol.signed_headers(self._key, self._hub_id, method, path, body)
        try:
            response = self._http.request(
                method, path, content=body, headers=(headers or {}) | signed
            )
        except httpx.HTTPError as err:
            raise UpstreamError(f"không kết nối được {self.url} ({type(err).__name__})",
                                code="unreachable") from err  # fmt: skip
        if not protocol.answer_signed(
            self._upstream_key, response.headers, response.status_code, method, path,
            signed[protocol.HEADER_NONCE], response.content,
        ):  # fmt: skip
            raise UpstreamError(
                f"câu trả lời của {self.url} (HTTP {response.status_code}) không có chữ ký đúng",
                code="unsigned_answer",
                status=response.status_code,
            )
        if not response.is_success:
            raise _refusal(response)
        return response

    def json(self, method: str, path: str, payload: Any = None) -> dict[str, Any]:
        body = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode()
        answer: dict[str, Any] = self.send(
            method, path, body, {"content-type": "application/json"}
        ).json()
        return answer

    def upload(self, sha256: str, data: bytes) -> None:
        """A paper to the upstream by tus, resumed from what it holds."""
        location = f"{protocol.UPLOADS_PATH}/{sha256}"
        tus = {"Tus-Resumable": protocol.TUS_VERSION}
        created = self.send(
            "POST",
            protocol.UPLOADS_PATH,
            data[:CHUNK],
            tus | {
                "Upload-Length": str(len(data)),
                "Upload-Metadata": "sha256 " + base64.b64encode(sha256.encode()).decode(),
                "content-type": "application/offset+octet-stream",
            },
        )  # fmt: skip
        offset = int(created.headers.get("Upload-Offset", "0"))
        while 0 <= offset < len(data):
            answer = self.send(
                "PATCH",
                location,
                data[offset : offset + CHUNK],
                tus | {"Upload-Offset": str(offset),
                       "content-type": "application/offset+octet-stream"},
            )  # fmt: skip
            offset = int(answer.headers.get("Upload-Offset", "-1"))
