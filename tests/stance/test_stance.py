"""The stance stage on small hand-written reports, with actor mentions made by hand.

The actors and quotes stages are not run here: each test names the actors
(and quotes) it needs, so these tests pin the stance stage alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.errors import DataFileError
from dossier.parse.model import ParsedArticle, load_model
from dossier.records import ActorRef, Article, Event, Mention, Quote, Stance
from dossier.stance.lexicon import load_issues, read_lexicon_file, stance_lexicon
from dossier.stance.reader import find_stances

pytestmark = pytest.mark.model

ISSUES_YAML = """\
# two issues of an imagined trade dispute
issues:
  - id: tariffs
    description: higher tariffs on imported steel
    terms: [tariffs, import duties, levies on steel]
  - id: grain_deal
    description: the grain export deal
    terms: [grain deal, reopen ... ports, export corridor]
"""

ACTORS = {
    "Germany": ActorRef("DEU", "Germany", "DEU", None),
    "France": ActorRef("FRA", "France", "FRA", None),
    "Paris": ActorRef("FRA", "France", "FRA", None),
    "Canada": ActorRef("CAN", "Canada", "CAN", None),
    "Ottawa": ActorRef("CAN", "Canada", "CAN", None),
    "Brazil": ActorRef("BRA", "Brazil", "BRA", None),
    "India": ActorRef("IND", "India", "IND", None),
    "Turkey": ActorRef("TUR", "Turkey", "TUR", None),
    "Ankara": ActorRef("TUR", "Turkey", "TUR", None),
    "Mexico": ActorRef("MEX", "Mexico", "MEX", None),
    "Japanese": ActorRef("JPN", "Japan", "JPN", None),
    "Maria Lopez": ActorRef("MEXGOV", "Maria Lopez", "MEX", "GOV"),
    "Lopez": ActorRef("MEXGOV", "Maria Lopez", "MEX", "GOV"),
    "the union": ActorRef("CANLAB", "steel workers' union", "CAN", "LAB"),
}


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture(scope="module")
def issues_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("issues") / "trade.yaml"
    path.write_text(ISSUES_YAML, encoding="utf-8")
    return str(path)


def analyse(nlp, text: str, issues: str | None, quotes: tuple[str, str] | None = None, events=()) -> list[Stance]:
    """Stances in `text`, with a mention for every actor name in ACTORS found in it."""
    article = Article.build(text)
    mentions = []
    for name, actor in ACTORS.items():
        at = text.find(name)
        while at != -1:
            taken = any(m.start <= at < m.end for m in mentions)
            if not taken:
                mentions.append(Mention(article.id, at, at + len(name), name, actor))
            at = text.find(name, at + 1)
    mentions.sort(key=lambda m: m.start)
    found_quotes = ()
    if quotes is not None:
        quoted, speaker = quotes
        start = text.index(quoted)
        found_quotes = (
            Quote(article.id, ACTORS[speaker], None, quoted, "direct", "said", start, start + len(quoted), text),
        )
    return list(find_stances(ParsedArticle(article, nlp(text)), tuple(mentions), found_quotes, tuple(events), issues))


def positions(stances: list[Stance]) -> set[tuple[str | None, str, str]]:
    return {(s.actor.code, s.issue, s.polarity) for s in stances}


# ---------------------------------------------------------------- stance words


def test_a_plain_stance_word_gives_its_subject_a_side(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "Canada strongly supports the import duties.", issues_file)
    assert positions(stances) == {("CAN", "tariffs", "support")}
    assert stances[0].strength == 1.0  # "strongly" adds to "support"


def test_evidence_is_the_text_between_its_offsets(nlp, issues_file: str) -> None:
    text = "In Geneva on Monday, Brazil rejected the tariffs outright."
    (stance,) = analyse(nlp, text, issues_file)
    assert stance.evidence == text[stance.start : stance.end] == "Brazil rejected the tariffs"


def test_issue_synonyms_name_the_same_issue(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "Mexico condemned the new levies on steel. Brazil backed the tariffs.", issues_file)
    assert positions(stances) == {("MEX", "tariffs", "oppose"), ("BRA", "tariffs", "support")}


def test_a_term_with_a_gap_matches_words_in_between(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "Turkey has pushed to reopen the Black Sea ports.", issues_file)
    assert positions(stances) == {("TUR", "grain_deal", "support")}


def test_a_term_that_only_modifies_another_noun_is_not_the_issue(nlp, issues_file: str) -> None:
    assert analyse(nlp, "France opposed the export corridor authority's budget.", issues_file) == []


# ---------------------------------------------------------------- negation and hedges


def test_negation_flips_the_side_and_weakens_it(nlp, issues_file: str) -> None:
    (negated,) = analyse(nlp, "Germany did not oppose the tariffs.", issues_file)
    (plain,) = analyse(nlp, "Germany opposed the tariffs.", issues_file)
    assert (negated.polarity, plain.polarity) == ("support", "oppose")
    assert negated.strength < plain.strength


def test_double_negation_comes_back_to_support(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "France is not unwilling to back the tariffs.", issues_file)
    assert positions(stances) == {("FRA", "tariffs", "support")}


def test_little_enthusiasm_is_opposition(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "India has shown little enthusiasm for the grain deal.", issues_file)
    assert positions(stances) == {("IND", "grain_deal", "oppose")}


def test_a_hedge_is_a_weak_opposition(nlp, issues_file: str) -> None:
    (stance,) = analyse(nlp, "India was reluctant to join the grain deal.", issues_file)
    assert (stance.polarity, stance.strength <= 0.5) == ("oppose", True)


def test_stance_words_compose_through_what_they_govern(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "Ottawa refused to back the tariffs, and Paris rejected calls to lift them.", issues_file)
    assert ("CAN", "tariffs", "oppose") in positions(stances)
    assert ("CAN", "tariffs", "support") not in positions(stances)


def test_rejecting_the_idea_of_lifting_is_support(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "Germany rejected the idea of lifting the tariffs.", issues_file)
    assert positions(stances) == {("DEU", "tariffs", "support")}


def test_a_whether_clause_is_no_stance(nlp, issues_file: str) -> None:
    assert analyse(nlp, "It is unclear whether Brazil would support the tariffs.", issues_file) == []


def test_a_denied_stance_is_reversed(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "Ankara denied that Turkey backed the tariffs.", issues_file)
    assert positions(stances) == {("TUR", "tariffs", "oppose")}


def test_a_guess_about_a_stance_is_none(nlp, issues_file: str) -> None:
    assert analyse(nlp, "An aide suggested Lopez would support the tariffs once elected.", issues_file) == []
    stances = analyse(nlp, "Lopez said Mexico would back the tariffs.", issues_file)  # said: an announced stance
    assert positions(stances) == {("MEX", "tariffs", "support")}


def test_a_lack_of_support_is_opposition(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "Canada's lack of support for the tariffs angered Mexico.", issues_file)
    assert positions(stances) == {("CAN", "tariffs", "oppose")}


def test_what_governs_a_complement_governs_its_conjoined_verbs(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "Germany urged France to lift the tariffs and back the grain deal.", issues_file)
    assert positions(stances) == {("DEU", "tariffs", "oppose"), ("DEU", "grain_deal", "support")}


# ---------------------------------------------------------------- attribution


def test_a_reported_obligation_is_the_speakers_stance(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "Maria Lopez said Canada must scrap the tariffs.", issues_file)
    assert positions(stances) == {("MEXGOV", "tariffs", "oppose")}  # the speaker's, not Canada's


def test_an_obligation_on_a_stance_word_is_the_speakers(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "Lopez said Canada should reject the tariffs.", issues_file)
    assert positions(stances) == {("MEXGOV", "tariffs", "oppose")}


def test_the_object_holds_a_stance_after_for(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "Brazil criticized Canada for backing the tariffs.", issues_file)
    assert ("CAN", "tariffs", "support") in positions(stances)
    assert ("BRA", "tariffs", "support") not in positions(stances)


def test_an_evaluation_in_reported_speech_is_the_speakers(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "Lopez said the tariffs were useless and counterproductive.", issues_file)
    assert positions(stances) == {("MEXGOV", "tariffs", "oppose")}


def test_a_quoted_speaker_opposes_another_actors_proposal(nlp, issues_file: str) -> None:
    text = '"We reject the Japanese proposal for new tariffs," Lopez told reporters in Ottawa.'
    stances = analyse(nlp, text, issues_file, quotes=("We reject the Japanese proposal for new tariffs", "Lopez"))
    assert positions(stances) == {("MEXGOV", "tariffs", "oppose"), ("JPN", "tariffs", "support")}


def test_describing_an_issue_is_a_stance_on_it(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "Brazil described the import duties as dangerous.", issues_file)
    assert positions(stances) == {("BRA", "tariffs", "oppose")}


# ---------------------------------------------------------------- "such a call"


def test_such_a_call_stands_for_the_earlier_call_in_the_sentence(nlp, issues_file: str) -> None:
    text = "Canada has pushed for higher tariffs on steel, but Mexico dismissed such a call."
    stances = analyse(nlp, text, issues_file)
    assert positions(stances) == {("CAN", "tariffs", "support"), ("MEX", "tariffs", "oppose")}
    mexico = next(s for s in stances if s.actor.code == "MEX")
    assert mexico.evidence == "Mexico dismissed such a call"


def test_the_idea_can_point_to_the_previous_sentence(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "Turkey proposed a new grain deal. India dismissed the idea.", issues_file)
    assert positions(stances) == {("TUR", "grain_deal", "support"), ("IND", "grain_deal", "oppose")}


def test_it_stands_for_the_issue_named_before(nlp, issues_file: str) -> None:
    stances = analyse(nlp, "Germany wants the grain deal, but France opposes it.", issues_file)
    assert positions(stances) == {("DEU", "grain_deal", "support"), ("FRA", "grain_deal", "oppose")}


# ---------------------------------------------------------------- other stages, no issues file


def test_an_event_lends_its_source_when_the_parse_names_no_actor(nlp, issues_file: str) -> None:
    text = "Officials rejected the tariffs on Tuesday, the trade office of Brazil said."
    article_event = Event(
        "x", ACTORS["Brazil"], None, "120", "12", -4.0, 3, None, None, None, text, 0, 27, predicate="reject"
    )  # as if the events stage had found who the officials are
    stances = analyse(nlp, text, issues_file, events=[article_event])
    assert positions(stances) == {("BRA", "tariffs", "oppose")}


def test_without_an_issues_file_issues_are_proposed(nlp) -> None:
    stances = analyse(nlp, "Canada rejected calls for new tariffs.", None)
    assert positions(stances) == {("CAN", "proposed:tariff", "oppose")}


def test_no_mentions_no_stances(nlp, issues_file: str) -> None:
    article = Article.build("Officials rejected the tariffs.")
    assert find_stances(ParsedArticle(article, nlp(article.text)), (), (), (), issues_file) == ()


# ---------------------------------------------------------------- data files


def test_the_shipped_example_issues_file_loads() -> None:
    path = Path(__file__).resolve().parents[2] / "src" / "dossier" / "stance" / "issues" / "korea_2017.yaml"
    assert [issue.id for issue in load_issues(path)] == [
        "sanctions_on_north_korea",
        "oil_embargo_on_north_korea",
        "thaad_deployment",
        "dialogue_with_north_korea",
    ]


def test_a_bad_issue_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("issues:\n  - id: tariffs\n    terms: [tariffs]\n  - id: deal\n    terms: []\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad\.yaml:4: issue deal: terms must be a non-empty list"):
        load_issues(path)


def test_issues_can_be_written_in_toml(tmp_path: Path) -> None:
    path = tmp_path / "trade.toml"
    path.write_text('[[issues]]\nid = "tariffs"\nterms = ["tariffs", "import duties"]\n', encoding="utf-8")
    assert load_issues(path)[0].terms[1].segments == (("import", "duties"),)


def test_a_bad_lexicon_row_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "extra.tsv"
    path.write_text("# mine\nphrase\tkind\tpolarity\tstrength\nfrown on\tcue\tagainst\t0.5\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"extra\.tsv:3: unknown polarity 'against'"):
        read_lexicon_file(path)


def test_a_lexicon_row_longer_than_its_header_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "extra.tsv"
    path.write_text("phrase\tkind\tpolarity\tstrength\nfrown on\tcue\toppose\t0.5\tstray note\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"extra\.tsv:2: 5 fields but the header has 4"):
        read_lexicon_file(path)


def test_users_extend_the_lexicon_through_an_environment_variable(
    nlp, issues_file: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Brazil frowned on the tariffs."
    assert analyse(nlp, text, issues_file) == []
    (tmp_path / "mine.tsv").write_text(
        "phrase\tkind\tpolarity\tstrength\tnote\nfrown on\tcue\toppose\t0.5\tadded by a user\n", encoding="utf-8"
    )
    monkeypatch.setenv("DOSSIER_STANCE_PATH", str(tmp_path))
    assert any(entry.phrase.text == "frown on" for entry in stance_lexicon().entries)
    assert positions(analyse(nlp, text, issues_file)) == {("BRA", "tariffs", "oppose")}


def test_issues_and_lexicon_passed_in_are_used_and_no_file_is_read(nlp, tmp_path: Path, monkeypatch) -> None:
    from dossier.stance.lexicon import StanceLexicon

    issues_path = tmp_path / "trade.yaml"
    issues_path.write_text(ISSUES_YAML, encoding="utf-8")
    issues = load_issues(issues_path)
    mine = tmp_path / "mine.tsv"
    mine.write_text("phrase\tkind\tpolarity\tstrength\nfrown on\tcue\toppose\t0.5\n", encoding="utf-8")
    lexicon = StanceLexicon(stance_lexicon().entries + tuple(read_lexicon_file(mine)))
    issues_path.unlink()
    # Were the environment consulted, this missing folder would fail the call.
    monkeypatch.setenv("DOSSIER_STANCE_PATH", str(tmp_path / "missing"))
    text = "Brazil frowned on the tariffs."
    article = Article.build(text)
    parsed = ParsedArticle(article, nlp(text))
    brazil = (Mention(article.id, 0, 6, "Brazil", ACTORS["Brazil"]),)
    stances = find_stances(parsed, brazil, (), (), issues, lexicon)
    assert positions(list(stances)) == {("BRA", "tariffs", "oppose")}
    with pytest.raises(DataFileError, match="DOSSIER_STANCE_PATH"):
        find_stances(parsed, brazil, (), (), issues)
