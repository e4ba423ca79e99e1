"""A report's dateline ("MANILA --", "KABUL (Reuters) -", "Harare, Zimbabwe -") names no actor.

The place a report was filed from opens its text, before a dash or a colon:
"MOGADISHU, Somalia -- A U.S. airstrike killed ...". Read as a sentence,
the parser makes it a subject, and as an actor it would become a party to
every event of the lead ("Manila pardoned ..."). Its tokens are set aside
before the other steps run, so no mention claims them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.actors.state import ArticleInputs, FoundMentions

if TYPE_CHECKING:
    from spacy.tokens import Doc

DATELINE_ENDS = frozenset({"-", "--", "—", "–", ":"})
# A dateline is a place, perhaps its country or state, perhaps a wire agency in brackets.
MAX_DATELINE_TOKENS = 10
DATELINE_PUNCTUATION = frozenset({",", "(", ")", "."})


def dateline_end(doc: Doc) -> int:
    """The token index just after the article's dateline, or 0 when it opens with none.

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> dateline_end(nlp("MANILA, Philippines -- The president spoke.")), dateline_end(nlp("US-China talks ended."))
        (4, 0)
    """
    start = 0
    while start < len(doc) and doc[start].is_space:
        start += 1
    words = 0
    for token in doc[start : start + MAX_DATELINE_TOKENS]:
        if token.text in DATELINE_ENDS:
            return token.i + 1 if words and _ends_dateline(doc, token.i) else 0
        if token.text in DATELINE_PUNCTUATION:
            continue
        if not token.text[:1].isupper():
            return 0
        words += 1
    return 0


def _ends_dateline(doc: Doc, i: int) -> bool:
    """A dash set apart by spaces ("KABUL - "), or a colon ("ISLAMABAD: "), followed by a capitalised word."""
    before, mark = doc[i - 1], doc[i]
    if mark.text != ":" and not before.whitespace_:
        return False  # "US-China": a hyphen inside a name
    following = doc[i + 1] if i + 1 < len(doc) else None
    return following is not None and bool(mark.whitespace_) and following.text[:1].isupper()


def set_aside_dateline(inputs: ArticleInputs, found: FoundMentions) -> None:
    """Claim the dateline's tokens for no mention, so that no later step makes it an actor."""
    for i in range(dateline_end(inputs.doc)):
        found.taken[i] = True
