"""Real parts for digitisation tests: a SoftHSM2 token and the SANE test scanner."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_app.capture.signing import TokenIdentity
from tests.capture.certs import OfficerCert

SOFTHSM_MODULE = next(
    (
        Path(p)
        for p in (
            "/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        )
        if Path(p).is_file()
    ),
    Path("/usr/lib/softhsm/libsofthsm2.so"),
)


@pytest.fixture(scope="session")
def token(
    tmp_path_factory: pytest.TempPathFactory, officer: OfficerCert
) -> Iterator[TokenIdentity]:
    """A real PKCS#11 token (SoftHSM2) holding the officer's key and certificate."""
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    pin = "246810"
    util = shutil.which("softhsm2-util")
    assert util, "softhsm2 is not installed (scripts/test installs it)"
    subprocess.run(
        [util, "--init-token", "--free", "--label", "can-bo", "--pin", pin, "--so-pin", "13579"],
        check=True, capture_output=True,
    )  # fmt: skip
    key = folder / "key.pem"
    key.write_bytes(officer.key_pem)
    subprocess.run(
        [util, "--import", str(key), "--token", "can-bo", "--label", "officer", "--id", "01",
         "--pin", pin],
        check=True, capture_output=True,
    )  # fmt: skip
    key.unlink()
    import pkcs11
    from asn1crypto import x509

    lib = pkcs11.lib(str(SOFTHSM_MODULE))
    with lib.get_token(token_label="can-bo").open(user_pin=pin, rw=True) as session:
        session.create_object(
            {
                pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE,
                pkcs11.Attribute.CERTIFICATE_TYPE: pkcs11.CertificateType.X_509,
                pkcs11.Attribute.TOKEN: True,
                pkcs11.Attribute.LABEL: "officer",
                pkcs11.Attribute.ID: b"\x01",
                pkcs11.Attribute.VALUE: officer.cert_der,
                pkcs11.Attribute.SUBJECT: x509.Certificate.load(officer.cert_der).subject.dump(),
            }
        )
    yield TokenIdentity(SOFTHSM_MODULE, "can-bo", pin, key_label="officer")
    if old is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = old
