"""``serve --tls-cert/--tls-key`` names files that must be there: the Windows hub's task names
hub.pem and hub.key before the administrator places them, and the hub then refuses in words
(and before it enrols with its upstream) instead of failing deep in uvicorn."""

from __future__ import annotations

from pathlib import Path

import pytest

from district_server.cli import main


def test_a_missing_certificate_is_refused_before_anything_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "hub.key"
    key.write_text("not a key yet", encoding="utf-8")
    args = ["serve", "--data-dir", str(tmp_path / "hub"), "--role", "hub", "--tls-cert",
            str(tmp_path / "hub.pem"), "--tls-key", str(key), "--upstream",
            "http://127.0.0.1:9", "--upstream-code", "0000-0000-0000-0000"]  # fmt: skip
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"không có tệp {tmp_path / 'hub.pem'}" in err
    assert "đăng ký hub không được" not in err  # refused before contacting the upstream


def test_a_missing_key_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cert = tmp_path / "hub.pem"
    cert.write_text("not a certificate yet", encoding="utf-8")
    args = ["serve", "--data-dir", str(tmp_path / "d"), "--tls-cert", str(cert), "--tls-key",
            str(tmp_path / "hub.key")]  # fmt: skip
    assert main(args) == 2
    assert f"không có tệp {tmp_path / 'hub.key'}" in capsys.readouterr().err
