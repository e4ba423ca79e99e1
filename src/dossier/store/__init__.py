"""The store: one SQLite file, its schema and the queries every reader of it uses."""

from dossier.store.database import Store, schema_version

__all__ = ["Store", "schema_version"]
