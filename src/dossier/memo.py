"""Looking up every token of a batch of texts through a bounded cache, in C loops.

Normalising words for linking and cutting them into word pieces for
embedding both map each token through a dict that remembers what was
computed before. A Python loop over every token (check the cache, compute,
append) was most of the cost of either on a batch of news; here the tokens
not seen before are found for the whole batch in one set difference, and
all tokens are looked up with one `map`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import TypeVar

Value = TypeVar("Value")


def looked_up(
    token_lists: Sequence[Sequence[str]], cache: dict[str, Value], limit: int, make: Callable[[str], Value]
) -> list[Value]:
    """The cached value of every token of every list, in order, one flat list; tokens not in `cache` get
    `make(token)` first. A cache that would grow past `limit` entries is emptied first (the vocabularies of
    big corpora are long-tailed), then holds this batch's tokens.

    Example:
        >>> cache = {"a": 1}
        >>> looked_up([["a", "bb"], [], ["bb", "ccc"]], cache, limit=10, make=len)
        [1, 2, 2, 3]
        >>> looked_up([["dddd"]], cache, limit=3, make=len), sorted(cache)  # past the limit: emptied first
        ([4], ['dddd'])
    """
    new = set(itertools.chain.from_iterable(token_lists)).difference(cache)
    if len(cache) + len(new) > limit:
        cache.clear()
        new = set(itertools.chain.from_iterable(token_lists))
    for token in new:
        cache[token] = make(token)
    return list(map(cache.__getitem__, itertools.chain.from_iterable(token_lists)))
