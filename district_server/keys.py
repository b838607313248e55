"""The server's own Ed25519 key: it signs USB-pack acknowledgements; desks pin its public
half at enrolment. Made once, kept in the data folder (readable by the server only)."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

import desk_protocol as protocol

KEY_FILE = "server_ed25519.key"


def server_key(data_dir: Path) -> Ed25519PrivateKey:
    path = data_dir / KEY_FILE
    if path.exists():
        return Ed25519PrivateKey.from_private_bytes(protocol.unb64(path.read_text().strip()))
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(protocol.b64(raw))
    return key


def public_text(key: Ed25519PrivateKey) -> str:
    return protocol.public_key_text(key.public_key())
