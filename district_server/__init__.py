"""The upstream one-stop server (the user's "district server"; since July 2025 it plays the
province's role): receives batches from commune desks, keeps their dossiers and papers.

Embedded default: SQLite and a folder. Scale-out: PostgreSQL (``--database-url``).
"""
