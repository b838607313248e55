"""What the desk makes of a server's protocol versions, including a server from before
they were named (it spoke version 2 alone and called every other desk too old)."""

from __future__ import annotations

import httpx
import pytest

import desk_protocol as protocol
from desk_app.sync.client import SyncError, _spoken

SERVER = "https://huyen.example"
OLD_DESK = {"detail": {"code": "old_desk", "message": "Phần mềm quầy quá cũ"}}


def test_a_server_naming_no_versions_spoke_version_2_alone() -> None:
    refusal = httpx.Response(426, json=OLD_DESK)
    _spoken(refusal, SERVER, "2")  # a version-2 desk: the refusal is the server's own word
    with pytest.raises(SyncError, match="cần nâng cấp máy chủ huyện") as newer_desk:
        _spoken(refusal, SERVER, "3")
    assert newer_desk.value.code == "old_server"
    assert newer_desk.value.extra == {"server_protocol": "2", "desk_protocol": "3"}
    # a proxy's error page or any other answer without the header says nothing of versions
    _spoken(httpx.Response(502, text="Bad Gateway"), SERVER, "3")
    _spoken(httpx.Response(200, json={}), SERVER, "3")


def test_the_named_versions_decide_even_on_success() -> None:
    def answer(named: str) -> httpx.Response:
        return httpx.Response(200, json={}, headers={protocol.HEADER_SERVER_PROTOCOL: named})

    _spoken(answer("2-3"), SERVER, "2")
    with pytest.raises(SyncError, match="Hãy cập nhật phần mềm quầy") as old:
        _spoken(answer("3-4"), SERVER, "2")
    assert old.value.code == "old_desk"
    with pytest.raises(SyncError, match="cần nâng cấp máy chủ huyện"):
        _spoken(answer("1"), SERVER, "2")
    _spoken(answer("nonsense"), SERVER, "2")  # malformed: not a word on versions
