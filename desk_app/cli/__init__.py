"""The ``desk-app`` command: ``main`` (desk_app.cli.main), the parser (``parser``) and one
module per command group; every message in Vietnamese, or English with DESK_APP_LANG=en."""

from desk_app.cli.main import main

__all__ = ["main"]
