"""The demo commune behind ``desk-app demo``, the self-check and the benchmarks: synthetic
dossiers written through the desk's own stores. Not a use case of the desk, so not in
``services``: ``desk_app.app`` gives it to the desk (``Desk.demo``); it may import services,
storage and domain, and nothing imports it but the composition root (import-linter)."""

from desk_app.demo.service import DemoService, DemoSummary

__all__ = ["DemoService", "DemoSummary"]
