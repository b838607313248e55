"""schemathesis against the server's own OpenAPI spec: no input makes it fail with a 5xx."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from district_server.app import create_app
from district_server.blob_files import BlobFiles
from district_server.cli import database_url
from district_server.store import ServerStore

_DATA = Path(tempfile.mkdtemp(prefix="district-fuzz-"))
_APP = create_app(ServerStore(database_url(_DATA, None)), BlobFiles(_DATA))
schema = schemathesis.openapi.from_asgi("/openapi.json", _APP)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
