"""The API behind the page's views (graph, timeline, map, provenance) on a generated corpus, without a browser."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dossier.records import ActorRef, Article, ArticleAnalysis, Event
from dossier.serve.app import create_app
from dossier.store import Store, queries
from tests.serve.web_fixtures import build_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("views") / "corpus.db", 120)


@pytest.fixture(scope="module")
def client(corpus: Path) -> Iterator[TestClient]:
    yield TestClient(create_app(corpus, read_only=True))


def count(corpus: Path, sql: str) -> int:
    with sqlite3.connect(corpus) as connection:
        return int(connection.execute(sql).fetchone()[0])


def test_the_graph_keeps_the_top_actors_and_their_heaviest_edges(client: TestClient) -> None:
    graph = client.get("/api/views/graph", params={"top": 5}).json()
    assert len(graph["nodes"]) == 5 and graph["actors"] > 5
    weights = [node["events"] for node in graph["nodes"]]
    assert weights == sorted(weights, reverse=True)
    shown = {node["id"] for node in graph["nodes"]}
    assert all(edge["source"] in shown and edge["target"] in shown for edge in graph["edges"])
    assert len(graph["edges"]) <= 15 <= graph["edges_total"]
    assert client.get("/api/views/graph", params={"top": 0}).status_code == 422


def test_a_focused_graph_timeline_and_map_count_only_the_actors_events(client: TestClient, corpus: Path) -> None:
    russia = count(corpus, "SELECT count(*) FROM events WHERE source_code LIKE 'RUS%' OR target_code LIKE 'RUS%'")
    timeline = client.get("/api/views/timeline", params={"actor": "RUS"}).json()
    assert timeline["total"] == russia
    assert client.get("/api/views/places", params={"actor": "RUS"}).json()["total"] == russia
    assert client.get("/api/views/events", params={"actor": "RUS", "limit": 1}).json()["total"] == russia


def test_the_timeline_counts_undated_events_apart(client: TestClient, corpus: Path) -> None:
    undated = count(
        corpus,
        "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id"
        " WHERE coalesce(e.date, a.published) IS NULL",
    )
    timeline = client.get("/api/views/timeline").json()
    assert undated > 0
    assert sum(row["count"] for row in timeline["undated"]) == undated
    assert sum(row["count"] for row in timeline["days"]) + undated == timeline["total"]
    listed = client.get("/api/views/events", params={"undated": "true", "limit": 500}).json()
    assert listed["total"] == undated and all(event["date_effective"] is None for event in listed["items"])


def test_places_add_up_to_the_placed_events(client: TestClient, corpus: Path) -> None:
    placed = count(corpus, "SELECT count(*) FROM events WHERE json_extract(data, '$.place.lat') IS NOT NULL")
    found = client.get("/api/views/places").json()
    assert sum(place["count"] for place in found["places"]) == placed == found["total"] - found["unplaced"]
    biggest = found["places"][0]
    events = client.get("/api/views/events", params={"place": biggest["name"], "limit": 1}).json()
    assert events["total"] >= biggest["count"]


def test_a_story_lists_its_reports_in_order_with_the_words_a_rewording_changed(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    story_id = stories["items"][0]["id"]
    story = client.get(f"/api/stories/{story_id}").json()
    assert story["story"] == story_id and story["articles"][0]["id"] == story_id
    assert len(story["articles"]) == stories["items"][0]["size"]
    dates = [article["published"] or "~" for article in story["articles"]]
    assert dates == sorted(dates)
    rewordings = [copy for copy in story["copies"] if copy["kind"] == "rewording"]
    for copy in rewordings:
        (before, after), *_ = copy["changes"]
        assert before in copy["a_text"] and after in copy["b_text"]
    # Any member opens the same story.
    member = story["articles"][-1]["id"]
    assert client.get(f"/api/stories/{member}").json()["story"] == story_id
    assert client.get("/api/stories/nosuch").status_code == 404


def test_where_else_a_sentence_appears_follows_copies_of_copies(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    story = client.get(f"/api/stories/{stories['items'][0]['id']}").json()
    last = story["copies"][-1]
    found = client.get(
        "/api/sentences/copies", params={"article": last["b_article"], "start": last["b_start"], "end": last["b_end"]}
    ).json()
    places = [(item["article_id"], item["start"]) for item in found["appearances"]]
    assert (last["b_article"], last["b_start"]) in places
    assert (last["a_article"], last["a_start"]) in places
    assert found["appearances"][0]["article_id"] == last["first_seen"]
    nothing = client.get("/api/sentences/copies", params={"article": last["b_article"], "start": 0, "end": 1}).json()
    assert nothing == {"appearances": [], "copies": []}


def test_reports_of_an_actor_are_those_that_mention_it(client: TestClient, corpus: Path) -> None:
    mentioning = count(corpus, "SELECT count(DISTINCT article_id) FROM mentions WHERE code LIKE 'CHN%'")
    assert client.get("/api/views/reports", params={"actor": "CHN"}).json()["total"] == mentioning


def test_two_actors_with_one_name_get_their_role_in_the_label() -> None:
    text = "Russia and the Kremlin both warned Norway."
    article = Article.build(text)
    events = tuple(
        Event(article.id, actor, ActorRef("NOR", "Norway", "NOR"), "138", "13", None, 3, None, None, None, text, 0, 10)
        for actor in (ActorRef("RUS", "Russia", "RUS"), ActorRef("RUSGOV", "Russia", "RUS", "GOV"))
    )
    with Store.open(":memory:") as store:
        store.save_analysis(ArticleAnalysis(article, events=events))
        labels = {node["id"]: node["label"] for node in queries.actor_graph(store)["nodes"]}
    assert labels == {"RUS": "Russia", "RUSGOV": "Russia (government)", "NOR": "Norway"}


def test_an_actor_filter_matches_a_code_prefix_or_a_word_start_never_the_inside_of_a_word() -> None:
    text = "Susan Collins criticised the United States. Barack Obama met Bill Clinton."
    article = Article.build(text)
    collins, usa = ActorRef("USALEG", "Susan Collins", "USA", "LEG"), ActorRef("USA", "United States", "USA")
    obama, clinton = ActorRef("USAGOV", "Barack Obama", "USA", "GOV"), ActorRef("USAELI", "Bill Clinton", "USA", "ELI")
    events = (
        Event(article.id, collins, usa, "111", "11", -2.0, 3, None, None, None, text[:44], 0, 43),
        Event(article.id, obama, clinton, "040", "04", 1.0, 1, None, None, None, text[45:], 45, 74),
    )
    with Store.open(":memory:") as store:
        store.save_analysis(ArticleAnalysis(article, events=events))

        def sources(actor: str) -> list[str]:
            page = queries.list_events(store, queries.EventFilter(source=actor))
            return sorted(event["source"]["name"] for event in page.items)

        assert sources("USA") == ["Barack Obama", "Susan Collins"]  # by code prefix
        assert sources("usag") == ["Barack Obama"]
        assert sources("Collins") == ["Susan Collins"]
        assert sources("Col") == ["Susan Collins"]
        assert sources("san") == []  # inside "Susan": no match
        assert sources("Obama") == ["Barack Obama"]
