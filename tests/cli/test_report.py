"""The per-article sections of the `dossier run` report: actors with counts, speaker -> quote."""

from __future__ import annotations

from rich.console import Console

from dossier.cli.report import MAX_ITEMS_PER_SECTION, print_article
from dossier.records import ActorRef, Article, ArticleAnalysis, Mention, Quote

OKAFOR = ActorRef("NGAGOV", "Emeka Okafor", "NGA", "GOV")
LINDQVIST = ActorRef("SWEGOV", "Anna Lindqvist", "SWE", "GOV")
TEXT = '"The border stays shut," Okafor told Lindqvist. He left. "We will see."'


def rendered(analysis: ArticleAnalysis) -> str:
    console = Console(record=True, width=200, color_system=None)
    print_article(analysis, console)
    return console.export_text()


def quote(text: str, speaker: ActorRef | None, addressee: ActorRef | None = None) -> Quote:
    start = TEXT.find(text)
    return Quote("a1", speaker, addressee, text, "direct", "tell" if speaker else None, start, start + len(text), TEXT)


def test_actors_are_listed_with_code_and_mention_count():
    article = Article.build(TEXT, title="Border talks")
    mentions = (
        Mention(article.id, 25, 31, "Okafor", OKAFOR),
        Mention(article.id, 37, 46, "Lindqvist", LINDQVIST),
        Mention(article.id, 48, 50, "He", OKAFOR, "pronoun", 25),
    )
    out = rendered(ArticleAnalysis(article, mentions=mentions))
    assert "Border talks" in out and article.id in out
    assert "Emeka Okafor NGAGOV×2" in out and "Anna Lindqvist SWEGOV×1" in out


def test_quotes_show_speaker_addressee_and_offsets():
    article = Article.build(TEXT)
    quotes = (quote("The border stays shut,", OKAFOR, LINDQVIST), quote("We will see.", None))
    out = rendered(ArticleAnalysis(article, quotes=quotes))
    first, second = quotes
    assert f"Emeka Okafor [NGAGOV] to Anna Lindqvist [SWEGOV] -> (direct, tell) @{first.start}-{first.end}" in out
    assert f"unknown -> (direct, -) @{second.start}-{second.end}: We will see." in out


def test_a_long_quote_list_says_how_many_are_left_out():
    article = Article.build(TEXT)
    quotes = tuple(quote("We will see.", OKAFOR) for _ in range(MAX_ITEMS_PER_SECTION + 3))
    out = rendered(ArticleAnalysis(article, quotes=quotes))
    assert out.count("Emeka Okafor [NGAGOV] ->") == MAX_ITEMS_PER_SECTION
    assert "3 more quotes" in out


def test_a_failure_naming_a_file_with_control_characters_stays_one_inert_line():
    from io import StringIO

    from dossier.cli.report import print_report
    from dossier.pipeline import RunReport
    from dossier.records import DocumentError

    report = RunReport(errors=[DocumentError("in/bad\nname\x1b[31m.txt", "empty document (no text)")])
    stream = StringIO()
    print_report(report, Console(file=stream, width=200, color_system=None), {}, detailed=False)
    failures = stream.getvalue().split("failed:\n", 1)[1]
    assert failures == "  in/bad\\nname\\x1b[31m.txt: empty document (no text)\n"
