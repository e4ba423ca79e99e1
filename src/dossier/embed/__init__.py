"""Static sentence vectors: all-MiniLM-L6-v2 distilled once with model2vec, shipped in `embed/data/`.

`embed_sentences(texts)` gives one unit vector per text (model2vec's mean of
its word-piece vectors); `word_vectors(words)` one per word. Only numpy is
needed at run time; the table is loaded once per process. See
bench/embed_distill.py for how the table was made.
"""

from dossier.embed.static import (
    StaticModel,
    common_direction,
    embed_sentences,
    load_model,
    without_common_direction,
    word_vectors,
)

__all__ = [
    "StaticModel",
    "common_direction",
    "embed_sentences",
    "load_model",
    "without_common_direction",
    "word_vectors",
]
