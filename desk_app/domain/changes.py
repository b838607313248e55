"""The change log's content hash: the desk computes it when it writes an entry, the
district server recomputes it to know an entry arrived as it was written."""

from __future__ import annotations

import hashlib


def content_hash(kind: str, entity_uuid: str, payload_json: str, blob_hashes_json: str) -> str:
    """SHA-256 over the entry's kind, entity, canonical payload JSON and sorted blob list."""
    text = f"{kind}\n{entity_uuid}\n{payload_json}\n{blob_hashes_json}"
    return hashlib.sha256(text.encode()).hexdigest()
