"""A commune whose district server is on the LAN only: https with the district's own
certificate authority, trusted by the desk through ``SSL_CERT_FILE`` (real processes,
the real server behind TLS on loopback)."""

from __future__ import annotations

import ipaddress
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from bench.pg import free_port
from desk_app.app import Desk
from district_server.app import create_app
from district_server.blob_files import BlobFiles
from district_server.cli import database_url
from district_server.keys import server_key
from district_server.store import ServerStore
from tests.conftest import birth_draft, desk_env


def _certificates(folder: Path, address: str = "127.0.0.1") -> tuple[Path, Path, Path]:
    """A district CA, and a certificate it issued for ``address``: (ca, cert, key)."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA UBND huyện (thử)")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, address)]))
        .issuer_name(ca_name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(address))]),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


def _desk_app(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, env=env,
    )  # fmt: skip


def test_a_lan_server_behind_https_with_the_district_s_own_ca(desk: Desk, tmp_path: Path) -> None:
    ca, cert, key = _certificates(tmp_path)
    data = tmp_path / "district"
    store = ServerStore(database_url(data, None))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(store, BlobFiles(data), server_key=server_key(data)),
            host="127.0.0.1", port=port, log_level="warning", lifespan="off",
            ssl_certfile=str(cert), ssl_keyfile=str(key),
        )
    )  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    try:
        desk.intake.receive(birth_draft(desk))
        settings = desk.settings.load()  # it has numbered a dossier: enrolled as it numbered
        desk.close()
        url = f"https://127.0.0.1:{port}"
        code = store.new_enrol_code(settings.agency_code, settings.desk_number, datetime.now(UTC))
        # the district's CA is not trusted yet: refused, saying what to do
        refused = _desk_app(desk_env(), "enrol", "--data-dir", desk.data_dir, "--server", url,
                            "--code", code)  # fmt: skip
        assert refused.returncode == 2 and "SSL_CERT_FILE" in refused.stderr, refused.stderr
        trusted = desk_env(SSL_CERT_FILE=str(ca))
        enrolled = _desk_app(trusted, "enrol", "--data-dir", desk.data_dir, "--server", url,
                             "--code", code)  # fmt: skip
        assert enrolled.returncode == 0, enrolled.stderr
        synced = _desk_app(trusted, "sync", "--data-dir", desk.data_dir)
        assert synced.returncode == 0 and "còn chờ 0" in synced.stdout, synced.stderr
        assert len(store.desks()) == 1 and store.desks()[0]["acked"] >= 1
    finally:
        server.should_exit = True
        thread.join(timeout=10)
