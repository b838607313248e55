"""What every route shares: the error an answer carries, the request body written into the
OpenAPI spec, the bounds of the wire's numbers and hashes."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import HTTPException, Query
from pydantic import BaseModel

# Integer columns are 32-bit on PostgreSQL: anything larger is refused as malformed.
INT32 = 2**31 - 1
_SHA256 = re.compile(r"[0-9a-f]{64}")
# Where a desk's pull resumes, and how many items one page holds at the most.
Cursor = Annotated[int, Query(ge=0, le=2**62)]
PageSize = Annotated[int, Query(ge=1, le=1000)]


def json_body(model: type[BaseModel]) -> dict[str, Any]:
    """The request body a raw-body route reads (it checks the signature over the bytes
    first), written into the OpenAPI spec for clients and for schemathesis."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return inline(definitions[ref.removeprefix("#/$defs/")])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": inline(schema)}},
        }
    }


def count(text: str, maximum: int) -> int | None:
    """A header's whole number in 0..``maximum``, or None: ASCII digits only (``str.isdigit``
    takes "²", which ``int`` refuses) and no longer than a 64-bit number."""
    if not (0 < len(text) <= 19 and text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if value <= maximum else None


NONCE = re.compile(r"[0-9A-Za-z_-]{8,64}")  # the server's nonces column keeps 64


def error(status: int, code: str, message: str, **extra: Any) -> HTTPException:
    return HTTPException(status, detail={"code": code, "message": message, **extra})


def is_sha256(value: str) -> bool:
    return _SHA256.fullmatch(value) is not None


def valid_sha(value: str) -> str:
    """``value`` if it is a SHA-256 in hex, else refused."""
    if not is_sha256(value):
        raise error(422, "bad_sha256", "Mã băm SHA-256 không hợp lệ.")
    return value
