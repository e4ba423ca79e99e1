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
from dossier.tone.features import DocArrays, MentionContext, SentenceView, read_mentions
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
    arrays = DocArrays(doc)  # the article's parse, read once for all its sentences
    data.vectors.words.trim()
    if data.reader_vectors is not None:
        data.reader_vectors.words.trim()
    read: list[tuple[Mention, Span, SentenceView]] = []
    seen: set[tuple[int, int]] = set()
    view: SentenceView | None = None  # the sentence of the last mention: mentions come in text order
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0 or (mention.start, mention.end) in seen:
            continue
        seen.add((mention.start, mention.end))
        sentence = arrays.sentence(span.start)
        if view is None or view.start != sentence.start:
            view = SentenceView(sentence, data.cues, data.vectors, quoted, arrays)
        read.append((mention, span, view))
    contexts, columns = read_mentions([(span, view) for _, span, view in read], positions=data.readers is not None)
    convs: list[np.ndarray] = []  # the sequence readers' sums over each sentence's own columns, per mention
    if data.readers is not None and read:
        views = list({id(view): view for _, _, view in read}.values())  # in order, each once
        words = np.concatenate([view.word_matrix(data.reader_vectors) for view in views])
        parts = data.readers.sentence_part(words, np.concatenate([view.token_columns() for view in views]))
        lengths = np.array([view.size for view in views])
        sentences = data.readers.sentences_conv(parts, lengths)
        ends = np.cumsum(lengths).tolist()
        by_view = {id(view): sentences[end - view.size : end] for view, end in zip(views, ends, strict=True)}
        convs = [by_view[id(view)] for _, _, view in read]
    judged = judge(contexts, data, columns, convs)
    return tuple(
        Tone(
            article_id=parsed.article.id,
            actor=mention.actor,
            start=mention.start,
            end=mention.end,
            sentence_start=view.sentence.start_char,
            sentence_end=view.sentence.end_char,
            polarity=polarity,  # type: ignore[arg-type]
            score=score,
            cues=tuple(cue.text for cue in context.cues),
        )
        for (mention, _, view), context, (polarity, score) in zip(read, contexts, judged, strict=True)
    )


def judge(
    contexts: Sequence[MentionContext],
    data: ToneData,
    columns: np.ndarray | None = None,
    convs: Sequence[np.ndarray] = (),
) -> list[tuple[str, float]]:
    """Polarity and score of each mention: the classifiers' (their mean), or the lexicon's without one.

    The sequence readers read the mentions' `placed_columns` laid end to end (`read_mentions`), with
    each mention's `sentence_conv` of its sentence; they read nothing without them. The mentions of an
    article are judged together: one batch of numpy products for all.
    """
    if not contexts:
        return []
    found = []
    features = np.stack([context.features for context in contexts])
    if data.classifier is not None:
        found.append(data.classifier.probabilities(features))
    if data.readers is not None and columns is not None and len(convs) == len(contexts):
        lengths = np.array([len(conv) for conv in convs])
        found.append(data.readers.conv_probabilities(columns, lengths, features, np.concatenate(convs)))
    if not found:
        return [(lexicon_polarity(c.lexicon_score), round(c.lexicon_score, 3)) for c in contexts]
    return [polarity_and_score(row) for row in np.mean(found, axis=0)]


def lexicon_polarity(score: float) -> str:
    if score >= LEXICON_THRESHOLD:
        return "positive"
    if score <= -LEXICON_THRESHOLD:
        return "negative"
    return "neutral"
