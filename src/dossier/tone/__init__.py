"""Stage `tone`: the sentiment each sentence expresses toward each actor it names.

The entry is imported on first use: `dossier export` reads `tone.aggregate`
without loading the classifier (numpy).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dossier.tone.finder import ToneData, find_tones, load_tone_data

__all__ = ["ToneData", "find_tones", "load_tone_data"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'dossier.tone' has no attribute {name!r}")
    return getattr(importlib.import_module("dossier.tone.finder"), name)
