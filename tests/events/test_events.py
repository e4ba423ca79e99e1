"""The events stage on hand-written sentences: codes, actors, modality, dates, places, exports.

Mentions are built by hand over the parsed sentence, so these tests do not
depend on the actors stage: each actor is (surface text, CAMEO code, role).
"""

from __future__ import annotations

import io
import json

import pytest

from dossier.events.coder import code_events
from dossier.export.event_formats import GDELT_COLUMNS, write_gdelt, write_plover
from dossier.export.writers import KIND_WRITERS
from dossier.parse.model import ParsedArticle
from dossier.records import ActorRef, Article, Event, Mention, Place, Quote
from tests.events.event_fixtures import code_with_mentions

pytestmark = pytest.mark.model

MONDAY = "2017-09-11"


@pytest.fixture(scope="module")
def code(nlp):
    def run(text: str, *actors: tuple[str, str, str | None], published: str | None = MONDAY) -> list[Event]:
        return code_with_mentions(nlp, text, actors, published)

    return run


def only(events: list[Event]) -> Event:
    assert len(events) == 1, [(e.code, e.source.code, e.target and e.target.code) for e in events]
    return events[0]


# ------------------------------------------------------------------ one sentence per CAMEO root

ROOT_EXAMPLES = [
    ("01", "The Kenyan government declined to comment on the report.", [("Kenyan government", "KENGOV", "GOV")]),
    ("02", "Chile urged Peru to resume talks over the border.", [("Chile", "CHL", None), ("Peru", "PER", None)]),
    ("03", "Norway pledged to provide humanitarian aid to Sudan.", [("Norway", "NOR", None), ("Sudan", "SDN", None)]),
    (
        "04",
        "The French president met the Brazilian leader in Paris.",
        [("French president", "FRAGOV", "GOV"), ("Brazilian leader", "BRAGOV", "GOV")],
    ),
    ("05", "Canada praised Mexico for its handling of the crisis.", [("Canada", "CAN", None), ("Mexico", "MEX", None)]),
    ("06", "Vietnam shared intelligence with Laos.", [("Vietnam", "VNM", None), ("Laos", "LAO", None)]),
    ("07", "Sweden sent food and medicine to Yemen.", [("Sweden", "SWE", None), ("Yemen", "YEM", None)]),
    ("08", "The junta released 40 political prisoners on Friday.", [("junta", "MMRMIL", "MIL")]),
    (
        "09",
        "Prosecutors investigated the minister for corruption.",
        [("Prosecutors", "PERJUD", "JUD"), ("minister", "PERGOV", "GOV")],
    ),
    (
        "10",
        "Egypt demanded the release of its citizens held in Libya.",
        [("Egypt", "EGY", None), ("Libya", "LBY", None)],
    ),
    ("11", "The foreign ministry of Pakistan condemned the raid.", [("foreign ministry of Pakistan", "PAKGOV", "GOV")]),
    (
        "12",
        "Ukraine rejected the proposal for talks with the separatists.",
        [("Ukraine", "UKR", None), ("separatists", "UKRREB", "REB")],
    ),
    ("13", "The rebels threatened to attack the capital.", [("rebels", "SYRREB", "REB")]),
    ("14", "Thousands of farmers protested outside parliament in Delhi.", [("farmers", "INDAGR", "AGR")]),
    ("15", "Turkey deployed troops along the Syrian border.", [("Turkey", "TUR", None)]),
    (
        "16",
        "The European Union imposed sanctions on Belarus.",
        [("European Union", "IGOEU", "IGO"), ("Belarus", "BLR", None)],
    ),
    (
        "17",
        "Police arrested three opposition leaders in Minsk.",
        [("Police", "BLRCOP", "COP"), ("opposition leaders", "BLROPP", "OPP")],
    ),
    ("18", "Gunmen kidnapped two aid workers in Mali.", [("Gunmen", "MLIUAF", "UAF"), ("aid workers", "NGO", "NGO")]),
    (
        "19",
        "Israeli jets bombed positions of Hamas in Gaza.",
        [("Israeli jets", "ISRMIL", "MIL"), ("Hamas", "PSEREB", "REB")],
    ),
    (
        "20",
        "The regime used chemical weapons against civilians.",
        [("regime", "SYRGOV", "GOV"), ("civilians", "SYRCVL", "CVL")],
    ),
]


@pytest.mark.parametrize(("root", "text", "actors"), ROOT_EXAMPLES, ids=[r for r, _, _ in ROOT_EXAMPLES])
def test_every_cameo_root_has_a_coded_example(code, root, text, actors):
    event = only(code(text, *actors))
    assert event.root_code == root
    assert event.source.code == actors[0][1]
    assert event.flags == ()


def test_codes_go_to_the_specific_level_the_text_supports(code):
    assert (
        only(code("The Kenyan government declined to comment.", ("Kenyan government", "KENGOV", "GOV"))).code == "011"
    )
    urged = only(code("Chile urged Peru to resume talks.", ("Chile", "CHL", None), ("Peru", "PER", None)))
    assert (urged.code, urged.target.code) == ("026", "PER")
    demanded = only(code("Egypt demanded the release of its citizens.", ("Egypt", "EGY", None)))
    assert demanded.code == "1053"
    threat = only(
        code("Washington threatened to cut ties with Caracas.", ("Washington", "USA", None), ("Caracas", "VEN", None))
    )
    assert (threat.code, threat.target.code) == ("1313", "VEN")


def test_the_codebook_fills_goldstein_quad_class_and_plover(code):
    event = only(
        code(
            "Police arrested three opposition leaders.",
            ("Police", "BLRCOP", "COP"),
            ("opposition leaders", "BLROPP", "OPP"),
        )
    )
    assert (event.code, event.goldstein, event.quad_class) == ("173", -5.0, 4)
    assert event.plover == {"event_type": "COERCE", "mode": "arrest", "context": "legal"}


# ------------------------------------------------------------------ who does what to whom


def test_a_verb_with_a_particle_and_an_event_noun(code):
    event = only(code("North Korea carried out a nuclear test.", ("North Korea", "PRK", None)))
    assert (event.code, event.target, event.predicate) == ("150", None, "carry test")


def test_subject_and_object_become_source_and_target(code):
    event = only(code("Putin rejected the American proposal.", ("Putin", "RUSGOV", "GOV"), ("American", "USA", None)))
    assert (event.root_code, event.source.code, event.target.code) == ("12", "RUSGOV", "USA")


def test_passive_voice_takes_the_agent_as_source(code):
    event = only(
        code("Protesters were injured by police.", ("Protesters", "KORCVL", "CVL"), ("police", "KORCOP", "COP"))
    )
    assert (event.root_code, event.source.code, event.target.code) == ("18", "KORCOP", "KORCVL")


def test_a_passive_without_agent_has_a_blank_source(code):
    # Issue 15 (one known side): was "no source, no event"; CAMEO and GDELT code it with Actor1 blank.
    event = only(code("Protesters were injured near the base.", ("Protesters", "KORCVL", "CVL")))
    assert (event.root_code, event.source.code, event.source.name, event.target.code) == ("18", None, "", "KORCVL")


def test_clashes_with_police_are_a_riot_between_the_crowd_and_the_police(code):
    event = only(
        code(
            "Dozens of students were hurt in clashes with police.",
            ("students", "KOREDU", "EDU"),
            ("police", "KORCOP", "COP"),
        )
    )
    assert (event.root_code, event.source.code, event.target.code) == ("14", "KOREDU", "KORCOP")


def test_several_sources_give_one_event_each(code):
    events = code(
        "The leaders of Ghana and Togo called for new elections in Mali.",
        ("Ghana", "GHA", None),
        ("Togo", "TGO", None),
        ("Mali", "MLI", None),
    )
    assert sorted(e.source.code for e in events) == ["GHA", "TGO"]
    assert {e.root_code for e in events} == {"02"}


def test_conjoined_actors_of_a_meeting_meet_each_other(code):
    event = only(code("Abe and Moon spoke at a summit.", ("Abe", "JPNGOV", "GOV"), ("Moon", "KORGOV", "GOV")))
    assert (event.code, event.source.code, event.target.code) == ("040", "JPNGOV", "KORGOV")


def test_a_nominal_event_takes_its_actors_from_the_compound(code):
    event = only(
        code("The Moon-Putin summit came amid growing concerns.", ("Moon", "KORGOV", "GOV"), ("Putin", "RUSGOV", "GOV"))
    )
    assert (event.root_code, event.source.code, event.target.code) == ("04", "KORGOV", "RUSGOV")


def test_speech_that_says_another_actor_must_act_is_a_demand(code):
    event = only(
        code(
            "Washington says the United Nations needs to tighten sanctions.",
            ("Washington", "USAGOV", "GOV"),
            ("United Nations", "IGOUNO", "IGO"),
        )
    )
    assert (event.root_code, event.target.code) == ("10", "IGOUNO")


def test_a_call_for_action_against_someone_denounces_them(code):
    event = only(code("Greece called for sanctions against Turkey.", ("Greece", "GRC", None), ("Turkey", "TUR", None)))
    assert (event.code, event.target.code) == ("111", "TUR")


def test_a_call_on_someone_to_act_is_an_appeal_to_them(code):
    event = only(
        code(
            "Seoul called on Beijing to cut off oil supplies to Pyongyang.",
            ("Seoul", "KOR", None),
            ("Beijing", "CHN", None),
            ("Pyongyang", "PRK", None),
        )
    )
    assert (event.root_code, event.target.code) == ("02", "CHN")


def test_announcing_that_one_will_not_cooperate_is_a_rejection(code):
    event = only(code("Israel will not release the prisoners.", ("Israel", "ISR", None)))
    assert (event.code, event.flags) == ("1243", ())


def test_halting_military_aid_reduces_relations(code):
    event = only(
        code("Washington suspended military aid to Cairo.", ("Washington", "USAGOV", "GOV"), ("Cairo", "EGYGOV", "GOV"))
    )
    assert (event.code, event.target.code) == ("1622", "EGYGOV")


def test_plain_speech_is_not_an_event(code):
    assert code("Lavrov said the talks were useful.", ("Lavrov", "RUSGOV", "GOV")) == []


def test_no_actor_no_event(code):
    assert code("Thousands of people protested in the capital.") == []


def _uncoded_run(nlp, text: str, uncoded: list[tuple[str, str]], coded: list[tuple[str, str]]) -> list[Event]:
    """Mentions as the actors stage gives them when its dictionaries lack an actor: (surface, kind) with no code."""
    article = Article.build(text, published=MONDAY)
    mentions = [
        Mention(article.id, text.index(s), text.index(s) + len(s), s, ActorRef(None, s), kind) for s, kind in uncoded
    ]
    for surface, actor_code in coded:
        actor = ActorRef(actor_code, surface, actor_code[:3], actor_code[3:] or None)
        mentions.append(Mention(article.id, text.index(surface), text.index(surface) + len(surface), surface, actor))
    mentions.sort(key=lambda m: m.start)
    return list(code_events(ParsedArticle(article, nlp(text)), tuple(mentions), ()))


def test_a_named_actor_without_code_acts_on_a_coded_one(nlp):
    events = _uncoded_run(
        nlp,
        "Amnesty International accused the Nigerian army of torturing detainees.",
        [("Amnesty International", "name")],
        [("Nigerian army", "NGAMIL")],
    )
    event = only(events)
    assert (event.root_code, event.source.code, event.source.name, event.target.code) == (
        "11",
        None,
        "Amnesty International",
        "NGAMIL",
    )


def test_an_event_needs_at_least_one_coded_actor(nlp):
    assert _uncoded_run(nlp, "The Zetas claimed responsibility for the bombing.", [("Zetas", "name")], []) == []
    assert (
        _uncoded_run(
            nlp, "The Zetas kidnapped the Sinaloa leader.", [("Zetas", "name"), ("Sinaloa leader", "title")], []
        )
        == []
    )


def test_an_uncoded_pronoun_is_no_participant(nlp):
    events = _uncoded_run(
        nlp, "He criticized the Kenyan government.", [("He", "pronoun")], [("Kenyan government", "KENGOV")]
    )
    assert events == []


def test_an_unresolved_pronoun_in_a_reported_clause_is_the_reporter(nlp):
    text = "The Kenyan government said it would expel the Somali ambassador."
    events = _uncoded_run(nlp, text, [], [("Kenyan government", "KENGOV"), ("Somali ambassador", "SOMGOV")])
    assert [(e.root_code, e.source.code, e.target.code) for e in events] == [("13", "KENGOV", "SOMGOV")]


def test_an_uncoded_reporter_acts_on_a_coded_target(nlp):
    text = "The Zetas said they would release the Mexican soldiers."
    events = _uncoded_run(nlp, text, [("Zetas", "name")], [("Mexican soldiers", "MEXMIL")])
    assert [(e.source.name, e.target.code) for e in events] == [("Zetas", "MEXMIL")]


def test_a_country_is_never_he_or_she(nlp):
    events = _uncoded_run(
        nlp, "Kenya said he would expel the Somali ambassador.", [], [("Kenya", "KEN"), ("Somali ambassador", "SOMGOV")]
    )
    assert events == []


def test_a_mistagged_lemma_of_a_regular_verb_is_repaired():
    from dossier.events.coder import repair_verb_lemma

    verbs = {"hope": (), "stage": (), "plan": (), "deny": (), "attack": ()}
    assert [repair_verb_lemma(f, verbs) for f in ("hoped", "staged", "planned", "denied", "attacking", "hopes")] == [
        "hope",
        "stage",
        "plan",
        "deny",
        "attack",
        "hope",
    ]
    assert repair_verb_lemma("hopped", verbs) is None and repair_verb_lemma("walked", verbs) is None


SPECIFIC_CODES = [
    ("1412", "Farmers protested against the new tax in Nairobi.", [("Farmers", "KENAGR", "AGR")]),
    ("1411", "Students demonstrated for the resignation of the president.", [("Students", "KENEDU", "EDU")]),
    ("1413", "Lawyers marched for the right to a fair trial.", [("Lawyers", "KENCVL", "CVL")]),
    ("1414", "Opposition supporters rallied against the constitutional amendment.", [("supporters", "KENOPP", "OPP")]),
    ("1422", "Teachers began a hunger strike over unpaid salaries.", [("Teachers", "KENEDU", "EDU")]),
    ("1454", "Youths rioted over the election results.", [("Youths", "KENCVL", "CVL")]),
    ("151", "Police heightened the alert across the capital.", [("Police", "KENCOP", "COP")]),
    ("038", "Sudan accepted African Union mediation.", [("Sudan", "SDN", None)]),
    ("094", "The court investigated war crimes committed in Bosnia.", [("court", "NLDJUD", "JUD")]),
    ("0812", "The junta lifted the ban on opposition parties.", [("junta", "MMRMIL", "MIL")]),
    ("0811", "The government eased press restrictions.", [("government", "EGYGOV", "GOV")]),
    ("0833", "Egypt restored the voting rights of women.", [("Egypt", "EGY", None)]),
    ("037", "Both sides sought a peaceful settlement of the border dispute.", [("Both sides", "IND", None)]),
    ("180", "Militias terrorized villagers in the north.", [("Militias", "NGAREB", "REB")]),
    ("140", "Dissidents staged acts of civil disobedience.", [("Dissidents", "CHNOPP", "OPP")]),
    (
        "017",
        "The Croatian premier attended a ceremony marking the end of the war.",
        [("Croatian premier", "HRVGOV", "GOV")],
    ),
]


@pytest.mark.parametrize(("expected", "text", "actors"), SPECIFIC_CODES, ids=[c for c, _, _ in SPECIFIC_CODES])
def test_purposes_and_rarer_codes_of_the_codebook(code, expected, text, actors):
    assert [e.code for e in code(text, *actors)] == [expected]


def test_a_protest_without_a_purpose_keeps_the_three_digit_code(code):
    assert [e.code for e in code("Farmers protested in Nairobi.", ("Farmers", "KENAGR", "AGR"))] == ["141"]


def test_a_weapon_fired_by_an_actor_makes_the_actor_the_source(code):
    text = "The missiles fired by the Israeli military struck a base of the Syrian army."
    event = only(code(text, ("Israeli military", "ISRMIL", "MIL"), ("Syrian army", "SYRMIL", "MIL")))
    assert (event.root_code, event.source.code, event.target.code) == ("19", "ISRMIL", "SYRMIL")


def test_a_frame_with_an_uncoded_complement_falls_back_to_the_plain_row(code):
    # "hope to meet" is an intention (036); "hope to resume flights" is only an optimistic comment.
    assert [
        e.code for e in code("Sweden hoped to meet Norway soon.", ("Sweden", "SWE", None), ("Norway", "NOR", None))
    ] == ["036"]
    assert [e.code for e in code("Sweden hoped to resume its flights soon.", ("Sweden", "SWE", None))] == ["013"]


def test_a_document_calls_for_whoever_issued_it(code):
    text = "The Senate committee issued a report that calls on the Pentagon to cut costs."
    event = only(code(text, ("Senate committee", "USALEG", "LEG"), ("Pentagon", "USAMIL", "MIL")))
    assert (event.root_code, event.source.code, event.target.code) == ("02", "USALEG", "USAMIL")


def test_an_adjective_that_names_the_event_codes_its_generic_head(code):
    text = "The Pakistan Army launched a strategic offensive military operation against the Taliban."
    event = only(code(text, ("Pakistan Army", "PAKMIL", "MIL"), ("Taliban", "AFGINS", "INS")))
    assert (event.root_code, event.source.code, event.target.code) == ("19", "PAKMIL", "AFGINS")


def test_meeting_a_deadline_is_not_a_meeting(code):
    assert code("Greece met the deadline set by its creditors.", ("Greece", "GRC", None)) == []


# ------------------------------------------------------------------ modality


def test_a_negated_event_keeps_its_code_and_says_so(code):
    event = only(code("Russia did not attack Georgia.", ("Russia", "RUS", None), ("Georgia", "GEO", None)))
    assert (event.root_code, event.flags) == ("19", ("negated",))


def test_a_conditional_event_is_hypothetical(code):
    events = code(
        "If Tehran enriches more uranium, Israel could strike Iran.",
        ("Tehran", "IRNGOV", "GOV"),
        ("Israel", "ISR", None),
        ("Iran", "IRN", None),
    )
    strike = only([e for e in events if e.source.code == "ISR"])
    assert strike.root_code == "19"
    assert "hypothetical" in strike.flags


def test_indirect_questions_and_reported_obligations_are_not_events(code):
    assert code("Putin gave no indication whether Moscow would back the resolution.", ("Moscow", "RUS", None)) == []
    events = code(
        "Putin agreed that the United Nations should lead sanctions.",
        ("Putin", "RUSGOV", "GOV"),
        ("United Nations", "IGOUNO", "IGO"),
    )
    assert [(e.code, e.source.code) for e in events] == [("019", "RUSGOV")]


def test_future_cooperation_is_an_intention(code):
    event = only(code("Japan will meet Iran next week.", ("Japan", "JPN", None), ("Iran", "IRN", None)))
    assert (event.code, event.flags) == ("036", ("future",))
    assert (event.date, event.date_precision) == ("2017-09-18", "week")


def test_future_force_is_a_threat(code):
    event = only(code("Israel will launch air strikes on Iran.", ("Israel", "ISR", None), ("Iran", "IRN", None)))
    assert event.root_code == "13"


def test_an_aim_or_a_purpose_is_not_stored_as_an_event(code):
    events = code(
        "Seoul asked Beijing to cut off oil to Pyongyang.",
        ("Seoul", "KOR", None),
        ("Beijing", "CHN", None),
        ("Pyongyang", "PRK", None),
    )
    assert [(e.root_code, e.source.code) for e in events] == [("02", "KOR")]


def test_past_perfect_is_reported_history(code):
    event = only(code("Moscow had condemned the idea.", ("Moscow", "RUS", None)))
    assert "reported" in event.flags


# ------------------------------------------------------------------ dates and places


def test_a_weekday_resolves_to_the_last_one_before_publication(code):
    event = only(code("North Korea carried out a nuclear test on Sunday.", ("North Korea", "PRK", None)))
    assert (event.date, event.date_precision) == ("2017-09-10", "day")


def test_an_explicit_date_takes_the_publication_year(code):
    event = only(code("North Korea carried out a nuclear test on September 3.", ("North Korea", "PRK", None)))
    assert event.date == "2017-09-03"


def test_without_publication_date_only_explicit_dates_resolve(code):
    relative = only(code("Iran arrested two sailors yesterday.", ("Iran", "IRN", None), published=None))
    assert relative.date is None and "publication date" in relative.date_reason
    explicit = only(code("Iran arrested two sailors on 4 May 2019.", ("Iran", "IRN", None), published=None))
    assert explicit.date == "2019-05-04"


def test_an_event_without_a_date_falls_back_to_the_publication_day(code):
    event = only(code("Iran arrested two sailors.", ("Iran", "IRN", None)))
    assert (event.date, event.date_reason) == (MONDAY, "no date in the sentence; the publication date")


def test_place_from_a_locative_phrase(code):
    event = only(
        code(
            "The two leaders of Japan and Korea held talks in Vladivostok.",
            ("Japan", "JPN", None),
            ("Korea", "KOR", None),
        )
    )
    assert event.place.name == "Vladivostok"
    assert event.place.country == "RUS"
    assert event.place.lat == pytest.approx(43.1, abs=0.1)


def test_place_from_the_town_of(code):
    event = only(code("Police detained ten people in the town of Kajaani.", ("Police", "FINCOP", "COP")))
    assert (event.place.name, event.place.country) == ("Kajaani", "FIN")


def test_a_town_named_later_in_the_sentence_refines_a_country(code):
    text = "In Finland, police detained ten people who had blocked a road near the site in the town of Kajaani."
    event = only(code(text, ("police", "FINCOP", "COP")))
    assert (event.place.name, event.place.country) == ("Kajaani", "FIN") and event.place.lat is not None


def test_a_town_of_another_country_does_not_refine_the_place(code):
    text = "In Finland, police detained ten people who had lived in the town of Tartu."
    event = only(code(text, ("police", "FINCOP", "COP")))
    assert (event.place.name, event.place.country) == ("Finland", "FIN")


def test_a_province_is_placed_in_its_country_without_coordinates(code):
    event = only(code("Police detained ten people in Kunar province.", ("Police", "AFGCOP", "COP")))
    assert (event.place.name, event.place.country, event.place.lat) == ("Kunar", "AFG", None)


def test_an_unknown_town_keeps_its_name_without_coordinates(code):
    event = only(
        code("In Chile, police detained ten people in the rural town of Quellonuevo.", ("police", "CHLCOP", "COP"))
    )
    assert event.place is not None


# ------------------------------------------------------------------ exports


def sample_event(**changes) -> dict:
    event = Event(
        article_id="a1",
        source=ActorRef("RUSGOV", "Vladimir Putin", "RUS", "GOV"),
        target=ActorRef("USA", "United States", "USA", None),
        code="010",
        root_code="01",
        goldstein=0.0,
        quad_class=1,
        date="2017-09-03",
        date_precision="day",
        place=Place("Vladivostok", "RUS", 43.10562, 131.87353),
        sentence="Putin said so.",
        start=0,
        end=14,
        plover=None,
    )
    return {**event.to_dict(), **changes}


def test_gdelt_rows_have_61_tab_separated_columns_with_codes_as_strings():
    stream = io.StringIO()
    assert write_gdelt([sample_event()], stream) == 1
    cells = stream.getvalue().rstrip("\n").split("\t")
    assert len(cells) == len(GDELT_COLUMNS) == 61
    row = dict(zip(GDELT_COLUMNS, cells, strict=True))
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("010", "010", "01")
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20170903", "201709", "2017")
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == ("RUSGOV", "RUS", "GOV")
    assert row["Actor2Code"] == "USA" and row["Actor2Type1Code"] == ""
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"], row["ActionGeo_FullName"]) == (
        "4",
        "RS",
        "Vladivostok",
    )
    assert row["AvgTone"] == "" and row["GoldsteinScale"] == "0.0" and row["QuadClass"] == "1"


def test_gdelt_leaves_unknown_dates_and_targets_blank():
    row = dict(zip(GDELT_COLUMNS, _gdelt_cells(sample_event(date=None, date_precision=None, target=None)), strict=True))
    assert row["SQLDATE"] == row["Actor2Code"] == row["Actor2Name"] == ""


def _gdelt_cells(record: dict) -> list[str]:
    stream = io.StringIO()
    write_gdelt([record], stream)
    return stream.getvalue().rstrip("\n").split("\t")


def test_plover_lines_carry_type_mode_and_actors():
    stream = io.StringIO()
    record = sample_event(
        code="173", root_code="17", plover={"event_type": "COERCE", "mode": "arrest", "context": "legal"}
    )
    assert write_plover([record, sample_event()], stream) == 1  # 010 has no PLOVER type
    item = json.loads(stream.getvalue())
    assert (item["event_type"], item["mode"], item["cameo"]) == ("COERCE", "arrest", "173")
    assert item["source"] == {"actor": "Vladimir Putin", "code": "RUSGOV", "country": "RUS", "agent": "GOV"}


def test_the_export_writer_table_lists_the_event_formats():
    assert KIND_WRITERS[("events", "gdelt")] is write_gdelt
    assert KIND_WRITERS[("events", "plover")] is write_plover


def test_a_headline_without_a_verb_does_not_hang(code):
    assert code("Fresh sanctions on Iran over the missile program", ("Iran", "IRN", None)) == []


def test_we_inside_a_quote_is_its_speaker(nlp):
    text = '"We have agreed to send food to Haiti," Trudeau said.'
    article = Article.build(text, published=MONDAY)
    canada = ActorRef("CANGOV", "Justin Trudeau", "CAN", "GOV")
    haiti = ActorRef("HTI", "Haiti", "HTI", None)
    mentions = (
        Mention(article.id, text.index("Haiti"), text.index("Haiti") + 5, "Haiti", haiti),
        Mention(article.id, text.index("Trudeau"), text.index("Trudeau") + 7, "Trudeau", canada),
    )
    quote = Quote(article.id, canada, None, text[1:35], "direct", "say", 1, 35, text)
    events = code_events(ParsedArticle(article, nlp(text)), mentions, (quote,))
    assert [(e.code, e.source.code, e.target.code) for e in events] == [("0333", "CANGOV", "HTI")]


def test_a_call_for_someone_to_act_is_an_appeal_to_them(code):
    event = only(
        code(
            "Washington called for Caracas to hold free elections.",
            ("Washington", "USAGOV", "GOV"),
            ("Caracas", "VENGOV", "GOV"),
        )
    )
    assert (event.root_code, event.target.code) == ("02", "VENGOV")


def test_strikers_who_will_not_end_their_strike_refuse_to_ease_dissent(code):
    event = only(code("The teachers' union will not end the strike.", ("teachers' union", "KENLAB", "LAB")))
    assert event.code == "1242"


def test_dossier_export_events_writes_gdelt_and_plover(tmp_path):
    from dossier.export.writers import export
    from dossier.records import ArticleAnalysis
    from dossier.store.database import Store

    article = Article.build("Police arrested three opposition leaders.", published=MONDAY)
    record = sample_event(
        code="173",
        root_code="17",
        article_id=article.id,
        plover={"event_type": "COERCE", "mode": "arrest", "context": "legal"},
    )
    record["source"], record["target"] = ActorRef(**record["source"]), ActorRef(**record["target"])
    record["place"] = Place(**record["place"])
    arrest = Event(**record)
    with Store.open(tmp_path / "x.db") as store:
        store.save_analysis(ArticleAnalysis(article, events=(arrest,)))
        assert export(store, "events", "gdelt", tmp_path / "events.tsv") == 1
        assert export(store, "events", "plover", tmp_path / "events.jsonl") == 1
    cells = (tmp_path / "events.tsv").read_text(encoding="utf-8").rstrip("\n").split("\t")
    assert len(cells) == 61 and cells[GDELT_COLUMNS.index("EventCode")] == "173"
    assert json.loads((tmp_path / "events.jsonl").read_text(encoding="utf-8"))["event_type"] == "COERCE"


def test_a_conjunct_attached_too_high_borrows_the_nearer_subject(code):
    event = only(
        code(
            "The move could prove costly as Trump seeks allies abroad and threatened to cut ties with Iran.",
            ("Trump", "USAGOV", "GOV"),
            ("Iran", "IRN", None),
        )
    )
    assert (event.code, event.source.code, event.target.code) == ("1313", "USAGOV", "IRN")


def test_a_direct_quote_that_obliges_its_addressee_is_a_demand(nlp):
    text = 'Moon told Putin in a call on Friday. "You must stop the tests."'
    article = Article.build(text, published=MONDAY)
    moon, putin = ActorRef("KORGOV", "Moon Jae-in", "KOR", "GOV"), ActorRef("RUSGOV", "Vladimir Putin", "RUS", "GOV")
    mentions = (Mention(article.id, 0, 4, "Moon", moon), Mention(article.id, 10, 15, "Putin", putin))
    start = text.index("You")
    quote = Quote(article.id, moon, putin, text[start:-2], "direct", "tell", start, len(text) - 2, text)
    events = code_events(ParsedArticle(article, nlp(text)), mentions, (quote,))
    assert [(e.root_code, e.source.code, e.target.code) for e in events] == [("10", "KORGOV", "RUSGOV")]


# ------------------------------------------------------------------ data loaded once


def test_event_data_loaded_once_is_passed_in_and_no_table_is_read_again(nlp, tmp_path, monkeypatch) -> None:
    from dossier.errors import DataFileError
    from dossier.events import cameo
    from dossier.events import modality as modality_module
    from dossier.events.coder import load_event_data

    cameo.clear_caches()
    modality_module.modality.cache_clear()
    data = load_event_data()
    # A user folder in which every table is broken: reading any of them again would raise.
    for name in ("cameo_codes.tsv", "plover.tsv", "verbs.tsv", "nouns.tsv", "frames.tsv", "modality.tsv"):
        (tmp_path / name).write_text("not a header\n", encoding="utf-8")
    monkeypatch.setenv(cameo.ENV_VAR, str(tmp_path))
    text = "Chile urged Peru to resume talks over the border."
    article = Article.build(text, published=MONDAY)
    chile = Mention(article.id, 0, 5, "Chile", ActorRef("CHL", "Chile", "CHL", None))
    peru = Mention(article.id, 12, 16, "Peru", ActorRef("PER", "Peru", "PER", None))
    parsed = ParsedArticle(article, nlp(text))
    try:
        event = only(list(code_events(parsed, (chile, peru), (), data)))
        assert (event.root_code, event.source.code, event.target and event.target.code) == ("02", "CHL", "PER")
        assert event.plover is not None and event.plover["event_type"] == "REQUEST"
        cameo.clear_caches()  # without loaded tables the broken folder is read, and fails
        with pytest.raises(DataFileError):
            code_events(parsed, (chile, peru), ())
    finally:
        monkeypatch.delenv(cameo.ENV_VAR)
        cameo.clear_caches()
        modality_module.modality.cache_clear()


# ------------------------------------------------------------------ generic agents, learned fallback, exports


def test_a_generic_agent_without_a_country_is_coded_by_its_role(nlp):
    text = "The rebels ambushed a convoy. Later, police arrested three students."
    article = Article.build(text, published=MONDAY)
    mentions = tuple(
        Mention(article.id, text.index(s), text.index(s) + len(s), s, ActorRef(None, s, None, role), "role")
        for s, role in (("The rebels", "REB"), ("police", "COP"), ("three students", "EDU"))
    )
    events = code_events(ParsedArticle(article, nlp(text)), mentions, ())
    coded = {(e.source.code, e.target.code if e.target else None, e.root_code) for e in events}
    assert ("COP", "EDU", "17") in coded
    assert any(source == "REB" and root in ("18", "19") for source, _, root in coded)


def test_generic_agents_take_the_country_of_a_place_in_their_phrase(nlp):
    from dossier.actors.resolve import resolve_actors

    text = "The police in Kabul arrested ten men, and Berlin police detained two protesters."
    parsed = ParsedArticle(Article.build(text), nlp(text))
    codes = {m.text: m.actor.code for m in resolve_actors(parsed)}
    assert codes["The police in Kabul"] == "AFGCOP"
    assert codes["Berlin police"] == "DEUCOP"


@pytest.fixture(scope="module")
def event_data():
    from dossier.events.coder import load_event_data

    return load_event_data(learned_fallback=True), load_event_data()


def test_the_learned_fallback_codes_a_sentence_no_pattern_fits_and_says_so(nlp, event_data):
    text = "Chilean troops entered the rebel stronghold under heavy gunfire at dawn."
    article = Article.build(text, published=MONDAY)
    actor = ActorRef("CHLMIL", "Chilean troops", "CHL", "MIL")
    mentions = (Mention(article.id, 0, len("Chilean troops"), "Chilean troops", actor),)
    parsed = ParsedArticle(article, nlp(text))
    with_fallback, patterns_only = event_data
    event = only(list(code_events(parsed, mentions, (), with_fallback)))
    assert (event.coder, event.root_code, event.source.code) == ("learned", "19", "CHLMIL")
    assert code_events(parsed, mentions, (), patterns_only) == ()


def test_a_pattern_event_is_marked_as_such_and_the_fallback_leaves_it_alone(nlp, event_data):
    text = "Norway pledged to provide humanitarian aid to Sudan."
    article = Article.build(text, published=MONDAY)
    mentions = tuple(
        Mention(article.id, text.index(s), text.index(s) + len(s), s, ActorRef(c, s, c, None))
        for s, c in (("Norway", "NOR"), ("Sudan", "SDN"))
    )
    event = only(list(code_events(ParsedArticle(article, nlp(text)), mentions, (), event_data[0])))
    assert (event.coder, event.root_code) == ("pattern", "03")


def test_the_static_embedder_splits_words_into_word_pieces_as_bert_does():
    from dossier.events.learned import basic_tokens, load_embedder

    assert basic_tokens("Café owners' protest, São Paulo!") == [
        "cafe",
        "owners",
        "'",
        "protest",
        ",",
        "sao",
        "paulo",
        "!",
    ]
    embedder = load_embedder()
    pieces = embedder.word_pieces("peacekeepers")
    assert len(pieces) >= 2 and all(isinstance(p, int) for p in pieces)
    near = embedder.embed("troops attacked the village") @ embedder.embed("soldiers assaulted the town")
    far = embedder.embed("troops attacked the village") @ embedder.embed("the ministers signed a trade agreement")
    assert near > far


def test_basic_tokens_split_on_any_space_and_drop_control_characters_inside_words():
    from dossier.events.learned import basic_tokens

    # A tab, a no-break space and an em space part words; a stray control character does not.
    assert basic_tokens("Rebels\tseized\u00a0the\u2003port\x07s \u201cat dawn\u201d") == [
        "rebels",
        "seized",
        "the",
        "ports",
        "\u201c",
        "at",
        "dawn",
        "\u201d",
    ]


def test_the_learned_coder_refuses_below_its_threshold():
    from dataclasses import replace

    from dossier.events.learned import load_learned_coder

    coder = load_learned_coder()
    guess = coder.code("Rebels shelled the town and killed dozens of civilians.", "shelled town")
    assert guess is not None and guess.code[:2] in ("18", "19", "20") and 0 < guess.confidence <= 1
    assert replace(coder, threshold=1.01).code("Rebels shelled the town.", "shelled town") is None


def test_gdelt_and_plover_leave_out_unasserted_events_unless_asked():
    negated = sample_event(code="173", root_code="17", flags=["negated"])
    negated["plover"] = {"event_type": "COERCE", "mode": "arrest", "context": "legal"}
    asserted = dict(negated, flags=["reported"])
    assert write_gdelt([negated, asserted], io.StringIO()) == 1
    assert write_gdelt([negated, asserted], io.StringIO(), include_flagged=True) == 2
    assert write_plover([dict(negated, flags=["future"])], io.StringIO()) == 0
    assert write_plover([dict(negated, flags=["future"])], io.StringIO(), include_flagged=True) == 1


def test_a_date_in_the_file_name_or_path_dates_an_undated_article():
    from dossier.read.readers import date_from_path

    assert date_from_path("polnear/text/breitbart_2015-11-11_the-ninth-circle.txt") == "2015-11-11"
    assert date_from_path("archive/2016/03/01/report.html") == "2016-03-01"
    assert date_from_path("archive/20160301-report.txt") == "2016-03-01"
    assert date_from_path("notes-2016-13-45.txt") is None
    assert date_from_path("report.txt") is None


def test_run_published_dates_articles_that_carry_no_date(tmp_path):
    from dossier.read.readers import ReadOptions, read_articles

    (tmp_path / "undated.txt").write_text("Police arrested ten protesters.\n", encoding="utf-8")
    (tmp_path / "wire_2019-02-03.txt").write_text("Police arrested ten protesters.\n", encoding="utf-8")
    found = {a.name: a.published for a in read_articles([tmp_path], ReadOptions(published="2020-05-04"))}
    assert found == {"undated": "2020-05-04", "wire_2019-02-03": "2019-02-03"}


# ---------------------------------------------------------------- issue 15: targets


def _full_run(nlp, text: str) -> list[Event]:
    """The actors stage and the events stage, as `dossier run` chains them."""
    from dossier.actors import resolve_actors

    parsed = ParsedArticle(Article.build(text, published=MONDAY), nlp(text))
    return list(code_events(parsed, resolve_actors(parsed), ()))


def test_the_subject_of_an_infinitive_after_the_verb_is_its_target(nlp):
    events = _full_run(nlp, "The court convicted Germany's largest bank to pay damages.")
    assert [(e.code, e.source.code, e.target and e.target.code) for e in events][0] == ("116", "DEUJUD", "DEUBUS")


def test_a_generic_agent_under_the_object_is_the_target(nlp):
    text = "Trump's campaign filed a lawsuit against The New York Times newspaper."
    event = _full_run(nlp, text)[0]
    # The newspaper takes the one country the sentence's actors have (Trump's): USAMED, a MED target.
    assert event.target is not None and event.target.role == "MED" and event.target.code == "USAMED"


def test_a_city_acted_on_stands_for_its_country(nlp):
    event = only(_full_run(nlp, "Turkish President Recep Tayyip Erdogan issued an ultimatum to Damascus."))
    assert (event.source.code, event.target.code) == ("TURGOV", "SYR")
    event = _full_run(nlp, "Armed men attacked an army camp in Mali, killing 19 soldiers.")[0]
    assert (event.root_code, event.target.code) == ("19", "MLI")


def test_the_venue_of_a_meeting_is_no_target(nlp):
    events = _full_run(nlp, "Japanese Prime Minister Shinzo Abe held talks in Vladivostok.")
    assert all(e.target is None for e in events)


def test_conjoined_passive_verbs_share_the_agent_given_after_the_last(code):
    # "ambushed and wounded by X": the bare participle shares the first verb's subject and the agent.
    events = code(
        "Three Kenyan aid workers were ambushed and wounded by Somali militants.",
        ("Kenyan aid workers", "KENNGO", "NGO"),
        ("Somali militants", "SOMREB", "REB"),
    )
    assert {(event.source.code, event.target.code) for event in events} == {("SOMREB", "KENNGO")}
    assert len(events) == 2
