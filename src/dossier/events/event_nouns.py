"""The noun that names an event, and its key in the noun lexicon.

"a mediation effort" is mediation, "a series of attacks" attacks, "cease-fire"
one word, "$30 million" money: how the events stage reads an event noun
before looking it up in nouns.tsv (moved out of `predicates`, which grew past
the size the layout allows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.events import cameo
from dossier.events.participants import prepositions
from dossier.events.tree import children

if TYPE_CHECKING:
    from spacy.tokens import Token

# Nouns that count or measure another: the event is the noun after their "of" or "in".
PARTITIVES = frozenset(
    {"series", "wave", "number", "dozen", "hundred", "thousand", "string", "spate", "round", "lot", "couple", "some",
     "many", "most", "all", "part", "half", "rest", "batch", "group", "contingent", "several", "few", "shipment",
     "consignment", "load", "ton", "tonne", "percent", "%", "share", "portion", "bulk", "majority", "team",
     "increase", "boost", "expansion", "rise", "hike", "resumption", "continuation", "escalation", "intensification",
     "kind", "type", "extension", "renewal", "prolongation", "worth", "amount", "quantity", "sum",
     "year", "decade", "month"}
)  # fmt: skip
# Heads that only frame the event named by their modifier: "a mediation effort", "a peacekeeping operation".
GENERIC_HEADS = frozenset(
    {"effort", "campaign", "operation", "process", "program", "programme", "plan", "mission", "initiative", "drive",
     "bid", "move", "step", "action", "measure", "package", "scheme", "project", "message", "letter", "note", "cable",
     "telegram", "statement", "team", "force", "unit"}
)  # fmt: skip
# Heads that name people: a modifier makes them the act it names only when it is aid or forces ("a
# peacekeeping force", "a rescue team", "a special forces team"); "special operations forces" or "a combat
# unit" are troops, not an operation or a fight.
PERSONNEL_HEADS = frozenset({"force", "team", "unit"})
PERSONNEL_ROOTS = frozenset({"07", "15"})


def event_noun(token: Token) -> Token:
    """The noun that names the event: "a mediation effort" is mediation, "a series of attacks" attacks."""
    token = through_partitive(token)
    lexicon = cameo.lexicon()
    head = token.lemma_.lower()
    if token.pos_ in ("NOUN", "PROPN") and head in GENERIC_HEADS:
        for child in children(token):
            if child.dep_ in ("compound", "amod") and child.lemma_.lower() in lexicon.nouns:
                if head in PERSONNEL_HEADS and not names_personnel(child.lemma_.lower()):
                    continue  # "special operations forces", "a combat unit": troops, not an operation
                return child
    return token


def names_personnel(lemma: str) -> bool:
    """The noun's plain row (no pattern) is aid or forces: "peacekeeping" (074) and "forces" (154) are,
    "operation" (190; 073 only as a rescue or relief operation) is not."""
    plain = [e for e in cameo.lexicon().nouns.get(lemma, ()) if e.pattern.specificity == 0]
    return any(entry.code[:2] in PERSONNEL_ROOTS for entry in plain)


def noun_lemma(token: Token) -> str:
    """The lexicon key of a noun: "cease-fire" is one word; a sum of money ("$30 million") is "money"."""
    if token.ent_type_ == "MONEY" and token.pos_ in ("NUM", "PROPN", "SYM", "NOUN"):
        return "money"
    lemma = token.lemma_.lower()
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].head.i == token.i:
        joined = f"{doc[token.i - 2].lower_}-{lemma}"
        nouns = cameo.lexicon().nouns
        for candidate in (joined, joined.replace("-", "")):
            if candidate in nouns:
                return candidate
    return lemma


def through_partitive(token: Token) -> Token:
    """Look through partitives: in "a series of attacks" the event is the noun after "of"."""
    if token.lemma_.lower() in PARTITIVES:
        for prep, obj in prepositions(token):
            if prep.lower_ in ("of", "in"):  # "a shipment of vaccines", "an increase in funding"
                return obj
    return token


def recipient_and_sum(verb: Token) -> tuple[Token, Token] | None:
    """Whom a sum goes to, and the sum, when a verb has two objects and the later one is money: a noun the
    parser marks as a dative ("paid the contractors $2 million"), or the first of two objects ("paid his
    golf courses more than $260,000"), which the parser gives for the same shape, the sum as a second
    direct object or as a measure (npadvmod). The sum is the object; the recipient reads as the object of
    "to" ("paid $2 million to the contractors"). Only sums: for other things the parser's datives are too
    often no recipient (measured on both dev halves)."""
    sums = [c for c in children(verb) if c.dep_ in ("dobj", "obj", "npadvmod") and noun_lemma(c) == "money"]
    if not sums:
        return None
    datives = [c for c in children(verb) if c.dep_ in ("dative", "iobj") and c.pos_ in ("NOUN", "PROPN", "PRON")]
    datives += [c for c in children(verb) if c.dep_ in ("dobj", "obj") and c.i < sums[-1].i and c not in sums]
    return (datives[0], sums[-1]) if datives else None


def title_cased_singular(token: Token) -> str | None:
    """A plural noun that a title-cased headline makes a name keeps its plural as its lemma ("Captured The
    Votes Of ...": "Votes"): its singular, so rows naming the noun still fit. Only capitalised words read as
    names, ending in "s"; a name that is no noun ("Hastings") gives a singular no row names."""
    text = token.text
    if token.pos_ != "PROPN" or len(text) < 4 or not (text[0].isupper() and text[1:].islower()):
        return None
    lower = text.lower()
    if lower.endswith("ies"):
        return lower[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes")):
        return lower[:-2]
    if lower.endswith("s") and not lower.endswith("ss"):
        return lower[:-1]
    return None
