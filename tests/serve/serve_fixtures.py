"""A small hand-made corpus for the serving tests: two reports and the records a good analysis finds in them.

The records are written by hand (not by the pipeline stages, which other
tests cover), with offsets computed from the text, so the API and the page
can be tested whatever the stages find today.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from dossier.records import ActorRef, Article, ArticleAnalysis, Event, Mention, Quote, Stance, Tone
from dossier.store.database import Store

QUOTAS_TEXT = (
    "Ministers trade accusations over Arctic fishing quotas\n\n"
    "Posted March 2, 2021\n\n"
    "Norwegian Foreign Minister Ine Eriksen Soreide hosted her Russian counterpart Sergei Lavrov in Oslo on Monday. "
    "Norway accused Russia of breaking the joint quota agreement for Barents Sea cod. "
    "Russian coast guard ships detained a Norwegian trawler near Svalbard last week. "
    '"We cannot accept catches above the agreed limits," Soreide told reporters after the meeting. '
    "Lavrov said Moscow would defend the interests of its fishermen. "
    "The European Union praised Norway for keeping the talks open.\n"
)

TALKS_TEXT = (
    "Fishing talks resume in Tromso\n\n"
    "Posted March 9, 2021\n\n"
    "Russian and Norwegian officials agreed on Tuesday to resume talks on cod quotas. "
    "Lavrov promised to cooperate on a joint survey of cod stocks. "
    '"A fair deal is still possible," Lavrov said in a statement. '
    "Iceland criticised both governments for delaying the decision.\n"
)

SOREIDE = ActorRef("NORGOV", "Ine Eriksen Soreide", "NOR", "GOV")
LAVROV = ActorRef("RUSGOV", "Sergei Lavrov", "RUS", "GOV")
NORWAY = ActorRef("NOR", "Norway", "NOR", None)
RUSSIA = ActorRef("RUS", "Russia", "RUS", None)
RUSSIA_COAST_GUARD = ActorRef("RUSCOP", "Russian coast guard", "RUS", "COP")
EUROPEAN_UNION = ActorRef("IGOEUREEC", "European Union", None, None)
ICELAND = ActorRef("ISL", "Iceland", "ISL", None)

QUOTAS = Article.build(QUOTAS_TEXT, title=QUOTAS_TEXT.split("\n")[0], published="2021-03-02")
TALKS = Article.build(TALKS_TEXT, title=TALKS_TEXT.split("\n")[0], published="2021-03-09")

# The evidence a click on Sergei Lavrov must show first: his first quote.
LAVROV_FIRST_QUOTE = "Moscow would defend the interests of its fishermen"
SOREIDE_QUOTE = "We cannot accept catches above the agreed limits"


def span(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


def sentence_of(text: str, phrase: str) -> tuple[str, int, int]:
    """The sentence holding `phrase` (ends at '. ' or a line end), with its offsets."""
    start, end = span(text, phrase)
    begin = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1)
    stop = min(i for i in (text.find(". ", end), text.find("\n", end), len(text)) if i != -1)
    stop = stop + 1 if text[stop : stop + 1] == "." else stop
    return text[begin:stop], begin, stop


def mention(article: Article, phrase: str, actor: ActorRef, after: int = 0) -> Mention:
    start, end = span(article.text, phrase, after)
    return Mention(article.id, start, end, phrase, actor)


def quote(article: Article, speaker: ActorRef, words: str, kind: str, cue: str) -> Quote:
    start, end = span(article.text, words)
    sentence, _, _ = sentence_of(article.text, words)
    return Quote(article.id, speaker, None, words, kind, cue, start, end, sentence)  # type: ignore[arg-type]


def event(
    article: Article,
    phrase: str,
    source: ActorRef,
    target: ActorRef | None,
    code: str,
    goldstein: float,
    quad_class: int,
) -> Event:
    sentence, start, end = sentence_of(article.text, phrase)
    return Event(
        article.id, source, target, code, code[:2], goldstein, quad_class,
        article.published, "day", None, sentence, start, end,
    )  # fmt: skip


def stance(article: Article, actor: ActorRef, issue: str, polarity: str, evidence: str) -> Stance:
    start, end = span(article.text, evidence)
    return Stance(article.id, actor, issue, polarity, 0.8, evidence, start, end)  # type: ignore[arg-type]


def tone(article: Article, phrase: str, actor: ActorRef, polarity: str, score: float, after: int = 0) -> Tone:
    start, end = span(article.text, phrase, after)
    # The mentions toned here all follow an earlier sentence ending in ". ".
    sentence_start, sentence_end = article.text.rfind(". ", 0, start) + 2, article.text.index(".", end) + 1
    return Tone(article.id, actor, start, end, sentence_start, sentence_end, polarity, score, ("cue",))  # type: ignore[arg-type]


def analyses() -> list[ArticleAnalysis]:
    q, t = QUOTAS, TALKS
    return [
        ArticleAnalysis(
            q,
            mentions=(
                mention(q, "Ine Eriksen Soreide", SOREIDE),
                mention(q, "Sergei Lavrov", LAVROV),
                mention(q, "Norway", NORWAY, q.text.index("Monday")),
                mention(q, "Russia", RUSSIA, q.text.index("accused")),
                mention(q, "Russian coast guard", RUSSIA_COAST_GUARD),
                mention(q, "Soreide", SOREIDE, q.text.index("limits")),
                mention(q, "Lavrov", LAVROV, q.text.index("reporters")),
                mention(q, "Moscow", RUSSIA),
                mention(q, "European Union", EUROPEAN_UNION),
            ),
            quotes=(
                quote(q, SOREIDE, SOREIDE_QUOTE, "direct", "told"),
                quote(q, LAVROV, LAVROV_FIRST_QUOTE, "indirect", "said"),
            ),
            events=(
                event(q, "hosted her Russian counterpart", SOREIDE, LAVROV, "043", 2.8, 1),
                event(q, "accused Russia", NORWAY, RUSSIA, "112", -2.0, 3),
                event(q, "detained a Norwegian trawler", RUSSIA_COAST_GUARD, NORWAY, "173", -5.0, 4),
                event(q, "praised Norway", EUROPEAN_UNION, NORWAY, "051", 3.4, 1),
            ),
            stances=(
                stance(q, SOREIDE, "strict_catch_limits", "support", SOREIDE_QUOTE),
                stance(q, LAVROV, "strict_catch_limits", "oppose", LAVROV_FIRST_QUOTE),
                stance(q, EUROPEAN_UNION, "quota_talks", "support", "keeping the talks open"),
            ),
            tones=(
                tone(q, "Russia", RUSSIA, "negative", -0.8, q.text.index("accused")),
                tone(q, "Sergei Lavrov", LAVROV, "neutral", 0.0),
                tone(q, "Norway", NORWAY, "positive", 0.9, q.text.index("praised")),
            ),
        ),
        ArticleAnalysis(
            t,
            mentions=(
                mention(t, "Lavrov", LAVROV),
                mention(t, "Lavrov", LAVROV, t.text.index("possible")),
                mention(t, "Iceland", ICELAND),
            ),
            quotes=(quote(t, LAVROV, "A fair deal is still possible", "direct", "said"),),
            events=(
                event(t, "agreed on Tuesday to resume talks", RUSSIA, NORWAY, "036", 4.0, 1),
                event(t, "promised to cooperate", LAVROV, NORWAY, "030", 4.0, 1),
                event(t, "criticised both governments", ICELAND, NORWAY, "111", -2.0, 3),
                replace(event(t, "criticised both governments", ICELAND, RUSSIA, "111", -2.0, 3), coder="learned"),
            ),
            stances=(stance(t, LAVROV, "quota_talks", "support", "A fair deal is still possible"),),
            tones=(tone(t, "Lavrov", LAVROV, "positive", 0.6),),
        ),
    ]


def build_database(path: Path) -> Path:
    """A database holding the two reports and their hand-made records."""
    with Store.open(path) as store:
        for analysis in analyses():
            store.save_analysis(analysis)
    return path


# Stances on which the CLI's and the old API's matrix rules parted: RUSGOV found under two
# names, leaning against strict limits (two against, one for), and an actor without a code.
RUSSIAN_OFFICIALS = ActorRef("RUSGOV", "Russian officials", "RUS", "GOV")
ICELAND_UNCODED = ActorRef(None, "Iceland")


def leaning_stances() -> list[ArticleAnalysis]:
    q, t = QUOTAS, TALKS
    return [
        ArticleAnalysis(
            q,
            stances=(
                stance(q, SOREIDE, "strict_catch_limits", "support", SOREIDE_QUOTE),
                stance(q, LAVROV, "strict_catch_limits", "oppose", LAVROV_FIRST_QUOTE),
                stance(q, LAVROV, "strict_catch_limits", "oppose", "Russian coast guard ships detained"),
                stance(q, EUROPEAN_UNION, "quota_talks", "support", "keeping the talks open"),
            ),
            tones=(
                tone(q, "Russia", RUSSIA, "negative", -0.8, q.text.index("accused")),
                tone(q, "Sergei Lavrov", LAVROV, "neutral", 0.0),
                tone(q, "Norway", NORWAY, "positive", 0.9, q.text.index("praised")),
            ),
        ),
        ArticleAnalysis(
            t,
            stances=(
                stance(t, LAVROV, "strict_catch_limits", "support", "A fair deal is still possible"),
                stance(t, RUSSIAN_OFFICIALS, "quota_talks", "support", "agreed on Tuesday to resume talks"),
                stance(t, ICELAND_UNCODED, "quota_talks", "oppose", "criticised both governments"),
            ),
        ),
    ]


def build_leaning_database(path: Path) -> Path:
    """A database holding the two reports with only the stances of `leaning_stances`."""
    with Store.open(path) as store:
        for analysis in leaning_stances():
            store.save_analysis(analysis)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(app: Any, startup_seconds: float = 20.0) -> Iterator[str]:
    """A real uvicorn serving `app` on 127.0.0.1 in a thread; yields its base URL and stops it after."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_seconds
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
