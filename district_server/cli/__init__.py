"""The ``district-server`` command: ``main`` (``district_server.cli.main``), the parser
(``parser``) and one module per command group: ``serve``, ``desks`` (enrolment codes,
revocation, the administrator's password), ``packs`` (USB packs), ``publish`` (what the
district publishes to its desks). Messages in Vietnamese, or English with
``DESK_APP_LANG=en``."""

from district_server.cli.common import DB_FILE, database_url
from district_server.cli.main import main

__all__ = ["DB_FILE", "database_url", "main"]
