"""Stage `tone`: how each sentence treats each actor it names.

For every actor mention, the classifier reads the mention's features
(`features.mention_context`) and gives a polarity and a score; the cue words
of the mention's own clause are kept as the evidence a reader can check.
The shipped classifier is three sequence readers (`sequence.py`: a 1-D
convolution over the sentence's token rows, placed from the mention), the
perceptron over pooled features without them. Without either
(`ToneData(classifier=None)`) the lexicon alone decides: the sum of the
clause's cue scores. With `load_tone_data(model="transformer")` (the extra
`dossier[tone-transformer]`) a fine-tuned MiniLM reads each mention in its
sentence instead (`transformer.py`): more accurate, several times slower.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from dossier.records import Mention, Quote, Tone
from dossier.tone.classifier import ToneClassifier, load_classifier, polarity_and_score
from dossier.tone.embeddings import TONE_VECTORS_PATH, StaticEmbeddings, embed_word_vectors, tone_word_vectors
from dossier.tone.features import DocArrays, MentionContext, SentenceView, read_mentions
from dossier.tone.lexicon import load_cues
from dossier.tone.sequence import ReaderEnsemble, load_readers

if TYPE_CHECKING:
    from spacy.tokens import Span

    from dossier.parse.model import ParsedArticle
    from dossier.tone.transformer import MentionInSentence, TransformerReader

DATA = Path(__file__).parent / "data"
CLASSIFIER_PATH = DATA / "classifier.npz"
SEQUENCE_PATH = DATA / "sequence.npz"

# The lexicon alone calls a tone positive or negative past this score (tuned on the tuning part: 0.2-0.5 alike).
LEXICON_THRESHOLD = 0.3
# With the transformer, its share of the probabilities averaged with the static readers': chosen on bucket 3 of
# the tuning part (0.7: 0.763, 0.5: 0.759, the transformer alone 0.753); the readers, placed from the mention,
# keep apart two people one sentence treats differently, where the transformer leans to the sentence's tone.
TRANSFORMER_WEIGHT = 0.7


@dataclass(frozen=True)
class ToneData:
    """What the tone stage knows: cue lexicon, word vectors, classifiers (none: lexicon only).

    `readers`: sequence readers over token rows (`sequence.py`), which read
    their word vectors from `reader_vectors` (the shipped ones: the tone-tuned
    table, `data/tone_vectors.npz`; the pooled features read `vectors`). The probabilities of the
    readers and of `classifier` (the perceptron over pooled features), those
    present, are averaged.
    """

    cues: dict[str, float]
    vectors: StaticEmbeddings
    classifier: ToneClassifier | None
    readers: ReaderEnsemble | None = None
    reader_vectors: StaticEmbeddings | None = None
    transformer: TransformerReader | None = None


TONE_MODELS = ("static", "transformer", "lexicon")


def load_tone_data(classifier: bool = True, model: str = "static") -> ToneData:
    """The shipped cue lexicon, word vectors and classifier; once per run.

    `model`: "static" (the default), "transformer" (the fine-tuned MiniLM
    beside the static readers; DossierError with the install line when its
    extra is missing) or "lexicon" (cues alone, as `classifier=False`). The static classifier is
    the sequence readers (data/sequence.npz) when they are there, the
    perceptron (data/classifier.npz) otherwise: the readers alone held out
    better than averaged with it (docs/tone.md).
    """
    if model not in TONE_MODELS:
        raise ValueError(f"unknown tone model {model!r}: one of {', '.join(TONE_MODELS)}")
    vectors = embed_word_vectors()
    if not classifier or model == "lexicon":
        return ToneData(load_cues(), vectors, None)
    transformer = None
    if model == "transformer":
        from dossier.tone.transformer import load_transformer_reader

        transformer = load_transformer_reader()
    if not SEQUENCE_PATH.exists():
        return ToneData(load_cues(), vectors, load_classifier(CLASSIFIER_PATH), transformer=transformer)
    readers = load_readers(SEQUENCE_PATH)
    dims = readers.word_dims
    if TONE_VECTORS_PATH.exists():  # the readers were trained on the table distilled from the tuned MiniLM
        reader_vectors = tone_word_vectors()
        if reader_vectors.dims < dims:
            raise ValueError(f"{SEQUENCE_PATH} reads {dims} word dims, {TONE_VECTORS_PATH} has {reader_vectors.dims}")
    else:
        reader_vectors = vectors if dims == vectors.dims else embed_word_vectors(dims)
    return ToneData(load_cues(), vectors, None, readers, reader_vectors, transformer)


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
    read, contexts, rows = mention_rows(parsed, mentions, quotes, data)
    if rows is None:  # no classifier: the lexicon decides
        judged = [(lexicon_polarity(c.lexicon_score), round(c.lexicon_score, 3)) for c in contexts]
    else:
        judged = [polarity_and_score(row) for row in rows]
    return tones_of(parsed, read, contexts, judged)


ReadMention = tuple[Mention, "Span", SentenceView]


def placed_mentions(
    parsed: ParsedArticle, mentions: Sequence[Mention], quotes: Sequence[Quote], data: ToneData
) -> list[ReadMention]:
    """Each mention once, in text order, with its span and the view of its sentence (one view a sentence)."""
    doc = parsed.doc
    quoted = [(q.start, q.end) for q in quotes]
    arrays = DocArrays(doc)  # the article's parse, read once for all its sentences
    read: list[ReadMention] = []
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
    return read


def mention_rows(
    parsed: ParsedArticle, mentions: Sequence[Mention], quotes: Sequence[Quote], data: ToneData
) -> tuple[list[ReadMention], list[MentionContext], np.ndarray | None]:
    """Each mention (once, in text order) with its context and class probabilities (None: no classifier).

    The probabilities are those of the static readers (or the perceptron), and
    with the transformer their weighted mean with its (`TRANSFORMER_WEIGHT`).
    """
    data.vectors.words.trim()
    if data.reader_vectors is not None:
        data.reader_vectors.words.trim()
    read = placed_mentions(parsed, mentions, quotes, data)
    contexts, columns = read_mentions([(span, view) for _, span, view in read], positions=data.readers is not None)
    if not read:
        return read, contexts, None
    convs = reader_convs(data, read) if data.readers is not None else []
    static = static_rows(contexts, data, columns, convs)
    if data.transformer is None:
        return read, contexts, static
    learned = transformer_rows(data.transformer, [(mention, view) for mention, _, view in read])
    if static is None:
        return read, contexts, learned
    return read, contexts, TRANSFORMER_WEIGHT * learned + (1 - TRANSFORMER_WEIGHT) * static


def reader_convs(data: ToneData, read: Sequence[ReadMention]) -> list[np.ndarray]:
    """The sequence readers' sums over each sentence's own columns, per mention (each sentence read once)."""
    assert data.readers is not None and data.reader_vectors is not None
    views = list({id(view): view for _, _, view in read}.values())  # in order, each once
    words = np.concatenate([view.word_matrix(data.reader_vectors) for view in views])
    parts = data.readers.sentence_part(words, np.concatenate([view.token_columns() for view in views]))
    lengths = np.array([view.size for view in views])
    sentences = data.readers.sentences_conv(parts, lengths)
    ends = np.cumsum(lengths).tolist()
    by_view = {id(view): sentences[end - view.size : end] for view, end in zip(views, ends, strict=True)}
    return [by_view[id(view)] for _, _, view in read]


def tones_of(
    parsed: ParsedArticle,
    read: Sequence[ReadMention],
    contexts: Sequence[MentionContext],
    judged: Sequence[tuple[str, float]],
) -> tuple[Tone, ...]:
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


def transformer_rows(transformer: TransformerReader, mentions: Sequence[tuple[Mention, SentenceView]]) -> np.ndarray:
    """The fine-tuned transformer's class probabilities of each mention, read in its sentence."""
    return transformer.probabilities([in_sentence(mention, view) for mention, view in mentions])


def in_sentence(mention: Mention, view: SentenceView) -> MentionInSentence:
    """The mention's sentence text and its offsets in it, as the transformer reads a mention."""
    sentence = view.sentence
    offset = sentence.start_char
    return sentence.text, max(mention.start - offset, 0), min(mention.end, sentence.end_char) - offset


def static_rows(
    contexts: Sequence[MentionContext],
    data: ToneData,
    columns: np.ndarray | None = None,
    convs: Sequence[np.ndarray] = (),
) -> np.ndarray | None:
    """Class probabilities of each mention from the static classifiers (their mean); None without one.

    The sequence readers read the mentions' `placed_columns` laid end to end (`read_mentions`), with
    each mention's `sentence_conv` of its sentence; they read nothing without them. The mentions of an
    article are judged together: one batch of numpy products for all.
    """
    found = []
    features = np.stack([context.features for context in contexts])
    if data.classifier is not None:
        found.append(data.classifier.probabilities(features))
    if data.readers is not None and columns is not None and len(convs) == len(contexts):
        lengths = np.array([len(conv) for conv in convs])
        found.append(data.readers.conv_probabilities(columns, lengths, features, np.concatenate(convs)))
    return np.mean(found, axis=0) if found else None


def lexicon_polarity(score: float) -> str:
    if score >= LEXICON_THRESHOLD:
        return "positive"
    if score <= -LEXICON_THRESHOLD:
        return "negative"
    return "neutral"
