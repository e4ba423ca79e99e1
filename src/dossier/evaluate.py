"""`dossier eval`: score what is stored against a hand-made gold file.

Matching rules (the gold file's own `matching` note): actor codes agree on
the country part and, where the gold gives a role, on the role too; a quote
matches when the system's quote text contains the gold `text_contains` and
its speaker resolves to the same actor; an event matches when source and
target agree, its root code is the gold one or one of `also_ok`, and its
sentence holds the gold evidence; a stance matches on actor, issue and
evidence, and counts as a wrong polarity when all but the polarity agree.
Items marked `hard` are scored apart. Kinds not built yet score 0.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier.errors import GoldFileError
from dossier.store.database import Store

KINDS = ("actors", "quotes", "events", "stances")


@dataclass
class Score:
    """Counts for one kind; precision counts system items that match any gold item."""

    gold: int = 0
    found: int = 0
    system: int = 0
    system_matched: int = 0
    hard_gold: int = 0
    hard_found: int = 0
    wrong_polarity: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.system_matched / self.system if self.system else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def hard_recall(self) -> float:
        return self.hard_found / self.hard_gold if self.hard_gold else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold": self.gold,
            "found": self.found,
            "system": self.system,
            "system_matched": self.system_matched,
            "hard_gold": self.hard_gold,
            "hard_found": self.hard_found,
            "hard_recall": round(self.hard_recall, 4),
            "wrong_polarity": self.wrong_polarity,
            "misses": self.misses,
        }


@dataclass
class EvalResult:
    scores: dict[str, Score]
    missing_articles: list[str]
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scores": {kind: score.to_dict() for kind, score in self.scores.items()},
            "missing_articles": self.missing_articles,
            **self.extra,
        }


def load_gold(path: str | Path) -> dict[str, Any]:
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldFileError(f"{path}: no such gold file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise GoldFileError(f"{path}: not valid JSON ({error})") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("articles"), dict):
        raise GoldFileError(f"{path}: expected an object with an 'articles' mapping")
    for key, article in gold["articles"].items():
        _check_gold_article(path, key, article)
    return gold


# The fields scoring reads from each gold item: "text" a string, "texts" a list of strings; required ones
# must be there (and not null). Other fields ("hard", notes) are free.
GOLD_FIELDS: dict[str, dict[str, tuple[str, bool]]] = {
    "actors": {"name": ("text", True), "code": ("text", False), "mentions": ("texts", False)},
    "quotes": {
        "text_contains": ("text", True),
        "speaker": ("text", False),
        "kind": ("text", False),
        "addressee": ("text", False),
    },
    "events": {
        "root_code": ("text", True),
        "evidence": ("text", True),
        "source": ("text", False),
        "target": ("text", False),
        "also_ok": ("texts", False),
        "location": ("text", False),
        "date": ("text", False),
    },
    "stances": {
        "actor": ("text", True),
        "issue": ("text", True),
        "polarity": ("text", False),
        "evidence": ("text", False),
    },
}


def _check_gold_article(path: str | Path, key: str, article: Any) -> None:
    """Each gold article a mapping of kinds to lists of items: a malformed one is named, not a traceback."""
    if not isinstance(article, dict):
        raise GoldFileError(f"{path}: articles[{key!r}] must be an object with {', '.join(KINDS)} lists")
    for kind in KINDS:
        items = article.get(kind, [])
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise GoldFileError(f"{path}: articles[{key!r}].{kind} must be a list of objects")
        for index, item in enumerate(items):
            problem = _gold_item_problem(kind, item)
            if problem:
                raise GoldFileError(f"{path}: articles[{key!r}].{kind}[{index}]: {problem}")


def _gold_item_problem(kind: str, item: dict[str, Any]) -> str | None:
    for name, (shape, required) in GOLD_FIELDS[kind].items():
        value = item.get(name)
        if value is None and required:
            return f"{name!r} is required"
        if value is None and (name not in item or shape == "text"):
            continue  # an absent field, or a null string field, is scored as unknown
        if shape == "text" and not isinstance(value, str):
            return f"{name!r} must be a string, not {json.dumps(value)[:40]}"
        if shape == "texts" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return f"{name!r} must be a list of strings, not {json.dumps(value)[:40]}"
    return None


def evaluate(gold: dict[str, Any], store: Store) -> EvalResult:
    """Score the stored analysis against gold annotations.

    `gold` is what `load_gold` reads from a file such as `../shared/gold/seeds.json`;
    its articles are found by id or by name.

    Example:
        >>> from dossier.records import ActorRef, Article, ArticleAnalysis, Quote
        >>> text = '"We want peace," Putin said.'
        >>> article = Article.build(text, name="peace")
        >>> quote = Quote(article.id, ActorRef("RUSGOV", "Vladimir Putin"), None, "We want peace,", "direct", "said",
        ...               1, 15, text)
        >>> gold = {"articles": {"peace": {
        ...     "actors": [{"name": "Vladimir Putin", "code": "RUSGOV", "mentions": ["Putin"]}],
        ...     "quotes": [{"speaker": "Vladimir Putin", "kind": "direct", "text_contains": "want peace"},
        ...                {"speaker": "Vladimir Putin", "kind": "direct", "text_contains": "no talks"}]}}}
        >>> with Store.open(":memory:") as store:
        ...     store.save_analysis(ArticleAnalysis(article, quotes=(quote,)))
        ...     evaluate(gold, store).scores["quotes"].recall
        0.5
    """
    scores = {kind: Score() for kind in KINDS}
    missing: list[str] = []
    events_by_root: dict[str, dict[str, int]] = {}
    for key, gold_article in gold["articles"].items():
        article_id = _find_article(store, key)
        if article_id is None:
            missing.append(key)
            for kind in KINDS:
                items = gold_article.get(kind, [])
                scores[kind].gold += sum(1 for item in items if not item.get("hard"))
                scores[kind].hard_gold += sum(1 for item in items if item.get("hard"))
            continue
        text = store.article(article_id).text  # type: ignore[union-attr]
        names = {actor["name"]: actor for actor in gold_article.get("actors", [])}
        system = {kind: list(store.iter_records(kind, article_id)) for kind in KINDS}
        _score_kind(scores["actors"], key, gold_article.get("actors", []), system["actors"], _actor_matches)
        _score_kind(
            scores["quotes"],
            key,
            gold_article.get("quotes", []),
            system["quotes"],
            functools.partial(_quote_matches, names=names),
        )
        _score_kind(
            scores["events"],
            key,
            gold_article.get("events", []),
            system["events"],
            functools.partial(_event_matches, text=text),
        )
        _tally_events_by_root(events_by_root, gold_article.get("events", []), system["events"], text)
        _score_stances(scores["stances"], key, gold_article.get("stances", []), system["stances"], text)
    gold_events = scores["events"].gold + scores["events"].hard_gold
    extra = {
        "events_by_root": events_by_root,
        "extra_events_per_gold_event": round(
            (scores["events"].system - scores["events"].system_matched) / gold_events, 3
        )
        if gold_events
        else 0.0,
    }
    return EvalResult(scores, missing, extra)


def _find_article(store: Store, key: str) -> str | None:
    row = store.connection.execute(
        "SELECT id FROM articles WHERE id = ? OR name = ? ORDER BY rowid LIMIT 1", (key, key)
    ).fetchone()
    return row["id"] if row else None


def _score_kind(
    score: Score,
    article_key: str,
    gold_items: list[dict[str, Any]],
    system_items: list[dict[str, Any]],
    matches: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> None:
    for item in gold_items:
        found = any(matches(item, candidate) for candidate in system_items)
        if item.get("hard"):
            score.hard_gold += 1
            score.hard_found += found
        else:
            score.gold += 1
            score.found += found
            if not found:
                score.misses.append(f"{article_key}: {_describe(item)}")
    score.system += len(system_items)
    score.system_matched += sum(1 for candidate in system_items if any(matches(g, candidate) for g in gold_items))


def _describe(item: dict[str, Any]) -> str:
    for key in ("evidence", "text_contains", "name"):
        if item.get(key):
            return str(item[key])[:90]
    return json.dumps(item)[:90]


# ---------------------------------------------------------------- codes


def code_agrees(gold_code: str | None, system_code: str | None) -> bool:
    """Country part equal and, where the gold names a role, the role too.

    Example:
        >>> code_agrees("RUS", "RUSGOV"), code_agrees("RUSGOV", "RUS")
        (True, False)
    """
    if not gold_code:
        return not system_code
    if not system_code:
        return False
    if gold_code.startswith("IGO"):
        return system_code.startswith(gold_code)
    return system_code[:3] == gold_code[:3] and (len(gold_code) <= 3 or system_code[3:6] == gold_code[3:6])


def _actor_matches(gold: dict[str, Any], system: dict[str, Any]) -> bool:
    if not code_agrees(gold.get("code"), system.get("code")):
        return False
    mention_texts = {m["text"].lower() for m in system.get("mentions", [])} | {str(system.get("name", "")).lower()}
    wanted = {m.lower() for m in gold.get("mentions", [])} | {gold["name"].lower()}
    return bool(mention_texts & wanted)


def _speaker_agrees(gold_name: str | None, system_actor: dict[str, Any] | None, names: dict[str, Any]) -> bool:
    """Same person by name, or a gold actor whose code and some name token agree."""
    if gold_name is None:
        return system_actor is None or (system_actor.get("code") is None and not system_actor.get("name"))
    if system_actor is None:
        return False
    system_name = str(system_actor.get("name") or "")
    if _name_tokens(gold_name) == _name_tokens(system_name):
        return True
    known = names.get(gold_name)
    if known is None:
        return bool(_name_tokens(gold_name) & _name_tokens(system_name))
    gold_tokens = _name_tokens(known["name"]).union(*(_name_tokens(m) for m in known.get("mentions", [])))
    return code_agrees(known.get("code"), system_actor.get("code")) and bool(gold_tokens & _name_tokens(system_name))


_NAME_STOPWORDS = {"the", "of", "and", "mr", "mrs", "ms", "dr", "president", "minister", "s"}


def _name_tokens(name: str) -> set[str]:
    return {token for token in re.findall(r"\w+", name.lower()) if token not in _NAME_STOPWORDS}


def _quote_matches(gold: dict[str, Any], system: dict[str, Any], names: dict[str, Any]) -> bool:
    if _squash(gold["text_contains"]) not in _squash(system.get("text", "")):
        return False
    return _speaker_agrees(gold.get("speaker"), system.get("speaker"), names)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("“", '"').replace("”", '"')).strip().lower()


def _evidence_pieces(evidence: str) -> list[str]:
    return [piece.strip(' ."') for piece in evidence.split("...") if piece.strip(' ."')]


def _evidence_in(evidence: str, span: str) -> bool:
    squashed = _squash(span)
    return all(_squash(piece) in squashed for piece in _evidence_pieces(evidence))


def _event_matches(gold: dict[str, Any], system: dict[str, Any], text: str) -> bool:
    source = (system.get("source") or {}).get("code")
    target = (system.get("target") or {}).get("code") if system.get("target") else None
    if not code_agrees(gold.get("source"), source):
        return False
    if gold.get("target") and not code_agrees(gold["target"], target):
        return False
    roots = {gold["root_code"], *gold.get("also_ok", [])}
    if system.get("root_code") not in roots:
        return False
    return _evidence_in(gold["evidence"], _sentence_of(system, text))


def _sentence_of(system: dict[str, Any], text: str) -> str:
    sentence = system.get("sentence") or ""
    start, end = system.get("start"), system.get("end")
    if isinstance(start, int) and isinstance(end, int):
        # Evidence may span a sentence boundary the parser drew differently.
        sentence = f"{sentence} {text[max(0, start - 300) : end + 300]}"
    return sentence


def _tally_events_by_root(
    tally: dict[str, dict[str, int]], gold_items: list[dict[str, Any]], system_items: list[dict[str, Any]], text: str
) -> None:
    """Per root code: gold events and how many were found (recall), system events and how many match (precision).

    Hard gold items count here too: the table is for reading where the coder
    errs, the floors use the scores above.
    """
    empty = {"gold": 0, "found": 0, "system": 0, "matched": 0}
    for item in gold_items:
        row = tally.setdefault(item["root_code"], dict(empty))
        row["gold"] += 1
        row["found"] += any(_event_matches(item, s, text) for s in system_items)
    for system in system_items:
        row = tally.setdefault(str(system.get("root_code")), dict(empty))
        row["system"] += 1
        row["matched"] += any(_event_matches(g, system, text) for g in gold_items)


def root_scores(tally: dict[str, dict[str, int]]) -> list[tuple[str, float | None, float | None, dict[str, int]]]:
    """(root, precision, recall, counts) per root code, in code order; None where there is nothing to divide.

    Example:
        >>> root_scores({"12": {"gold": 2, "found": 1, "system": 4, "matched": 2}})
        [('12', 0.5, 0.5, {'gold': 2, 'found': 1, 'system': 4, 'matched': 2})]
    """
    rows = []
    for root in sorted(tally):
        counts = tally[root]
        precision = counts["matched"] / counts["system"] if counts["system"] else None
        recall = counts["found"] / counts["gold"] if counts["gold"] else None
        rows.append((root, precision, recall, counts))
    return rows


def _score_stances(
    score: Score, article_key: str, gold_items: list[dict[str, Any]], system_items: list[dict[str, Any]], text: str
) -> None:
    def same_claim(gold: dict[str, Any], system: dict[str, Any]) -> bool:
        return (
            code_agrees(gold["actor"], (system.get("actor") or {}).get("code"))
            and gold["issue"] == system.get("issue")
            and _stance_evidence_overlaps(gold["evidence"], system, text)
        )

    def matches(gold: dict[str, Any], system: dict[str, Any]) -> bool:
        return same_claim(gold, system) and gold["polarity"] == system.get("polarity")

    _score_kind(score, article_key, gold_items, system_items, matches)
    for item in gold_items:
        if any(same_claim(item, s) and s.get("polarity") != item["polarity"] for s in system_items):
            score.wrong_polarity += 1


def _stance_evidence_overlaps(evidence: str, system: dict[str, Any], text: str) -> bool:
    pieces = _evidence_pieces(evidence)
    start, end = system.get("start"), system.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return _evidence_in(evidence, system.get("evidence", ""))
    lowered = text.lower()
    for piece in pieces:
        at = lowered.find(piece.lower())
        while at != -1:
            if at < end and at + len(piece) > start:
                return True
            at = lowered.find(piece.lower(), at + 1)
    return False
