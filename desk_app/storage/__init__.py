"""The only place with SQL: the desk database, its migrations and its stores."""

from desk_app.storage.database import DB_FILENAME, Storage

__all__ = ["DB_FILENAME", "Storage"]
