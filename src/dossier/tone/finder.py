"""Stage `tone`: how each sentence treats each actor it names.

For every actor mention, the classifier reads the mention's features
(`features.mention_context`) and gives a polarity and a score; the cue words
of the mention's own clause are kept as the evidence a reader can check.
The shipped classifier is three sequence readers (`sequence.py`: a 1-D
convolution over the sentence's token rows, placed from the mention), the
perceptron over pooled features without them. Without either
(`ToneData(classifier=None)`) the lexicon alone decides: the sum of the
clause's cue scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from dossier.records import Mention, Quote, Tone
from dossier.tone.classifier import ToneClassifier, load_classifier, polarity_and_score
from dossier.tone.embeddings import StaticEmbeddings, embed_word_vectors
from dossier.tone.features import MentionContext, SentenceView, mention_context
from dossier.tone.lexicon import load_cues
from dossier.tone.sequence import ReaderEnsemble, load_readers

if TYPE_CHECKING:
    from spacy.tokens import Span

    from dossier.parse.model import ParsedArticle

DATA = Path(__file__).parent / "data"
CLASSIFIER_PATH = DATA / "classifier.npz"
SEQUENCE_PATH = DATA / "sequence.npz"

# The lexicon alone calls a tone positive or negative past this score (tuned on the tuning part: 0.2-0.5 alike).
LEXICON_THRESHOLD = 0.3


@dataclass(frozen=True)
class ToneData:
    """What the tone stage knows: cue lexicon, word vectors, classifiers (none: lexicon only).

    `readers`: sequence readers over token rows (`sequence.py`), which read
    their word vectors from `reader_vectors`. The probabilities of the
    readers and of `classifier` (the perceptron over pooled features), those
    present, are averaged.
    """

    cues: dict[str, float]
    vectors: StaticEmbeddings
    classifier: ToneClassifier | None
    readers: ReaderEnsemble | None = None
    reader_vectors: StaticEmbeddings | None = None


def load_tone_data(classifier: bool = True) -> ToneData:
    """The shipped cue lexicon, word vectors and classifier; once per run.

    The shipped classifier is the sequence readers (data/sequence.npz) when
    they are there, the perceptron (data/classifier.npz) otherwise: the
    readers alone held out better than averaged with it (docs/tone.md).
    """
    vectors = embed_word_vectors()
    if not classifier:
        return ToneData(load_cues(), vectors, None)
    if not SEQUENCE_PATH.exists():
        return ToneData(load_cues(), vectors, load_classifier(CLASSIFIER_PATH))
    readers = load_readers(SEQUENCE_PATH)
    dims = readers.word_dims
    reader_vectors = vectors if dims == vectors.dims else embed_word_vectors(dims)
    return ToneData(load_cues(), vectors, None, readers, reader_vectors)


def find_tones(
    parsed: ParsedArticle, mentions: Sequence[Mention], quotes: Sequence[Quote], data: ToneData | None = None
) -> tuple[Tone, ...]:
    """One tone per actor mention, toward that actor, in article order.

    Example:
        >>> from dossier.actors.resolve import resolve_actors
        >>> from dossier.parse import parse_articles
        >>> from dossier.records import Article
        >>> parsed = next(parse_articles([Article.build("The leaders agreed to punish North Korea.")]))
        >>> tones = find_tones(parsed, resolve_actors(parsed), ())
        >>> [(t.actor.name, t.polarity, t.cues) for t in tones if t.actor.name == "North Korea"]
        [('North Korea', 'negative', ('punish',))]
    """
    data = data or load_tone_data()
    doc = parsed.doc
    quoted = [(q.start, q.end) for q in quotes]
    read: list[tuple[Mention, Span, MentionContext, np.ndarray | None]] = []
    seen: set[tuple[int, int]] = set()
    view: SentenceView | None = None  # the sentence of the last mention: mentions come in text order
    shared: np.ndarray | None = None
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0 or (mention.start, mention.end) in seen:
            continue
        seen.add((mention.start, mention.end))
        sentence = span[0].sent
        if view is None or view.start != sentence.start:
            view = SentenceView(sentence, data.cues, data.vectors, quoted)
            shared = None  # the sequence readers' sums over the sentence's own columns, kept for its mentions
        context = mention_context(span, data.cues, data.vectors, quoted, view, positions=data.readers is not None)
        if data.readers is not None and shared is None:
            shared = data.readers.sentence_part(view.word_matrix(data.reader_vectors), view.token_columns())
        read.append((mention, sentence, context, shared))
    judged = judge([(context, shared) for _, _, context, shared in read], data)
    return tuple(
        Tone(
            article_id=parsed.article.id,
            actor=mention.actor,
            start=mention.start,
            end=mention.end,
            sentence_start=sentence.start_char,
            sentence_end=sentence.end_char,
            polarity=polarity,  # type: ignore[arg-type]
            score=score,
            cues=tuple(cue.text for cue in context.cues),
        )
        for (mention, sentence, context, _), (polarity, score) in zip(read, judged, strict=True)
    )


def judge(read: Sequence[tuple[MentionContext, np.ndarray | None]], data: ToneData) -> list[tuple[str, float]]:
    """Polarity and score of each mention: the classifiers' (their mean), or the lexicon's without one.

    Each mention comes with the sequence readers' `sentence_part` of its sentence (they read nothing
    without it). The mentions of an article are judged together: one batch of numpy products for all.
    """
    if not read:
        return []
    found = []
    features = np.stack([context.features for context, _ in read])
    if data.classifier is not None:
        found.append(data.classifier.probabilities(features))
    if data.readers is not None:
        positions = [context.positions for context, _ in read if context.positions is not None]
        parts = [shared for _, shared in read if shared is not None]
        if len(positions) == len(parts) == len(read):
            found.append(data.readers.batch_probabilities(positions, features, parts))
    if not found:
        return [(lexicon_polarity(c.lexicon_score), round(c.lexicon_score, 3)) for c, _ in read]
    return [polarity_and_score(row) for row in np.mean(found, axis=0)]


def lexicon_polarity(score: float) -> str:
    if score >= LEXICON_THRESHOLD:
        return "positive"
    if score <= -LEXICON_THRESHOLD:
        return "negative"
    return "neutral"
