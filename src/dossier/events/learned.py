"""The learned fallback of the events stage: a CAMEO code for a sentence no lexicon pattern coded.

Features are static word-piece vectors distilled once from all-MiniLM-L6-v2
with model2vec (scripts/distill_event_vectors.py; shipped in
events/data/learned/, read with numpy alone, no torch and no download): the
mean vector of the sentence, that of its main predicate with its object, those
of the predicate's verb and of its completions apart, and the sentence's shape
(`sentence_shape`: tense, copula, modal, negation, verb of belief). Two small softmax classifiers read them
(bench/events_learned_train.py trains them on the codebook's code names and
on examples written from its definitions): one gives the five CAMEO classes
of ConfliBERT's set or "no event", the other an event label (a PLOVER type,
with appeals, demands and statements apart) or NONE. A sentence gets the
label best in both, coded as its representative CAMEO code, only when that
label is an event and its confidence reaches the threshold calibrated on the
tuning half of the dev sets; `code_sentence` also leaves uncoded sentences
whose shape reports a state or a view (no verb, a copula, the simple
present, a verb of belief).

Example:
    >>> coder = load_learned_coder()
    >>> coder.code("Gunmen stormed the village and set homes on fire.", "storm village").code
    '190'
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from dossier.events.tree import children

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LEARNED_DIR = "learned"
# The longest word BERT's word-piece tokenizer splits; longer ones are unknown.
MAX_WORD_CHARS = 100
# Words whose word pieces an embedder remembers (a news corpus uses far fewer).
MAX_REMEMBERED_WORDS = 200_000
# Dependents that say what the main predicate does: "launched an attack", "called for talks", "set fire".
REPORTING_VERBS = frozenset(
    {"say", "tell", "report", "state", "add", "announce", "claim", "note", "write", "confirm", "insist", "stress"}
)
PREDICATE_DEPS = frozenset({"dobj", "prt", "xcomp", "acomp", "oprd", "attr", "prep", "agent", "dative"})
# Verbs of belief, wish and perception: a sentence whose main verb is one reports a view, not an act.
VIEW_VERBS = frozenset(
    {"think", "believe", "hope", "expect", "want", "seem", "feel", "consider", "regard", "see", "know", "doubt",
     "worry", "fear", "remain", "appear", "look", "like", "prefer", "wish", "face", "have", "include", "lie",
     "stand", "sit", "pose", "smile", "depend", "mean", "cover", "target", "lack", "own", "contain"}
)  # fmt: skip
# The properties of a sentence's main verb that `sentence_shape` reads, in order.
SHAPE_FEATURES = (
    "no-verb", "past", "perfect-or-passive", "present", "base", "gerund", "copula", "modal", "negated", "view-verb",
)  # fmt: skip
# The label of a sentence that reports no event.
NO_EVENT = "NONE"
# Shapes of a sentence that reports a state, a habit or a view, never coded by the fallback: a caption
# or fragment without a verb, a copula, the simple present ("the embassy provides services"), a verb of belief.
NO_EVENT_SHAPES = frozenset({"no-verb", "copula", "present", "view-verb"})
_NO_EVENT_COLUMNS = tuple(i for i, name in enumerate(SHAPE_FEATURES) if name in NO_EVENT_SHAPES)


@dataclass(frozen=True)
class LearnedCode:
    """A code the classifier gives a sentence, with its confidence (0-1) and event label."""

    code: str
    confidence: float
    label: str


class StaticEmbedder:
    """Mean static vectors of BERT word pieces (uncased), as model2vec's StaticModel.encode gives them."""

    def __init__(self, vectors: np.ndarray, vocab: list[str]) -> None:
        self.vectors = vectors
        self.ids = {piece: i for i, piece in enumerate(vocab)}
        self.dimensions = vectors.shape[1]
        # Each word's pieces, as `word_pieces` found them: news repeats its words.
        self._pieces: dict[str, tuple[int, ...]] = {}

    @classmethod
    def load(cls, folder: Path) -> StaticEmbedder:
        with np.load(folder / "vectors.npz") as stored:
            vectors = stored["vectors"].astype(np.float32) * stored["scales"][:, None]
        vocab = (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()
        return cls(vectors, vocab)

    def embed(self, text: str) -> np.ndarray:
        """The unit-length mean vector of the text's word pieces (zeros for a text of unknown words)."""
        ids = [i for word in basic_tokens(text) for i in self._known_pieces(word)]
        if not ids:
            return np.zeros(self.dimensions, dtype=np.float32)
        mean = self.vectors[ids].mean(axis=0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm else mean

    def _known_pieces(self, word: str) -> tuple[int, ...]:
        pieces = self._pieces.get(word)
        if pieces is None:
            pieces = tuple(self.word_pieces(word))
            if len(self._pieces) < MAX_REMEMBERED_WORDS:
                self._pieces[word] = pieces
        return pieces

    def word_pieces(self, word: str) -> list[int]:
        """Greedy longest-match word pieces, as BERT's WordPiece; unknown words give nothing."""
        if len(word) > MAX_WORD_CHARS:
            return []
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    found = self.ids[piece]
                    break
                end -= 1
            if found is None:
                return []
            pieces.append(found)
            start = end
        return pieces


def basic_tokens(text: str) -> list[str]:
    """BERT's uncased basic tokenization: lower case, no accents, punctuation split off.

    Each character is classed once (`_class_characters`) into a translation
    table that drops accents and control characters, turns spaces into a
    plain space and sets punctuation apart; the text is then split on spaces.
    """
    text = unicodedata.normalize("NFD", text.lower())
    unseen = set(text).difference(_CLASSED)
    if unseen:
        _class_characters(unseen)
    return text.translate(_SEPARATE).split()


# Characters `basic_tokens` has classed, and the table it rewrites the others with (word characters stay).
_CLASSED: set[str] = set()
_SEPARATE: dict[int, str | None] = {}


def _class_characters(chars: set[str]) -> None:
    for char in chars:
        category = unicodedata.category(char)
        if char.isspace():
            _SEPARATE[ord(char)] = " "
        elif category == "Mn":
            _SEPARATE[ord(char)] = None
        elif _is_punctuation(char):
            _SEPARATE[ord(char)] = f" {char} "
        elif category[0] == "C":
            _SEPARATE[ord(char)] = None
        _CLASSED.add(char)


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


@dataclass(frozen=True)
class LearnedCoder:
    """The fallback classifier: embedder, two softmax heads, label codes and a confidence threshold."""

    embedder: StaticEmbedder
    five_weights: np.ndarray
    five_bias: np.ndarray
    label_weights: np.ndarray
    label_bias: np.ndarray
    labels: tuple[str, ...]
    label_codes: dict[str, str]
    label_classes: dict[str, tuple[int, ...]]
    threshold: float

    @cached_property
    def _class_columns(self) -> np.ndarray:
        """For each label (a row), the columns of its five-way classes, the first repeated to fill the row."""
        classes = [self.label_classes[name] for name in self.labels]
        width = max(len(c) for c in classes)
        return np.array([list(c) + [c[0]] * (width - len(c)) for c in classes], dtype=np.intp)

    def features(self, sentence: str, predicate: str, shape: np.ndarray | None = None) -> np.ndarray:
        shape = shape if shape is not None else np.zeros(len(SHAPE_FEATURES), dtype=np.float32)
        return feature_vector(self.embedder, sentence, predicate, shape)

    def scores(self, features: np.ndarray) -> np.ndarray:
        """Each label's joint score: its own probability times that of its five-way class, normalised."""
        five = _softmax(features @ self.five_weights + self.five_bias)
        label = _softmax(features @ self.label_weights + self.label_bias)
        joint = label * five[self._class_columns].max(axis=1)
        total = float(joint.sum())
        return joint / total if total else joint

    def guess(self, sentence: str, predicate: str, shape: np.ndarray | None = None) -> LearnedCode:
        """The best label whatever its confidence; label NONE (code "-") says the sentence reports no event."""
        scores = self.scores(self.features(sentence, predicate, shape))
        best = int(scores.argmax())
        label = self.labels[best]
        return LearnedCode(self.label_codes.get(label, "-"), float(scores[best]), label)

    def code(self, sentence: str, predicate: str, shape: np.ndarray | None = None) -> LearnedCode | None:
        """The sentence's code, or None when it reports no event or the confidence is below the threshold.

        `shape` is `sentence_shape` of the parsed sentence (zeros without one).
        """
        guess = self.guess(sentence, predicate, shape)
        if guess.label == NO_EVENT or guess.confidence < self.threshold:
            return None
        return guess


def feature_vector(embedder: StaticEmbedder, sentence: str, predicate: str, shape: np.ndarray) -> np.ndarray:
    """The classifier's input: mean vectors of the sentence, the predicate, its verb and its completions; the shape.

    The verb ("arrest") and what completes it ("trader in mombasa") apart as
    well as together: in the predicate's mean a long object drowns the verb
    that says what was done (tuned on the tune half of the dev sets, issue 15).
    """
    verb, completions = predicate_parts(predicate)
    parts = [embedder.embed(sentence), embedder.embed(predicate), embedder.embed(verb), embedder.embed(completions)]
    return np.concatenate([*parts, shape])


def predicate_parts(predicate: str) -> tuple[str, str]:
    """`predicate_text`'s first word, the main verb in the usual order, and the words that complete it."""
    verb, _, completions = predicate.partition(" ")
    return verb, completions


def code_sentence(coder: LearnedCoder, sentence: Span) -> LearnedCode | None:
    """The fallback's code for a parsed sentence, or None when its shape or the classifier says no event."""
    shape = sentence_shape(sentence)
    if reports_no_event(shape):
        return None
    return coder.code(sentence.text, predicate_text(sentence), shape)


def reports_no_event(shape: np.ndarray) -> bool:
    """Whether a sentence of this `sentence_shape` reports a state, a habit or a view (`NO_EVENT_SHAPES`)."""
    return any(shape[i] for i in _NO_EVENT_COLUMNS)


def main_verb(sentence: Span) -> Token | None:
    """The verb the sentence reports as done: its root, or under a reporting verb the reported clause's verb.

    None for a sentence without a verb at its root (a caption, a headline
    fragment) or whose root is a copula ("X is ready").
    """
    root = sentence.root
    reported = [c for c in children(root) if c.dep_ == "ccomp" and c.pos_ == "VERB"]
    if reported and root.lemma_.lower() in REPORTING_VERBS:
        root = reported[0]
    return root if root.pos_ == "VERB" else None


def sentence_shape(sentence: Span) -> np.ndarray:
    """Properties of the main verb that tell an act from a state or a view (`SHAPE_FEATURES`, 0 or 1).

    News reports acts in the past or the present perfect; descriptions,
    background and opinions are in the simple present, behind a copula or a
    verb of belief ("analysts believe ...").
    """
    verb = main_verb(sentence)
    root = sentence.root
    present = {"no-verb": verb is None}
    if verb is not None:
        tag = verb.tag_
        auxiliaries = [c for c in children(verb) if c.dep_ in ("aux", "auxpass")]
        present["past"] = tag == "VBD"
        present["perfect-or-passive"] = tag == "VBN"
        present["present"] = tag in ("VBZ", "VBP")
        present["base"] = tag == "VB"
        present["gerund"] = tag == "VBG"
        present["modal"] = any(a.tag_ == "MD" for a in auxiliaries)
        present["negated"] = any(c.dep_ == "neg" for c in children(verb))
        present["view-verb"] = verb.lemma_.lower() in VIEW_VERBS
    present["copula"] = root.lemma_.lower() == "be" or any(c.dep_ == "cop" for c in children(root))
    return np.array([float(bool(present.get(name))) for name in SHAPE_FEATURES], dtype=np.float32)


# Entity types that tell when or how much, not what was done: left out of the predicate.
CIRCUMSTANCE_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"})


def predicate_text(sentence: Span) -> str:
    """The sentence's main predicate with what completes it, as lemmas: "launch attack on", "call for talk".

    The main verb (`main_verb`, else the root), its particles, objects and
    prepositions with their objects' head words; a preposition whose objects
    are all dates, times or numbers ("on Monday", "in 2018") says when, not
    what, and is left out.
    """
    root = main_verb(sentence) or sentence.root
    words = [root]
    for child in children(root):
        if child.dep_ in PREDICATE_DEPS and child.ent_type_ not in CIRCUMSTANCE_ENTITIES:
            completions = [g for g in children(child) if g.dep_ in ("pobj", "dobj", "xcomp")]
            if completions and all(g.ent_type_ in CIRCUMSTANCE_ENTITIES for g in completions):
                continue  # "on March 4", "in 2018": when, not what
            words.append(child)
            words += completions
    return " ".join(t.lemma_.lower() for t in sorted(words, key=lambda t: t.i))


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max())
    return shifted / shifted.sum()


def learned_folder() -> Path:
    return Path(str(resources.files("dossier.events") / "data" / LEARNED_DIR))


@lru_cache(maxsize=1)
def load_embedder() -> StaticEmbedder:
    return StaticEmbedder.load(learned_folder())


def load_learned_coder(folder: Path | None = None) -> LearnedCoder:
    """The shipped fallback classifier (or one in `folder`, as bench/events_learned_train.py writes it)."""
    folder = folder or learned_folder()
    embedder = load_embedder() if folder == learned_folder() else StaticEmbedder.load(folder)
    meta = json.loads((folder / "classifier.json").read_text(encoding="utf-8"))
    with np.load(folder / "classifier.npz") as weights:
        return LearnedCoder(
            embedder=embedder,
            five_weights=weights["five_weights"],
            five_bias=weights["five_bias"],
            label_weights=weights["label_weights"],
            label_bias=weights["label_bias"],
            labels=tuple(meta["labels"]),
            label_codes=dict(meta["codes"]),
            label_classes={k: tuple(v) for k, v in meta["classes"].items()},
            threshold=float(meta["threshold"]),
        )
