"""PySide6 desk UI: the only package that imports Qt. Talks to the desk through services.

One folder per page or dialog family: ``shell`` (the main window), ``signin``, ``setup`` (the
first-run wizard), ``intake``, ``dossiers``, ``today``, ``digitise`` (the scan panel),
``reports``, ``sync``, ``officers``, ``settings``; ``widgets`` holds what several of them
share. ``main`` starts the window and ``smoke`` is the bundle's self-test. The import-linter
contracts in pyproject.toml keep the shell over the pages and the pages over ``widgets``.
"""
