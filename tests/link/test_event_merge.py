"""The event_merge stage: reports of one real event merged with their counts, other events left apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.link.event_merge import (
    EventMergeOptions,
    date_range,
    event_key,
    events_with_merges,
    outlet_of,
    places_conflict,
    same_event_links,
    update_event_merges,
)
from dossier.link.merging import Report, merge_events
from dossier.records import ActorRef, Article, ArticleAnalysis, Event, Place
from dossier.store.database import Store

RUSMIL = ActorRef("RUSMIL", "Russian forces", "RUS", "MIL")
UKR = ActorRef("UKR", "Ukraine", "UKR", None)
UKRGOV = ActorRef("UKRGOV", "Ukrainian government", "UKR", "GOV")
ODESA = Place("Odesa", "UKR", 46.47747, 30.73262)
KHARKIV = Place("Kharkiv", "UKR", 49.98081, 36.25272)


def report(text: str, outlet: str, published: str | None) -> Article:
    return Article.build(text, outlet=outlet, published=published, name=outlet)


def event_in(
    article: Article,
    phrase: str,
    code: str,
    target: ActorRef | None = UKR,
    date: str | None = "2023-05-07",
    precision: str | None = "day",
    place: Place | None = ODESA,
    source: ActorRef = RUSMIL,
) -> Event:
    """An event resting on the sentence of `article` that holds `phrase`."""
    start = article.text.index(phrase)
    sentence_start = article.text.rfind(". ", 0, start) + 2 if ". " in article.text[:start] else 0
    sentence_end = article.text.index(".", start) + 1
    return Event(
        article_id=article.id,
        source=source,
        target=target,
        code=code,
        root_code=code[:2],
        goldstein=-10.0,
        quad_class=4,
        date=date,
        date_precision=precision if date else None,
        place=place,
        sentence=article.text[sentence_start:sentence_end],
        start=sentence_start,
        end=sentence_end,
    )


def store_reports(store: Store, *analyses: tuple[Article, list[Event]]) -> None:
    for article, events in analyses:
        store.save_analysis(ArticleAnalysis(article, events=tuple(events)))


def merged(store: Store) -> dict[tuple[str, int], dict]:
    """(outlet, event index within its article) -> merged_event, over every stored event."""
    names = {a.id: a.name for a in store.articles()}
    found: dict[tuple[str, int], dict] = {}
    for record in events_with_merges(store):
        if record["merged_event"]["id"] is None:
            continue
        index = sum(1 for key in found if key[0] == names[record["article_id"]])
        found[(names[record["article_id"]], index)] = record["merged_event"]
    return found


# Three outlets report one strike on the port of Odesa, in their own words.
REUTERS = report(
    "Russian forces struck the Ukrainian port of Odesa with missiles early on Sunday, damaging grain silos, "
    "regional governor Oleh Kiper said. Two dock workers were injured.",
    "Reuters",
    "2023-05-08",
)
AP = report(
    "ODESA, Ukraine (AP) - Russian missiles hit grain terminals in Odesa, Ukraine's air force said. It "
    "shot down three of the eight missiles fired at the city.",
    "AP",
    "2023-05-08",
)
KYIV_POST = report(
    "A Russian missile attack on Odesa damaged port infrastructure overnight, the southern military command said.",
    "Kyiv Post",
    "2023-05-07",
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "merge.db") as opened:
        yield opened


def three_reports_of_one_strike(store: Store) -> None:
    store_reports(
        store,
        (REUTERS, [event_in(REUTERS, "struck the Ukrainian port", "195")]),
        # AP names no day: the events stage dates it by its publication, a day after the strike.
        (AP, [event_in(AP, "missiles hit grain", "195", date="2023-05-08")]),
        (KYIV_POST, [event_in(KYIV_POST, "missile attack on Odesa", "190")]),
    )


# ------------------------------------------------------------------ merging


def test_one_strike_reported_by_three_outlets_is_one_event_with_three_reports(store: Store) -> None:
    three_reports_of_one_strike(store)
    assert update_event_merges(store) == 3
    found = merged(store)
    ids = {m["id"] for m in found.values()}
    assert len(ids) == 1
    only = found[("Reuters", 0)]
    assert (only["reports"], only["mentions"], only["sources"]) == (3, 3, 3)
    # The first report is the earliest published, not the first stored.
    assert only["first_article"] == KYIV_POST.id


def test_a_new_report_joins_the_stored_event_and_a_rerun_adds_nothing(store: Store) -> None:
    three_reports_of_one_strike(store)
    update_event_merges(store)
    before = merged(store)
    assert update_event_merges(store) == 0
    assert merged(store) == before
    late = report(
        "Grain exports from Odesa were halted on Monday after Sunday's Russian strike on the port.",
        "Bloomberg",
        "2023-05-08",
    )
    store_reports(store, (late, [event_in(late, "Russian strike on the port", "195")]))
    assert update_event_merges(store) == 1
    after = merged(store)
    assert after[("Bloomberg", 0)]["id"] == before[("Reuters", 0)]["id"]
    assert after[("Reuters", 0)]["reports"] == 4
    assert update_event_merges(store) == 0
    assert merged(store) == after


def test_an_article_reanalysed_leaves_its_event_before_merging_again(store: Store) -> None:
    three_reports_of_one_strike(store)
    update_event_merges(store)
    # Analysed again, the AP report no longer yields the strike: the event counts two reports.
    store_reports(store, (AP, []))
    update_event_merges(store)
    found = merged(store)
    assert found[("Reuters", 0)]["reports"] == 2 and ("AP", 0) not in found
    store_reports(store, (AP, [event_in(AP, "missiles hit grain", "195", date="2023-05-08")]))
    update_event_merges(store)
    assert merged(store)[("AP", 0)]["reports"] == 3


def test_losing_the_founding_report_keeps_the_event_on_the_remaining_ones(store: Store) -> None:
    three_reports_of_one_strike(store)
    update_event_merges(store)
    store_reports(store, (REUTERS, []))  # the founder
    update_event_merges(store)
    found = merged(store)
    assert found[("AP", 0)]["id"] == found[("Kyiv Post", 0)]["id"] and found[("AP", 0)]["reports"] == 2


def test_one_article_reporting_the_strike_twice_is_one_report_and_two_mentions(store: Store) -> None:
    twice = report(
        "Russian forces struck Odesa on Sunday. Officials said the strike on Odesa hit grain silos.",
        "Reuters",
        "2023-05-08",
    )
    store_reports(
        store,
        (twice, [event_in(twice, "struck Odesa", "195"), event_in(twice, "the strike on Odesa", "195")]),
        (AP, [event_in(AP, "missiles hit grain", "195")]),
    )
    update_event_merges(store)
    only = merged(store)[("AP", 0)]
    assert (only["mentions"], only["reports"], only["sources"]) == (3, 2, 2)


def test_one_sentence_with_two_strikes_in_two_cities_gives_two_events(store: Store) -> None:
    both = report("Russian forces struck Odesa and Kharkiv on Sunday.", "Reuters", "2023-05-08")
    store_reports(
        store,
        (both, [event_in(both, "struck", "195"), event_in(both, "struck", "195", place=KHARKIV)]),
        (AP, [event_in(AP, "missiles hit grain", "195")]),
    )
    update_event_merges(store)
    found = merged(store)
    # Same sentence, actors and code: only the place tells them apart, and the ids still differ.
    assert found[("Reuters", 0)]["id"] != found[("Reuters", 1)]["id"]
    assert found[("Reuters", 0)]["id"] == found[("AP", 0)]["id"] and found[("AP", 0)]["reports"] == 2


def test_two_articles_of_one_outlet_are_one_source(store: Store) -> None:
    update = report("Russian missiles hit Odesa's port on Sunday, the city council said.", "Reuters", "2023-05-08")
    store_reports(
        store,
        (REUTERS, [event_in(REUTERS, "struck the Ukrainian port", "195")]),
        (update, [event_in(update, "missiles hit Odesa", "195")]),
    )
    update_event_merges(store)
    only = merged(store)[("Reuters", 0)]
    assert (only["reports"], only["sources"]) == (2, 1)


# ------------------------------------------------------------------ not merging


def other_report(text: str, phrase: str, changes: dict[str, object]) -> tuple[Article, list[Event]]:
    article = report(text, "BBC", "2023-05-08")
    rest = {k: v for k, v in changes.items() if k != "code"}
    return article, [event_in(article, phrase, str(changes.get("code", "195")), **rest)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "phrase", "changes"),
    [
        # another target: the same forces, the same day, another victim
        ("Russian forces shelled Ukrainian army positions near Odesa on Sunday.", "shelled", {"target": UKRGOV}),
        # another code family: a threat is not a strike
        ("Russian forces threatened to strike Odesa again on Sunday.", "threatened", {"code": "138"}),
        # a month apart: another strike on the same port
        ("Russian forces struck Odesa's port on June 7.", "struck", {"date": "2023-06-07"}),
        # the same day, another city
        ("Russian forces struck Kharkiv on Sunday.", "struck", {"place": KHARKIV}),
        # an unknown source is no identity
        ("Unidentified forces struck Odesa on Sunday.", "struck", {"source": ActorRef(None, "Unidentified forces")}),
    ],
    ids=["other target", "other root", "a month apart", "other place", "uncoded source"],
)
def test_reports_that_differ_in_one_respect_are_not_merged(
    store: Store, text: str, phrase: str, changes: dict[str, object]
) -> None:
    source = changes.get("source", RUSMIL)
    assert isinstance(source, ActorRef)
    store_reports(
        store,
        (REUTERS, [event_in(REUTERS, "struck the Ukrainian port", "195", source=source)]),
        other_report(text, phrase, changes),
    )
    update_event_merges(store)
    found = merged(store)
    assert found[("Reuters", 0)]["id"] != found[("BBC", 0)]["id"]
    assert found[("Reuters", 0)]["reports"] == found[("BBC", 0)]["reports"] == 1


def test_a_chain_of_reports_a_day_apart_does_not_drift_across_days(store: Store) -> None:
    articles = []
    for day in (7, 8, 9):
        article = report(f"Russian forces struck Odesa on May {day}.", f"Outlet {day}", f"2023-05-{day:02d}")
        articles.append((article, [event_in(article, "struck", "195", date=f"2023-05-{day:02d}")]))
    store_reports(store, *articles)
    update_event_merges(store)
    found = merged(store)
    # May 8 is within a day of May 7; May 9 is not, though it is within a day of May 8.
    assert found[("Outlet 7", 0)]["id"] == found[("Outlet 8", 0)]["id"] != found[("Outlet 9", 0)]["id"]


def test_a_report_without_a_place_joins_one_with_a_place_and_the_event_keeps_the_place(store: Store) -> None:
    vague = report("Russian forces struck a Ukrainian port on Sunday.", "BBC", "2023-05-08")
    store_reports(
        store,
        (vague, [event_in(vague, "struck", "195", place=None)]),
        (REUTERS, [event_in(REUTERS, "struck the Ukrainian port", "195")]),
    )
    update_event_merges(store)
    row = store.connection.execute("SELECT place FROM event_merges").fetchall()
    assert len(row) == 1 and "Odesa" in row[0][0]


# ------------------------------------------------------------------ undated events and story clusters


def link_stories(store: Store) -> None:
    from dossier.link.linker import update_links

    update_links(store)


def test_an_undated_report_joins_only_through_its_story(store: Store) -> None:
    # An undated copy of the Reuters report (a content farm, no date on the page) shares its sentences:
    # the link stage puts both in one story, so the undated event joins.
    farm = report(
        "Russian forces struck the Ukrainian port of Odesa with missiles early on Sunday, damaging grain silos, "
        "regional governor Oleh Kiper stated. Two dock employees were injured.",
        "content farm",
        None,
    )
    unrelated = report(
        "Russian forces struck Odesa, a spokesman for the Ukrainian navy told a briefing in Kyiv on energy supplies.",
        "navy digest",
        None,
    )
    store_reports(
        store,
        (REUTERS, [event_in(REUTERS, "struck the Ukrainian port", "195")]),
        (farm, [event_in(farm, "struck the Ukrainian port", "195", date=None)]),
        (unrelated, [event_in(unrelated, "struck Odesa", "195", date=None)]),
    )
    link_stories(store)
    update_event_merges(store)
    found = merged(store)
    assert found[("content farm", 0)]["id"] == found[("Reuters", 0)]["id"]
    assert found[("content farm", 0)]["reports"] == 2
    assert found[("navy digest", 0)]["reports"] == 1


def test_without_story_clusters_undated_events_stay_apart(store: Store) -> None:
    farm = report("Russian forces struck the Ukrainian port of Odesa on Sunday.", "content farm", None)
    store_reports(
        store,
        (REUTERS, [event_in(REUTERS, "struck the Ukrainian port", "195")]),
        (farm, [event_in(farm, "struck the Ukrainian port", "195", date=None)]),
    )
    update_event_merges(store)
    found = merged(store)
    assert found[("content farm", 0)]["id"] != found[("Reuters", 0)]["id"]


# ------------------------------------------------------------------ rules


def test_date_ranges_follow_precision() -> None:
    assert date_range("2023-05-07", "day") == (738647, 738647)
    assert date_range("2023-05-01", "week") == (738641, 738647)
    assert date_range("2024-02", "month")[1] - date_range("2024-02", "month")[0] == 28  # a leap year
    assert date_range("2023", "year")[1] - date_range("2023", "year")[0] == 364
    assert date_range(None, None) is None and date_range("sometime", "day") is None


def test_event_keys_match_uncoded_targets_by_name() -> None:
    first = {"source": {"code": "RUSMIL"}, "target": {"code": None, "name": "the Azov  battalion"}, "code": "190"}
    second = {"source": {"code": "RUSMIL"}, "target": {"code": None, "name": "The Azov battalion"}, "code": "195"}
    third = {"source": {"code": "RUSMIL"}, "target": {"code": None, "name": "Wagner"}, "code": "190"}
    assert event_key(first) == event_key(second) != event_key(third)


def test_places_conflict_by_country_distance_and_name() -> None:
    ukraine = {"name": "Ukraine", "country": "UKR", "lat": None, "lon": None}
    seongju = {"name": "Seongju", "country": "KOR", "lat": None, "lon": None}
    odesa = ODESA.to_dict()
    assert not places_conflict(odesa, ukraine, 50)  # a country holds its cities
    assert not places_conflict(odesa, None, 50)
    assert places_conflict(odesa, KHARKIV.to_dict(), 50)  # about 550 km apart
    assert places_conflict(odesa, seongju, 50)  # another country
    assert places_conflict(odesa, {"name": "Chornomorsk", "country": "UKR", "lat": None, "lon": None}, 50)
    assert not places_conflict(odesa, {"name": "odesa", "country": "UKR", "lat": None, "lon": None}, 50)


def test_changed_options_rebuild_the_state(store: Store) -> None:
    three_reports_of_one_strike(store)
    update_event_merges(store)
    # With no day of slack, AP's report dated by its publication day is another event.
    assert update_event_merges(store, EventMergeOptions(date_window_days=0)) == 3
    found = merged(store)
    assert found[("Reuters", 0)]["reports"] == 2 and found[("AP", 0)]["reports"] == 1


# ------------------------------------------------------------------ outputs


def test_same_event_links_form_a_star_from_the_first_report(store: Store) -> None:
    three_reports_of_one_strike(store)
    update_event_merges(store)
    links = list(same_event_links(store))
    assert len(links) == 2
    assert {link.kind for link in links} == {"same_event"}
    assert {link.a.split(":")[0] for link in links} == {KYIV_POST.id}
    assert {link.b.split(":")[0] for link in links} == {REUTERS.id, AP.id}
    assert all(link.detail["reports"] == 3 and link.first_seen == KYIV_POST.id for link in links)


def test_events_before_any_merge_carry_no_merged_event(store: Store) -> None:
    three_reports_of_one_strike(store)
    assert [r["merged_event"]["id"] for r in events_with_merges(store)] == [None, None, None]
    assert list(same_event_links(store)) == []


def test_exports_carry_the_merged_event_and_gdelt_counts_each_real_event_once(store: Store, tmp_path: Path) -> None:
    from dossier.export.event_formats import GDELT_COLUMNS
    from dossier.export.writers import export

    three_reports_of_one_strike(store)
    threat = report("Russian forces threatened to strike Odesa again on Sunday.", "BBC", "2023-05-08")
    store_reports(store, (threat, [event_in(threat, "threatened", "138")]))
    update_event_merges(store)
    assert export(store, "events", "jsonl", tmp_path / "events.jsonl") == 4
    records = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["merged_event"]["reports"] for r in records] == [3, 3, 3, 1]
    assert len({r["merged_event"]["id"] for r in records}) == 2
    assert export(store, "events", "csv", tmp_path / "events.csv") == 4
    header = (tmp_path / "events.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"merged_event.id", "merged_event.reports"} <= set(header)

    assert export(store, "events", "gdelt", tmp_path / "events.tsv") == 2
    rows = [
        dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))
        for line in (tmp_path / "events.tsv").read_text(encoding="utf-8").splitlines()
    ]
    counts = {row["EventRootCode"]: (row["NumMentions"], row["NumSources"], row["NumArticles"]) for row in rows}
    assert counts == {"19": ("3", "3", "3"), "13": ("1", "1", "1")}
    assert {row["GLOBALEVENTID"] for row in rows} == {r["merged_event"]["id"] for r in records}


# ------------------------------------------------------------------ the whole pipeline

# Hand-written reports as they come in: three outlets on one bombing, a later bombing of the same port,
# and a threat on the same day.
STRIKE_REPORTS = [
    ("Reuters", "2023-05-08", "Russia bombed the Ukrainian port of Odesa on Sunday, regional officials said.\n\n"
     "Two dock workers were injured and grain silos were damaged."),
    ("AP", "2023-05-08", "ODESA, Ukraine (AP) - Russia bombed Odesa on Sunday, destroying a grain terminal.\n\n"
     "Ukraine's air force said it shot down three missiles."),
    ("Kyiv Post", "2023-05-07", "Russia bombed Odesa overnight, the southern military command said.\n\n"
     "Port infrastructure was damaged."),
    ("BBC", "2023-06-12", "Russia bombed Odesa again on Sunday, a month after the last attack on the port."),
    ("DW", "2023-05-08", "Russia threatened Odesa on Sunday with more strikes."),
]  # fmt: skip


def test_dossier_run_merges_the_reports_and_the_cli_shows_them(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dossier.cli.commands import app
    from dossier.pipeline import ingest_articles

    articles = [Article.build(text, outlet=outlet, name=outlet, published=day) for outlet, day, text in STRIKE_REPORTS]
    db = tmp_path / "run.db"
    with Store.open(db) as store:
        ingest_articles(articles, store)
        names = {a.id: a.name for a in store.articles()}
        bombings = {
            names[r["article_id"]]: r["merged_event"]
            for r in events_with_merges(store)
            if r["source"]["code"] == "RUS" and r["root_code"] == "19"
        }
        threats = [r for r in events_with_merges(store) if r["source"]["code"] == "RUS" and r["root_code"] == "13"]
        links_before = list(store.iter_records("links"))
    assert set(bombings) == {"Reuters", "AP", "Kyiv Post", "BBC"}
    assert bombings["Reuters"]["id"] == bombings["AP"]["id"] == bombings["Kyiv Post"]["id"] != bombings["BBC"]["id"]
    assert bombings["Reuters"]["reports"] == 3 and bombings["BBC"]["reports"] == 1
    assert threats and all(t["merged_event"]["reports"] == 1 for t in threats)

    # Running the same reports again stores and merges nothing twice.
    with Store.open(db) as store:
        report = ingest_articles(articles, store)
        assert report.skipped == len(articles)
        assert list(store.iter_records("links")) == links_before
        again = {
            names[r["article_id"]]: r["merged_event"]
            for r in events_with_merges(store)
            if r["source"]["code"] == "RUS" and r["root_code"] == "19"
        }
        assert again == bombings

    runner = CliRunner()
    shown = runner.invoke(app, ["links", "--kind", "same_event", "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    # The table wraps its cells to the terminal: look for pieces.
    assert "same_" in shown.output and "Odesa" in shown.output and "Sunday" in shown.output
    exported = runner.invoke(app, ["export", "events", "--format", "gdelt", "--db", str(db)])
    assert exported.exit_code == 0
    counts = [line.split("\t")[31:34] for line in exported.output.splitlines()]
    assert ["3", "3", "3"] in counts


def test_the_api_event_export_counts_each_real_event_once_like_the_cli(store: Store) -> None:
    from fastapi.testclient import TestClient

    from dossier.export.event_formats import GDELT_COLUMNS
    from dossier.serve.app import create_app

    three_reports_of_one_strike(store)
    update_event_merges(store)
    with TestClient(create_app(store.path, read_only=True)) as client:
        response = client.get("/api/events/export", params={"format": "gdelt"})
    assert response.status_code == 200
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in response.text.splitlines()]
    assert [(row["NumMentions"], row["NumSources"], row["NumArticles"]) for row in rows] == [("3", "3", "3")]


# ------------------------------------------------------------------ merging without a store


def plain_reports(*analyses: tuple[Article, list[Event]]) -> list[tuple[Report, list[dict]]]:
    """Each article as a `Report` with its events as contract dicts: what a job without a store holds."""
    found = []
    for article, events in analyses:
        outlet = outlet_of(article.outlet, article.url, article.id)
        found.append((Report(article.id, article.published, outlet), [event.to_dict() for event in events]))
    return found


def test_merging_plain_records_gives_what_the_store_gives(store: Store) -> None:
    three_reports_of_one_strike(store)
    update_event_merges(store)
    [stored] = {m["id"]: m for m in merged(store).values()}.values()
    reports = plain_reports(
        (REUTERS, [event_in(REUTERS, "struck the Ukrainian port", "195")]),
        (AP, [event_in(AP, "missiles hit grain", "195", date="2023-05-08")]),
        (KYIV_POST, [event_in(KYIV_POST, "missile attack on Odesa", "190")]),
    )
    [only] = merge_events(reports)
    assert (only.id, only.reports, only.mentions, only.sources) == (
        stored["id"],
        stored["reports"],
        stored["mentions"],
        stored["sources"],
    )
    assert only.first_article == KYIV_POST.id
    assert [member[0] for member in only.members] == [REUTERS.id, AP.id, KYIV_POST.id]


def test_merging_plain_records_joins_an_undated_report_only_through_its_story() -> None:
    farm = report("Russian forces struck the Ukrainian port of Odesa on Sunday.", "content farm", None)
    reports = plain_reports(
        (REUTERS, [event_in(REUTERS, "struck the Ukrainian port", "195")]),
        (farm, [event_in(farm, "struck the Ukrainian port", "195", date=None)]),
    )
    assert len(merge_events(reports)) == 2
    [joined] = merge_events(reports, clusters={REUTERS.id: "story", farm.id: "story"})
    assert joined.reports == 2 and joined.days is not None


# ------------------------------------------------------------------ copies discounted


def test_rewrites_of_one_wire_story_count_as_one_source(store: Store) -> None:
    from dossier.export.event_formats import gdelt_row
    from dossier.link.linker import update_links

    farms = [
        report(
            "Russian forces struck the Ukrainian port of Odesa with missiles early on Sunday, harming grain silos, "
            f"regional governor Oleh Kiper stated. Two dock workers were hurt, site {n} reported.",
            f"farm{n}.example",
            "2023-05-08",
        )
        for n in range(5)
    ]
    store_reports(
        store,
        (REUTERS, [event_in(REUTERS, "struck the Ukrainian port", "195")]),
        *((farm, [event_in(farm, "struck the Ukrainian port", "195")]) for farm in farms),
        (KYIV_POST, [event_in(KYIV_POST, "missile attack on Odesa", "190")]),
    )
    update_links(store)
    update_event_merges(store)
    only = merged(store)[("Reuters", 0)]
    # Seven reports from seven outlets, but five copy Reuters: two independent sources.
    assert (only["reports"], only["sources"], only["independent_sources"]) == (7, 7, 2)
    record = next(r for r in events_with_merges(store) if r["article_id"] == REUTERS.id)
    row = gdelt_row(record)
    assert (row["NumSources"], row["NumArticles"]) == (2, 7)


def test_without_links_every_outlet_is_independent(store: Store) -> None:
    three_reports_of_one_strike(store)
    update_event_merges(store)
    only = merged(store)[("Reuters", 0)]
    assert (only["sources"], only["independent_sources"]) == (3, 3)


# ------------------------------------------------------------------ a target named by one report only

GEORGIA = ActorRef("GEO", "Georgia", "GEO", None)


def targets_named_by_some(*targets: ActorRef | None) -> list[tuple[Article, list[Event]]]:
    """One report per target (None: the report names no target) of a strike on one day, in this order."""
    analyses = []
    for number, target in enumerate(targets):
        article = report(f"Russian forces struck a port on Sunday, report {number} said.", f"Outlet {number}", None)
        analyses.append((article, [event_in(article, "struck a port", "195", target=target, place=None)]))
    return analyses


@pytest.mark.parametrize(
    ("targets", "same"),
    [
        ((UKR, None), [0, 0]),  # the report that leaves the target out joins the one that names it
        ((None, UKR), [0, 0]),  # and the other way round
        ((None, UKR, GEORGIA), [0, 0, 2]),  # the first named target sticks: another target stays apart
        ((UKR, GEORGIA, None), [0, 1, 2]),  # two targets named: a report naming none joins neither
    ],
    ids=["named first", "named second", "named then another", "two named then none"],
)
def test_a_report_that_names_no_target_joins_the_one_target_named_that_day(
    store: Store, targets: tuple[ActorRef | None, ...], same: list[int]
) -> None:
    analyses = targets_named_by_some(*targets)
    store_reports(store, *analyses)
    update_event_merges(store)
    found = merged(store)
    ids = [found[(f"Outlet {number}", 0)]["id"] for number in range(len(targets))]
    assert [ids.index(merged_id) for merged_id in ids] == same  # each report: the first report of its event
    # A job without a store (Spark) merges the same way.
    plain = merge_events(plain_reports(*analyses))
    plain_ids = {member[0]: event.id for event in plain for member in event.members}
    assert [plain_ids[article.id] for article, _ in analyses] == ids
