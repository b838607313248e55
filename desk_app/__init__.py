"""Offline-first reception desk for commune one-stop offices in Vietnam."""

__version__ = "0.1.0"
