"""A small hand-built corpus for the export, stats and network tests: a summit report and a protest report."""

from __future__ import annotations

from pathlib import Path

from dossier.records import (
    ActorRef,
    Article,
    ArticleAnalysis,
    DocumentError,
    Event,
    Link,
    Mention,
    Place,
    Quote,
    Stance,
    Tone,
)
from dossier.store.database import Store

PUTIN = ActorRef("RUSGOV", "Vladimir Putin", "RUS", "GOV")
MOON = ActorRef("KORGOV", "Moon Jae-in", "KOR", "GOV")
OFFICIALS = ActorRef("RUSGOV", "Russian government officials", "RUS", "GOV")
SUMMIT = (
    "Putin and Moon meet in Vladivostok\n\n"
    "Posted September 7, 2017\n\n"
    "Russian President Vladimir Putin met South Korean President Moon Jae-in in Vladivostok on Wednesday.\n\n"
    '"Sanctions alone will not work," Putin said. Moon told Putin that pressure must rise.\n\n'
    "Russian government officials have condemned the idea of tightening sanctions."
)
PROTEST = (
    "Protest at Seongju\n\n"
    "Police in the rural town of Seongju removed 400 protesters from a road leading to the THAAD site on Thursday."
)


def at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def summit() -> ArticleAnalysis:
    article = Article.build(
        SUMMIT,
        title="Putin and Moon meet in Vladivostok",
        url="https://example.org/2017/09/07/summit",
        outlet="Example News",
        published="2017-09-07",
        name="summit",
    )
    met, said, told, condemned = (
        at(
            SUMMIT,
            "Russian President Vladimir Putin met South Korean President Moon Jae-in in Vladivostok on Wednesday.",
        ),
        at(SUMMIT, "Sanctions alone will not work"),
        at(SUMMIT, "Moon told Putin that pressure must rise."),
        at(SUMMIT, "Russian government officials have condemned the idea of tightening sanctions."),
    )
    mentions = (
        Mention(article.id, *at(SUMMIT, "Vladimir Putin"), "Vladimir Putin", PUTIN, "name", None, "person"),
        Mention(article.id, *at(SUMMIT, "Moon Jae-in"), "Moon Jae-in", MOON, "name", None, "person", "2017-05-10"),
        Mention(article.id, *at(SUMMIT, "Russian government officials"), "Russian government officials", OFFICIALS),
    )
    quotes = (
        # The first quote has no addressee: the second's must still have its columns.
        Quote(article.id, PUTIN, None, "Sanctions alone will not work", "direct", "say", *said, SUMMIT[slice(*said)]),
        Quote(article.id, MOON, PUTIN, "pressure must rise", "indirect", "tell", *told, SUMMIT[slice(*told)]),
    )
    events = (
        Event(
            article.id, PUTIN, MOON, "040", "04", 1.0, 1, "2017-09-06", "day",
            Place("Vladivostok", "RUS", 43.10562, 131.87353), SUMMIT[slice(*met)], *met, "meet",
        ),
        Event(
            article.id, OFFICIALS, None, "111", "11", -2.0, 3, "2017-09", "month", None,
            SUMMIT[slice(*condemned)], *condemned, "condemn", None, ("reported",), "a month named in the text",
        ),
    )  # fmt: skip
    stances = (
        Stance(article.id, OFFICIALS, "sanctions", "oppose", 0.8, SUMMIT[slice(*condemned)], *condemned),
        Stance(article.id, PUTIN, "sanctions", "oppose", 0.6, SUMMIT[slice(*said)], *said),
    )
    putin = SUMMIT.index("Putin", told[0])  # "Moon told Putin that ..."
    tones = (Tone(article.id, PUTIN, putin, putin + len("Putin"), *told, "neutral", 0.05, ()),)
    return ArticleAnalysis(article, mentions, quotes, events, stances, tones)


def protest() -> ArticleAnalysis:
    article = Article.build(PROTEST, title="Protest at Seongju", published="2017-09-07", name="protest")
    police = ActorRef("KORCOP", "police", "KOR", "COP")
    removed = at(PROTEST, PROTEST.split("\n\n")[1])
    event = Event(
        article.id, police, ActorRef(None, "protesters"), "1724", "17", -9.0, 4, "2017-09-07", "day",
        Place("Seongju", "KOR", None, None), PROTEST[slice(*removed)], *removed, "remove",
        {"event_type": "COERCE", "mode": "arrest", "context": ""}, (), coder="learned",
    )  # fmt: skip
    return ArticleAnalysis(article, events=(event,))


def build_corpus(path: Path) -> Path:
    """Both reports, a link between them and one reader error, stored in a new database."""
    with Store.open(path) as store:
        first, second = summit(), protest()
        store.save_analysis(first)
        store.save_analysis(second)
        detail = {"a_text": "Putin met Moon", "changes": [["met", "saw"]]}
        store.replace_links([Link("same_story", first.article.id, second.article.id, 0.5, first.article.id, detail)])
        store.record_error(DocumentError("feed.xml#item3", "feed item has no text or summary"))
    return path
