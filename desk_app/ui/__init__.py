"""PySide6 desk UI: the only package that imports Qt. Talks to the desk through services."""
