"""The desk's HTTP client for the district server: signed requests, checked answers,
clear errors.

Every answer is checked against the server key pinned at enrolment before anything in it
is believed (an acknowledgement, a list of missing papers, a pulled dossier, a published
catalogue, even an error that says where to resume): the server signs its status, the
request's method, path and nonce and the body's SHA-256. A forged answer, or a genuine
answer to another request, is refused in words and changes nothing at the desk.
"""

from __future__ import annotations

import gzip
import hmac
import ipaddress
import json
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

import desk_protocol as protocol
from desk_app.domain.errors import DeskError
from desk_app.lean_import import without

if TYPE_CHECKING:
    import httpx

TIMEOUT_S, CONNECT_TIMEOUT_S = 30.0, 10.0


def _http() -> ModuleType:
    """httpx, imported by the first request rather than by every start of the window (a
    few hundredths of a second before its first paint); its own command line (rich and
    pygments) not at all."""
    with without("httpx._main"):
        import httpx

    return httpx


def _timeout() -> httpx.Timeout:
    return _http().Timeout(TIMEOUT_S, connect=CONNECT_TIMEOUT_S)  # type: ignore[no-any-return]


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
    if url.startswith("http://") and not _loopback(url):
        raise SyncError(
            f"Địa chỉ máy chủ «{url}» dùng http:// không mã hóa: dữ liệu của công dân sẽ đi "
            "trên mạng dạng đọc được. Hãy dùng địa chỉ https:// của máy chủ (máy chủ trong "
            "mạng nội bộ cũng cần chứng chỉ, đặt sau Caddy hoặc nginx); http:// chỉ dùng "
            "được với máy chủ chạy ngay trên máy này (127.0.0.1).",
            code="plain_http",
        )
    return url


def _loopback(url: str) -> bool:
    """Whether ``url`` names this machine by address (127.0.0.0/8 or ::1). A name such as
    ``localhost`` is not taken on trust: it is whatever the resolver says."""
    try:
        host = urlsplit(url).hostname or ""
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _unsigned(server: str, response: httpx.Response) -> SyncError:
    if response.status_code >= 500:  # a crash, or a reverse proxy whose server is down
        return SyncError(
            f"Máy chủ {server} đang gặp sự cố (HTTP {response.status_code}, câu trả lời không "
            "có chữ ký nên quầy không dùng nội dung của nó). Dữ liệu vẫn an toàn ở quầy và "
            "sẽ được gửi lại sau.",
            code="unsigned_answer",
            status=response.status_code,
        )
    return SyncError(
        f"Câu trả lời từ {server} (HTTP {response.status_code}) không có chữ ký đúng của máy "
        "chủ đã đăng ký: có thể bị giả mạo hoặc phát lại trên đường truyền, hoặc máy chủ "
        "dùng phiên bản cũ chưa ký câu trả lời (cần cập nhật máy chủ). Quầy không tin câu "
        "trả lời này: không mục nào được đánh dấu đã gửi, dữ liệu vẫn an toàn ở quầy.",
        code="unsigned_answer",
        status=response.status_code,
    )


def _spoken(response: httpx.Response, server: str, version: str) -> None:
    """Refuse, naming the software to update, an answer of a server that does not speak
    this desk's protocol version. Read before the signature (a server of another version
    may sign otherwise); it can only refuse, never make the desk believe anything. A
    server that names no versions predates the negotiation and spoke version 2 alone: only
    its refusal (426) is taken as a word on versions, not a proxy's error page."""
    named = response.headers.get(protocol.HEADER_SERVER_PROTOCOL)
    versions = protocol.parse_versions(named)
    if versions is None:
        if named is not None or response.status_code != 426:
            return
        versions = protocol.BEFORE_NEGOTIATION
    desk = protocol.parse_version(version)
    side = protocol.behind(desk, versions)
    if side is protocol.Behind.DESK:
        raise SyncError(
            f"Máy chủ {server} dùng giao thức đồng bộ mới hơn ({versions}) mà phần mềm quầy "
            f"này (giao thức {version}) không còn dùng được. Hãy cập nhật phần mềm quầy rồi "
            "đồng bộ lại; trong lúc chờ, quầy vẫn làm việc bình thường và dữ liệu vẫn an "
            "toàn ở quầy.",
            code=side.value,
            status=response.status_code,
            extra={"server_protocol": str(versions), "desk_protocol": version},
        )
    if side is protocol.Behind.SERVER:
        raise SyncError(
            f"Máy chủ {server} dùng giao thức đồng bộ cũ hơn ({versions}) so với phần mềm "
            f"quầy này (giao thức {version}): cần nâng cấp máy chủ huyện. Trong lúc chờ, "
            "quầy vẫn làm việc bình thường và dữ liệu được giữ an toàn để gửi sau.",
            code=side.value,
            status=response.status_code,
            extra={"server_protocol": str(versions), "desk_protocol": version},
        )


def _checked(
    response: httpx.Response,
    server: str,
    key: Ed25519PublicKey,
    method: str,
    path: str,
    nonce: str,
    version: str = protocol.PROTOCOL_VERSION,
) -> httpx.Response:
    """``response`` if the server speaks this desk's protocol ``version`` and signed
    exactly it, for exactly this request; else refused."""
    _spoken(response, server, version)
    if not protocol.answer_signed(
        key, response.headers, response.status_code, method, path, nonce, response.content
    ):
        raise _unsigned(server, response)
    return response


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
    if "CERTIFICATE_VERIFY_FAILED" in str(err):
        return SyncError(
            f"Máy chủ {server} dùng chứng chỉ TLS mà máy này không tin cậy (hết hạn, sai tên "
            "máy chủ, hoặc do cơ quan cấp chứng chỉ nội bộ cấp). Nếu huyện dùng chứng chỉ nội "
            "bộ, đặt biến môi trường SSL_CERT_FILE trỏ tới tệp chứng chỉ gốc (CA) của huyện "
            "rồi đồng bộ lại. Dữ liệu vẫn an toàn ở quầy.",
            code="untrusted_certificate",
        )
    return SyncError(
        f"Không kết nối được máy chủ {server} ({type(err).__name__}). Dữ liệu vẫn an toàn ở "
        "quầy và sẽ được gửi khi có mạng.",
        code="unreachable",
    )


def normal_enrol_code(code: str) -> str:
    """The one-time code as the server wrote it (``XXXX-XXXX-XXXX-XXXX``, capitals), from
    what the officer typed: spaces, lower case, dashes missing or misplaced."""
    bare = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(bare) == 16:
        return "-".join(bare[i : i + 4] for i in range(0, 16, 4))
    return "".join(code.split()).upper()


def enrol(
    server_url: str,
    code: str,
    public_key: str,
    *,
    issued: tuple[str, int] | None = None,
    commune_name: str = "",
    transport: httpx.BaseTransport | None = None,
    version: str = protocol.PROTOCOL_VERSION,
) -> dict[str, Any]:
    """Exchange a one-time code for this desk's identity at ``server_url``.

    ``issued`` is the (commune code, desk number) this desk has already numbered dossiers
    under: the server then refuses a code for another commune or desk number, and keeps
    the code unused.

    The desk has no server key pinned yet: the answer must carry the one-time code's HMAC
    over this desk's key and the answer (only the server that issued the code can make
    it) and the signature of the server key it names, which the desk then pins.

    Threat model: this first contact is as safe as the code's path. Someone who reads the
    code before it is used (over the shoulder, or on the wire: hence https, and plain
    http only on loopback) could answer in the server's place with a key of their own;
    someone who does not know the code cannot."""
    server = _check_url(server_url)
    code = normal_enrol_code(code)
    nonce = protocol.new_nonce()
    headers = {protocol.HEADER_NONCE: nonce, protocol.HEADER_PROTOCOL: version}
    body: dict[str, Any] = {"code": code.strip(), "public_key": public_key}
    if issued is not None:
        body["issued"] = {"commune_code": issued[0], "desk_number": issued[1]}
    if commune_name:  # for the district view (a server that predates it ignores it)
        body["commune_name"] = commune_name
    http = _http()
    try:
        with http.Client(base_url=server, timeout=_timeout(), transport=transport) as client:
            response = client.post(protocol.ENROL_PATH, json=body, headers=headers)
    except http.HTTPError as err:
        raise _unreachable(server, err) from err
    _spoken(response, server, version)
    answer = _answer(response, server)  # a refusal is shown as it is: it changes nothing
    mac = response.headers.get(protocol.HEADER_ENROL_MAC, "")
    expected = protocol.enrol_mac(code.strip(), public_key, response.content)
    try:
        server_key = protocol.load_public_key(str(answer.get("server_public_key", "")))
    except ValueError:
        raise _unsigned(server, response) from None
    if not hmac.compare_digest(mac, expected):
        raise _unsigned(server, response)
    _checked(response, server, server_key, "POST", protocol.ENROL_PATH, nonce, version)
    return answer


class SyncClient:
    def __init__(
        self,
        server_url: str,
        desk_id: str,
        key: Ed25519PrivateKey,
        *,
        server_key: Ed25519PublicKey,
        transport: httpx.BaseTransport | None = None,
        backlog: int | None = None,
        version: str = protocol.PROTOCOL_VERSION,
    ) -> None:
        self.server = _check_url(server_url)
        self.version = version  # the protocol this desk speaks (another only in tests)
        self._server_key = server_key
        self.backlog = backlog  # told to the server with each request (district view)
        self._desk_id = desk_id
        self._key = key
        self._http = _http().Client(base_url=self.server, timeout=_timeout(), transport=transport)

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
        if self.backlog is not None:
            headers[protocol.HEADER_BACKLOG] = str(self.backlog)
        return _answer(self._send(method, path, body, headers), self.server)

    def raw(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
        """A signed request with a raw body (blob chunks); errors as ``SyncError``."""
        response = self._send(method, path, body, dict(headers))
        if not response.is_success:
            _answer(response, self.server)  # raises with the server's reason
        return response

    def server_time(self) -> str:
        """The server's clock. The request is signed (the server notes a desk whose clock
        is off, for its administrator), and so is the answer."""
        headers = protocol.signed_headers(
            self._key, self._desk_id, "GET", protocol.TIME_PATH, b"", version=self.version
        )
        nonce = headers[protocol.HEADER_NONCE]
        try:
            response = self._http.get(protocol.TIME_PATH, headers=headers)
        except _http().HTTPError as err:
            raise _unreachable(self.server, err) from err
        _checked(
            response, self.server, self._server_key, "GET", protocol.TIME_PATH, nonce, self.version
        )
        return str(_answer(response, self.server)["now"])

    def _send(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
        """Sign, send, and check that the answer is the server's, to this very request."""
        signed = protocol.signed_headers(
            self._key, self._desk_id, method, path, body, version=self.version
        )
        try:
            response = self._http.request(method, path, content=body, headers=headers | signed)
        except _http().HTTPError as err:
            raise _unreachable(self.server, err) from err
        nonce = signed[protocol.HEADER_NONCE]
        return _checked(response, self.server, self._server_key, method, path, nonce, self.version)


@dataclass(frozen=True)
class HubCertificate:
    """A commune hub's key as the upstream certified it, and the keys of the hubs it
    replaced (revoked upstream: never to be trusted again)."""

    key: str
    revoked_keys: tuple[str, ...]


def _hub_certificate(
    server: str, transport: httpx.BaseTransport | None, version: str
) -> tuple[httpx.Response, str, Any, Any]:
    """The hub's answer to a certificate request (with the nonce it must sign), the
    certificate and its document as they came: nothing checked yet."""
    nonce = protocol.new_nonce()
    headers = {protocol.HEADER_NONCE: nonce, protocol.HEADER_PROTOCOL: version}
    http = _http()
    try:
        with http.Client(base_url=server, timeout=_timeout(), transport=transport) as client:
            response = client.get(protocol.HUB_CERTIFICATE_PATH, headers=headers)
    except http.HTTPError as err:
        raise _unreachable(server, err) from err
    try:
        certificate = response.json().get("certificate") if response.is_success else None
    except (ValueError, AttributeError):
        certificate = None
    document = certificate.get("document") if isinstance(certificate, dict) else None
    return response, nonce, certificate, document


def hub_key_held(
    hub_url: str,
    fingerprint: str,
    *,
    transport: httpx.BaseTransport | None = None,
    version: str = protocol.PROTOCOL_VERSION,
) -> str:
    """The key of the hub at ``hub_url`` (found on the LAN, before enrolment: no key pinned
    yet) when its fingerprint is the one the officer confirmed and the hub proves it holds
    it (its answer to a fresh nonce signed with that key); else ``SyncError``: the one-time
    code is never sent to anybody else."""
    server = _check_url(hub_url)
    response, nonce, _, document = _hub_certificate(server, transport, version)
    key_text = str(document.get("hub_key", "")) if isinstance(document, dict) else ""
    try:
        key = protocol.load_public_key(key_text)
    except ValueError:
        raise SyncError(
            f"Máy {server} không cho biết khóa hub của nó (chưa đăng ký với máy chủ cấp trên, "
            "hoặc không phải hub): không đăng ký quầy với máy này.",
            code="no_hub_key",
        ) from None
    if not protocol.same_fingerprint(fingerprint, protocol.key_fingerprint(key_text)):
        raise SyncError(
            f"Khóa của máy {server} (dấu {protocol.key_fingerprint(key_text)}) không khớp dấu "
            f"khóa đã xác nhận ({fingerprint}): không đăng ký quầy với máy này. Có thể là máy "
            "giả mạo; hãy báo quản trị.",
            code="hub_key_mismatch",
        )
    _checked(response, server, key, "GET", protocol.HUB_CERTIFICATE_PATH, nonce, version)
    return key_text


def certified_hub_key(
    hub_url: str,
    upstream_key: Ed25519PublicKey,
    commune_code: str,
    *,
    transport: httpx.BaseTransport | None = None,
    version: str = protocol.PROTOCOL_VERSION,
) -> HubCertificate:
    """The key of the commune hub at ``hub_url`` as the upstream certified it (the upstream
    key pinned at enrolment, for this desk's commune), or ``SyncError``. A hub rebuilt after
    its disk was lost has a new key: the desk takes it on the upstream's word, and on the
    hub's answer signed with exactly that key; anybody else's key is refused. The caller
    refuses a key it knows to be revoked (an old hub's certificate stays signed)."""
    server = _check_url(hub_url)
    # nothing of this answer is believed before the upstream's signature is checked
    response, nonce, certificate, document = _hub_certificate(server, transport, version)
    if (
        not isinstance(certificate, dict)
        or not isinstance(document, dict)
        or not protocol.document_signed_by(upstream_key, certificate)
        or document.get("format") != protocol.HUB_CERTIFICATE_FORMAT
        or document.get("commune_code") != commune_code
    ):
        raise SyncError(
            f"Máy chủ {server} dùng khóa mới mà máy chủ cấp trên không xác nhận là hub của xã "
            "này: quầy không tin máy này. Hãy báo quản trị (có thể cần đăng ký lại quầy). "
            "Dữ liệu vẫn an toàn ở quầy.",
            code="uncertified_hub",
        )
    key_text = str(document.get("hub_key", ""))
    try:
        key = protocol.load_public_key(key_text)
    except ValueError:
        raise _unsigned(server, response) from None
    _checked(response, server, key, "GET", protocol.HUB_CERTIFICATE_PATH, nonce, version)
    revoked = document.get("revoked_keys") or []
    return HubCertificate(
        key_text, tuple(str(k) for k in revoked) if isinstance(revoked, list) else ()
    )
