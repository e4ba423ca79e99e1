"""Names in plain Latin letters, shared by the actor knowledge base and the gazetteer.

Both look names up as a reader may type them, without diacritics: "Mun Jae-in" for "Mun Jae-ĭn", "Tromso" for
"Tromsø". (dossier.embed.static keeps its own `strip_accents`: it must match BERT's normalisation exactly.)
"""

from __future__ import annotations

import re
import unicodedata

# Letters that are not a base letter with a combining mark, so NFKD leaves them whole.
_UNDECOMPOSED = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L"})
_APOSTROPHES = re.compile(r"[\'’‘ʼʻ`]")


def strip_accents(text: str) -> str:
    """The text without diacritics ("Mun Jae-in" for "Mun Jae-ĭn", "Lodz" for "Łódź")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_UNDECOMPOSED)


def plain_name(name: str) -> str:
    """The name in plain Latin letters: no diacritics, no apostrophes ("Dar'ā" -> "Dara", "Ḩalab" -> "Halab")."""
    return _APOSTROPHES.sub("", strip_accents(name))
