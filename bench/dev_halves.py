"""The tuning and scored halves of the events dev sets, split by a hash of each sentence.

A sentence's half is decided by the SHA-1 of its whitespace-normalised text
alone, so the split is deterministic, needs no seed, and a sentence that
appears in both cameo_five_way_train.tsv and plover_root_train.tsv falls in
the same half of each. Tune on "tune"; only score on "score".
"""

from __future__ import annotations

import hashlib

HALVES = ("tune", "score", "all")


def half_of(sentence: str) -> str:
    """ "tune" or "score": the half a dev sentence belongs to."""
    normalised = " ".join(sentence.split())
    digest = hashlib.sha1(normalised.encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "score"


def in_half(sentence: str, half: str) -> bool:
    return half == "all" or half_of(sentence) == half
