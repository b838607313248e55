"""The server's logs: one JSON object a line, and nothing personal in them.

The server's own messages name desks, sequence numbers, counts and hash prefixes, never a
citizen. Access lines are the risk: a status-page URL carries a dossier code and its
secret (``/tra-cuu/<code>?k=<secret>``), so access lines keep the path without its query
and with the code replaced by ``…``.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

_LOOKUP = re.compile(r"^(/tra-cuu/)[^/?]+")


def redact_path(path: str) -> str:
    """A request path fit for a log: no query string, no dossier code."""
    path = path.split("?", 1)[0]
    return _LOOKUP.sub(r"\1…", path)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        if (
            record.name == "uvicorn.access"
            and isinstance(record.args, tuple)
            and len(record.args) == 5
        ):
            client, method, path, _version, status = record.args
            entry.update(
                event="request",
                method=method,
                path=redact_path(str(path)),
                status=status,
                client=str(client).rsplit(":", 1)[0],
            )
        else:
            entry["message"] = record.getMessage()
        if record.exc_info:
            entry["error"] = record.exc_info[0].__name__ if record.exc_info[0] else "error"
        return json.dumps(entry, ensure_ascii=False)


def log_config(level: str = "INFO") -> dict[str, Any]:
    """uvicorn's ``log_config``: every logger, ours and uvicorn's, through JsonFormatter."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"stderr": handler},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": ["stderr"], "level": level, "propagate": False},
            "district_server": {"handlers": ["stderr"], "level": level, "propagate": False},
        },
        "root": {"handlers": ["stderr"], "level": "WARNING"},
    }
