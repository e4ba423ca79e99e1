"""The dependency children of tokens, read once per document while the events stage codes it.

spaCy's `Token.children` walks the token's neighbourhood and makes new Token
objects each time it is read, and the stage asks for the children of the
same verbs and nouns many times over (every lexicon row tried, every slot
looked for). `children_kept(doc)` keeps each token's children for as long as
the stage works on that document; `children(token)` reads them from there,
or from spaCy outside it, so every helper gives the same answer either way.

Example:
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> words, heads, deps = ["Putin", "met", "Moon"], [1, 1, 1], ["nsubj", "ROOT", "dobj"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    >>> with children_kept(doc):
    ...     [t.text for t in children(doc[1])]
    ['Putin', 'Moon']
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# The document being coded and its tokens' children so far (by token index); None outside `children_kept`.
_KEPT: ContextVar[tuple[Doc, dict[int, tuple[Token, ...]]] | None] = ContextVar("events_children", default=None)


@contextmanager
def children_kept(doc: Doc) -> Iterator[None]:
    """Within the block, `children` keeps what it reads of `doc`'s tokens."""
    previous = _KEPT.set((doc, {}))
    try:
        yield
    finally:
        _KEPT.reset(previous)


def children(token: Token) -> tuple[Token, ...]:
    """The token's dependency children in text order, as `token.children` gives them."""
    kept = _KEPT.get()
    if kept is None or kept[0] is not token.doc:
        return tuple(token.children)
    table = kept[1]
    found = table.get(token.i)
    if found is None:
        found = table[token.i] = tuple(token.children)
    return found
