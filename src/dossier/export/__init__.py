"""Exports of stored records: JSONL, CSV, Parquet, and GDELT and PLOVER for events."""

from dossier.export.writers import export, flatten

__all__ = ["export", "flatten"]
