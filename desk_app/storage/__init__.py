"""The only place with SQL: the desk database (``storage.database``), its migrations and
its stores. Nothing is imported here: the keyring alone (a sign-in's first step) loads
without the database's modules."""
