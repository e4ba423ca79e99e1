"""The HTTP API: every endpoint on a small hand-made corpus, its bounds and refusals, and a real uvicorn."""

from __future__ import annotations

import http.client
import json
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from dossier.cli.commands import app as cli_app
from dossier.export import writers as export
from dossier.records import LINK_KINDS, Link
from dossier.serve.app import MAX_BATCH_ARTICLES, create_app
from dossier.store.database import Store
from tests.conftest import SEEDS
from tests.serve.serve_fixtures import (
    LAVROV_FIRST_QUOTE,
    QUOTAS,
    SOREIDE_QUOTE,
    TALKS,
    build_database,
    build_leaning_database,
    running_server,
)

with warnings.catch_warnings():
    # Newer Starlette suggests another HTTP client for its TestClient; httpx still works.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_database(tmp_path_factory.mktemp("serve") / "corpus.db")
    with Store.open(path) as store:
        store.replace_links([Link("rewording", QUOTAS.id, TALKS.id, 0.42, QUOTAS.published)])
    return path


@pytest.fixture(scope="module")
def client(database: Path) -> Iterator[TestClient]:
    with TestClient(create_app(database, read_only=True)) as test_client:
        yield test_client


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


# ------------------------------------------------------------------ reading


def test_stats_count_every_kind_and_say_read_only(client: TestClient) -> None:
    stats = get(client, "/api/stats")
    assert stats["counts"]["articles"] == 2 and stats["counts"]["events"] == 8
    assert stats["read_only"] is True


def test_articles_are_found_by_full_text_search_with_a_marked_snippet(client: TestClient) -> None:
    page = get(client, "/api/articles", q="trawler")
    assert page["total"] == 1
    assert page["items"][0]["id"] == QUOTAS.id
    assert "«trawler»" in page["items"][0]["snippet"]
    assert get(client, "/api/articles", q="cod AND survey")["items"][0]["id"] == TALKS.id


def test_articles_page_newest_first(client: TestClient) -> None:
    first = get(client, "/api/articles", limit=1)
    second = get(client, "/api/articles", limit=1, offset=1)
    assert first["total"] == 2
    assert [first["items"][0]["id"], second["items"][0]["id"]] == [TALKS.id, QUOTAS.id]


def test_an_article_comes_with_the_text_its_offsets_point_into(client: TestClient) -> None:
    article = get(client, f"/api/articles/{QUOTAS.id}")
    records = get(client, f"/api/articles/{QUOTAS.id}/records")
    quote = next(q for q in records["quotes"] if q["speaker"]["name"] == "Ine Eriksen Soreide")
    assert article["text"][quote["start"] : quote["end"]] == SOREIDE_QUOTE
    assert len(records["events"]) == 4


def test_an_unknown_article_is_404_and_a_malformed_id_is_422(client: TestClient) -> None:
    missing = client.get("/api/articles/0000000000000000")
    assert missing.status_code == 404 and "0000000000000000" in missing.json()["detail"]
    assert client.get("/api/articles/.hidden").status_code == 422
    assert client.get("/api/articles/..%2F..%2Fetc%2Fpasswd").status_code in (404, 422)


def test_actors_come_with_mention_and_article_counts(client: TestClient) -> None:
    actors = {a["name"]: a for a in get(client, "/api/actors")["items"]}
    assert actors["Sergei Lavrov"]["mention_count"] == 4
    assert actors["Sergei Lavrov"]["article_count"] == 2
    assert actors["Sergei Lavrov"]["code"] == "RUSGOV"
    assert [a["name"] for a in get(client, "/api/actors", name="RUS")["items"]] == [
        "Sergei Lavrov",
        "Russia",
        "Russian coast guard",
    ]


def test_an_actors_evidence_lists_quotes_events_and_stances(client: TestClient) -> None:
    found = get(client, "/api/actors/evidence", code="RUSGOV", name="Sergei Lavrov")
    assert [q["text"] for q in found["quotes"]] == [LAVROV_FIRST_QUOTE, "A fair deal is still possible"]
    assert {e["code"] for e in found["events"]} == {"043", "030"}  # as target of a visit, as source of a promise
    assert {s["polarity"] for s in found["stances"]} == {"support", "oppose"}
    assert client.get("/api/actors/evidence").status_code == 400


def test_quotes_filter_by_speaker_code_or_name(client: TestClient) -> None:
    by_code = get(client, "/api/quotes", speaker="RUSGOV")
    by_name = get(client, "/api/quotes", speaker="lavrov")
    assert by_code["total"] == by_name["total"] == 2
    assert {q["speaker"]["name"] for q in by_code["items"]} == {"Sergei Lavrov"}


def test_quotes_filter_by_issue_date_range_and_words(client: TestClient) -> None:
    on_limits = get(client, "/api/quotes", issue="strict_catch_limits")
    assert {q["text"] for q in on_limits["items"]} == {SOREIDE_QUOTE, LAVROV_FIRST_QUOTE}
    later = get(client, "/api/quotes", since="2021-03-05")
    assert [q["text"] for q in later["items"]] == ["A fair deal is still possible"]
    assert get(client, "/api/quotes", until="2021-03")["total"] == 3
    assert get(client, "/api/quotes", until="2021-02")["total"] == 0
    assert [q["text"] for q in get(client, "/api/quotes", text="catches")["items"]] == [SOREIDE_QUOTE]


def test_events_filter_by_source_target_code_and_date(client: TestClient) -> None:
    assert get(client, "/api/events", source="ISL")["total"] == 2
    assert get(client, "/api/events", source="ISL", target="RUS")["total"] == 1
    assert [e["code"] for e in get(client, "/api/events", code="17")["items"]] == ["173"]
    dated = get(client, "/api/events", since="2021-03-09", until="2021-03-09")
    assert dated["total"] == 4 and all(e["date_effective"] == "2021-03-09" for e in dated["items"])
    assert get(client, "/api/events", quad_class=4)["items"][0]["source"]["name"] == "Russian coast guard"


def test_the_network_colours_edges_by_quad_class(client: TestClient) -> None:
    network = get(client, "/api/events/network")
    relations = {(e["source"], e["target"]): e["relation"] for e in network["edges"]}
    assert relations[("RUSCOP|Russian coast guard", "NOR|Norway")] == "conflict"
    assert relations[("IGOEUREEC|European Union", "NOR|Norway")] == "cooperation"
    assert {n["name"] for n in network["nodes"]} >= {"Norway", "Russia", "Iceland"}


def test_the_stance_matrix_marks_actors_who_disagree(client: TestClient) -> None:
    matrix = get(client, "/api/stances/matrix")
    assert matrix["issues"] == ["quota_talks", "strict_catch_limits"]
    assert matrix["disputed_issues"] == ["strict_catch_limits"]
    cells = {(c["actor"], c["issue"]): c for c in matrix["cells"]}
    assert cells[("RUSGOV|Sergei Lavrov", "strict_catch_limits")]["polarity"] == "oppose"
    assert cells[("RUSGOV|Sergei Lavrov", "strict_catch_limits")]["disagreement"] is True
    assert cells[("RUSGOV|Sergei Lavrov", "quota_talks")]["disagreement"] is False


def test_stances_and_links_list_with_filters(client: TestClient) -> None:
    assert get(client, "/api/stances", issue="quota_talks", polarity="support")["total"] == 2
    links = get(client, "/api/links", article=TALKS.id)
    assert links["items"][0]["kind"] == "rewording" and links["items"][0]["similarity"] == 0.42
    assert get(client, "/api/links", kind="near_duplicate")["total"] == 0


@pytest.fixture(scope="module")
def leaning_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_leaning_database(tmp_path_factory.mktemp("leaning") / "corpus.db")


def printed_matrix(database: Path, *options: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli_app, ["stances", "--db", str(database), "--json", *options])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output))


def as_printed(served_cell: dict[str, Any]) -> dict[str, Any]:
    """A served cell as `dossier stances --json` prints it: its `key` is the printed `actor`, page fields dropped."""
    printed_fields = ("name", "issue", "position", "support", "oppose", "strongest")
    return {"actor": served_cell["key"], **{name: served_cell[name] for name in printed_fields}}


@pytest.mark.parametrize("corpus", ["database", "leaning_database"])
@pytest.mark.parametrize("issue", [None, "quota_talks"])
def test_the_api_matrix_has_the_cells_and_disputes_dossier_stances_prints(
    corpus: str, issue: str | None, request: pytest.FixtureRequest
) -> None:
    database = request.getfixturevalue(corpus)
    printed = printed_matrix(database, *(["--issue", issue] if issue else []))
    with TestClient(create_app(database, read_only=True)) as test_client:
        served = get(test_client, "/api/stances/matrix", **({"issue": issue} if issue else {}))
    printed_cells = {(cell["actor"], cell["issue"]): cell for row in printed["issues"] for cell in row["actors"]}
    # A served cell is the printed cell with the page's fields added; `key` is the printed `actor`.
    served_cells = {(cell["key"], cell["issue"]): as_printed(cell) for cell in served["cells"]}
    assert served_cells == printed_cells and len(served["cells"]) == len(printed_cells)
    assert served["disputed_issues"] == sorted(row["issue"] for row in printed["issues"] if row["disputed"])
    assert served["issues"] == sorted(row["issue"] for row in printed["issues"])


def test_the_matrix_leans_groups_by_code_and_disputes_as_the_cli_does(leaning_database: Path) -> None:
    # Grouping by code is asked for (`--by-code`, `by=code`): by default each actor keeps its own row.
    with TestClient(create_app(leaning_database, read_only=True)) as test_client:
        matrix = get(test_client, "/api/stances/matrix", by="code")
    cells = {(c["actor"], c["issue"]): c for c in matrix["cells"]}
    against = cells[("RUSGOV|Sergei Lavrov", "strict_catch_limits")]
    assert (against["support"], against["oppose"], against["position"]) == (1, 2, "oppose")
    assert against["polarity"] == "oppose"
    assert against["disagreement"] is True
    # "Russian officials" share RUSGOV's row: one actor, named as it is most often found.
    assert cells[("RUSGOV|Sergei Lavrov", "quota_talks")]["strongest"]["actor"]["name"] == "Russian officials"
    rows = {"NORGOV|Ine Eriksen Soreide", "RUSGOV|Sergei Lavrov", "IGOEUREEC|European Union", "|Iceland"}
    assert {a["id"] for a in matrix["actors"]} == rows
    assert cells[("|Iceland", "quota_talks")]["key"] == "Iceland"
    assert matrix["disputed_issues"] == ["quota_talks", "strict_catch_limits"]


def test_the_matrix_keeps_each_actor_apart_unless_grouping_is_asked_for(leaning_database: Path) -> None:
    with TestClient(create_app(leaning_database, read_only=True)) as test_client:
        matrix = get(test_client, "/api/stances/matrix")
        by_country = get(test_client, "/api/stances/matrix", by="country")
        assert test_client.get("/api/stances/matrix", params={"by": "outlet"}).status_code == 422
    cells = {(c["actor"], c["issue"]): c for c in matrix["cells"]}
    # "Russian officials" agreed to resume talks; that stance is theirs, not Lavrov's.
    officials = cells[("RUSGOV|Russian officials", "quota_talks")]
    assert (officials["key"], officials["support"], officials["oppose"]) == ("Russian officials", 1, 0)
    assert ("RUSGOV|Sergei Lavrov", "quota_talks") not in cells
    lavrov = cells[("RUSGOV|Sergei Lavrov", "strict_catch_limits")]
    assert (lavrov["support"], lavrov["oppose"]) == (1, 2)
    assert {a["id"] for a in matrix["actors"]} >= {"RUSGOV|Sergei Lavrov", "RUSGOV|Russian officials"}
    printed = printed_matrix(leaning_database, "--by-country", "--issue", "quota_talks")
    served = {(c["key"], c["support"], c["oppose"]) for c in by_country["cells"] if c["issue"] == "quota_talks"}
    assert served == {(c["actor"], c["support"], c["oppose"]) for c in printed["issues"][0]["actors"]}
    assert ("RUS", 1, 0) in served


def test_the_page_calls_the_issues_actors_disagree_on_disputed(client: TestClient) -> None:
    script = client.get("/static/app.js").text
    assert "matrix.disputed_issues" in script and '"badge" }, "disputed"' in script
    page = client.get("/").text
    assert "disputed issues are marked" in page
    assert all("contested" not in text for text in (script, page, client.get("/static/style.css").text))


def test_every_link_kind_the_cli_offers_is_served_by_the_api(tmp_path: Path) -> None:
    database = build_database(tmp_path / "links.db")
    with Store.open(database) as store:
        store.replace_links([Link(kind, QUOTAS.id, TALKS.id, 0.5, QUOTAS.published) for kind in LINK_KINDS])
    runner = CliRunner()
    cli_help = runner.invoke(cli_app, ["links", "--help"]).output
    assert "same_event" in LINK_KINDS
    with TestClient(create_app(database, read_only=True)) as test_client:
        for kind in LINK_KINDS:
            assert kind in cli_help
            printed = runner.invoke(cli_app, ["links", "--db", str(database), "--kind", kind])
            assert printed.exit_code == 0 and "no links" not in printed.output, (kind, printed.output)
            served = get(test_client, "/api/links", kind=kind)
            assert [link["kind"] for link in served["items"]] == [kind]
        assert test_client.get("/api/links", params={"kind": "same_planet"}).status_code == 422
    assert runner.invoke(cli_app, ["links", "--db", str(database), "--kind", "same_planet"]).exit_code == 2


def test_a_search_restricts_every_record_list_to_matching_articles(client: TestClient) -> None:
    assert get(client, "/api/events", search="Iceland")["total"] == 4
    assert get(client, "/api/quotes", search="trawler")["total"] == 2
    assert {a["name"] for a in get(client, "/api/actors", search="Tromso")["items"]} == {"Sergei Lavrov", "Iceland"}


# ------------------------------------------------------------------ exports


def test_events_filter_by_the_coder_that_gave_them(client: TestClient) -> None:
    learned = get(client, "/api/events", coder="learned")["items"]
    assert [(e["source"]["name"], e["target"]["name"]) for e in learned] == [("Iceland", "Russia")]
    everything = get(client, "/api/events")["total"]
    assert get(client, "/api/events", coder="pattern")["total"] == everything - 1
    exported = client.get("/api/events/export", params={"format": "csv", "source": "ISL", "coder": "pattern"})
    assert len(exported.text.strip().splitlines()) == 2  # header and Iceland's one pattern event
    assert client.get("/api/events", params={"coder": "guessed"}).status_code == 422


def test_events_download_as_csv(client: TestClient) -> None:
    response = client.get("/api/events/export", params={"format": "csv", "source": "ISL"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert len(response.text.strip().splitlines()) == 3  # header and two events


def test_gdelt_download_uses_the_writer_the_events_stage_registers(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dossier.events.coder  # noqa: F401  (registers its real writers first, if it has any)

    def write_tsv(records: Any, stream: Any) -> int:
        rows = [f"{r['source']['code']}\t{r['code']}" for r in records]
        stream.write("\n".join(rows) + "\n")
        return len(rows)

    monkeypatch.setattr(export, "KIND_WRITERS", {("events", "gdelt"): write_tsv})
    response = client.get("/api/events/export", params={"code": "111"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    assert response.text == "ISL\t111\nISL\t111\n"


def test_gdelt_download_without_a_registered_writer_says_so(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dossier.events.coder  # noqa: F401

    monkeypatch.setattr(export, "KIND_WRITERS", {})
    response = client.get("/api/events/export", params={"format": "gdelt"})
    assert response.status_code == 501
    assert "gdelt" in response.json()["detail"]


# ------------------------------------------------------------------ bad input


def test_a_malformed_full_text_query_is_a_400_with_a_hint(client: TestClient) -> None:
    response = client.get("/api/articles", params={"q": '"unclosed'})
    assert response.status_code == 400
    assert "full-text query" in response.json()["detail"]
    assert client.get("/api/events", params={"search": "AND OR"}).status_code == 400


@pytest.mark.parametrize(
    "value",
    ["' OR '1'='1", "x'; DROP TABLE articles; --", '" OR 1=1 --', "%", "_", "RUS%' UNION SELECT data FROM links --"],
)
def test_sql_in_filters_is_only_ever_text(client: TestClient, database: Path, value: str) -> None:
    for path, name in (("/api/quotes", "speaker"), ("/api/events", "source"), ("/api/stances", "issue")):
        response = client.get(path, params={name: value})
        assert response.status_code == 200 and response.json()["total"] == 0, (path, value)
    assert client.get("/api/quotes", params={"text": value}).json()["total"] == 0
    assert client.get("/api/articles", params={"q": value}).status_code in (200, 400)
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 100_000},
        {"limit": 0},
        {"offset": -1},
        {"since": "last week"},
        {"until": "2021-3-9"},
        {"since": "2021-13"},
        {"until": "2021-02-30"},
        {"text": "x" * 201},
    ],
)
def test_out_of_bounds_parameters_are_422(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/api/quotes", params=params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "query"


def test_a_read_only_server_refuses_ingest_with_403(client: TestClient) -> None:
    response = client.post("/api/articles", json={"text": "Officials met in Oslo on Monday."})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    assert client.post("/api/articles/batch", json={"articles": [{"text": "x"}]}).status_code == 403


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(tmp_path_factory.mktemp("ingest") / "new.db", max_body_bytes=64 * 1024)
    with TestClient(app) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": ""},
        {"text": 42},
        {"text": "Officials met.", "author": "unexpected field"},
        {"text": "Officials met.", "published": "not a date at all"},
        {"text": "Officials met.", "title": "t" * 1001},
    ],
)
def test_invalid_articles_are_422_before_any_analysis(writable: TestClient, body: dict[str, Any]) -> None:
    response = writable.post("/api/articles", json=body)
    assert response.status_code == 422, response.text


def test_batches_are_bounded(writable: TestClient) -> None:
    too_many = {"articles": [{"text": f"Report {n}."} for n in range(MAX_BATCH_ARTICLES + 1)]}
    assert writable.post("/api/articles/batch", json=too_many).status_code == 422
    assert writable.post("/api/articles/batch", json={"articles": []}).status_code == 422


def test_a_body_over_the_limit_is_413_declared_or_streamed(writable: TestClient) -> None:
    big = json.dumps({"text": "word " * 20_000})
    declared = writable.post("/api/articles", content=big, headers={"content-type": "application/json"})
    assert declared.status_code == 413
    assert "bytes" in declared.json()["detail"]
    streamed = writable.post(
        "/api/articles",
        content=iter([big[:40_000].encode(), big[40_000:].encode()]),
        headers={"content-type": "application/json"},
    )
    assert streamed.status_code == 413


def test_malformed_json_is_422(writable: TestClient) -> None:
    response = writable.post("/api/articles", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422


# ------------------------------------------------------------------ the page and the schema


def test_the_page_and_its_files_are_served_with_a_strict_policy(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and 'id="network"' in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    script = client.get("/static/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert script.headers["x-content-type-options"] == "nosniff"


def test_the_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    paths = get(client, "/openapi.json")["paths"]
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/articles/batch",
        "/api/actors",
        "/api/quotes",
        "/api/events",
        "/api/events/network",
        "/api/events/export",
        "/api/stances/matrix",
        "/api/links",
    ):
        assert path in paths


# Every path the API serves, its methods and the answers its schema declares.
SERVED_PATHS = {
    "/api/stats": {"get": ["200"]},
    "/api/articles": {"get": ["200", "422"], "post": ["200", "202", "422", "429", "503"]},
    "/api/articles/{article_id}": {"get": ["200", "422"]},
    "/api/articles/{article_id}/records": {"get": ["200", "422"]},
    "/api/articles/batch": {"post": ["200", "202", "422", "429", "503"]},
    "/api/jobs/{job_id}": {"get": ["200", "422"]},
    "/api/actors": {"get": ["200", "422"]},
    "/api/actors/evidence": {"get": ["200", "422"]},
    "/api/quotes": {"get": ["200", "422"]},
    "/api/events": {"get": ["200", "422"]},
    "/api/events/network": {"get": ["200", "422"]},
    "/api/events/export": {"get": ["200", "422"]},
    "/api/stances": {"get": ["200", "422"]},
    "/api/stances/matrix": {"get": ["200", "422"]},
    "/api/tones": {"get": ["200", "422"]},
    "/api/tones/over-time": {"get": ["200", "422"]},
    "/api/links": {"get": ["200", "422"]},
    "/api/stories": {"get": ["200", "422"]},
    "/api/stories/{article_id}": {"get": ["200", "422"]},
    "/api/sentences/copies": {"get": ["200", "422"]},
    "/api/views/events": {"get": ["200", "422"]},
    "/api/views/graph": {"get": ["200", "422"]},
    "/api/views/timeline": {"get": ["200", "422"]},
    "/api/views/places": {"get": ["200", "422"]},
    "/api/views/reports": {"get": ["200", "422"]},
}


def test_the_openapi_paths_and_their_answers_are_pinned(client: TestClient) -> None:
    paths = get(client, "/openapi.json")["paths"]
    served = {path: {method: sorted(op["responses"]) for method, op in ops.items()} for path, ops in paths.items()}
    assert served == SERVED_PATHS
    assert paths["/api/links"]["get"]["parameters"][0]["schema"]["anyOf"][0]["enum"] == list(LINK_KINDS)


# ------------------------------------------------------------------ a real server


def raw_get(base: str, raw_path: str) -> tuple[int, bytes]:
    """GET a path exactly as written: http.client does not normalise '..' the way browsers do."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", raw_path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_a_real_uvicorn_serves_the_api_and_never_a_file_outside_the_page(database: Path) -> None:
    with running_server(create_app(database, read_only=True)) as base:
        status, body = raw_get(base, "/api/quotes?speaker=RUSGOV")
        assert status == 200 and json.loads(body)["total"] == 2
        status, body = raw_get(base, "/")
        assert status == 200 and b"dossier" in body
        for path in (
            "/static/../serve.py",
            "/static/%2e%2e/serve.py",
            "/static/..%2fserve.py",
            "/static/../../../../etc/passwd",
            "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/static//etc/passwd",
        ):
            status, body = raw_get(base, path)
            assert status == 404, (path, status)
            assert b"create_app" not in body and b"root:" not in body


def test_serve_on_a_missing_database_in_read_only_mode_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "none.db"), "--read-only"])
    assert result.exit_code == 2
    assert "no such database" in result.output


# ------------------------------------------------------------------ with the model


@pytest.fixture(scope="module")
def seeds_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from dossier.pipeline import RunOptions, run

    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Store.open(path) as store:
        run([SEEDS], store, RunOptions(link=False))
    with TestClient(create_app(path, run_options=RunOptions(link=False))) as test_client:
        yield test_client


@pytest.mark.model
def test_the_seed_reports_are_searchable_and_every_list_answers(seeds_client: TestClient) -> None:
    hits = get(seeds_client, "/api/articles", q="Putin")
    assert hits["total"] >= 1
    article = get(seeds_client, f"/api/articles/{hits['items'][0]['id']}")
    assert "Putin" in article["text"]
    for path in ("/api/actors", "/api/quotes", "/api/events", "/api/stances", "/api/links"):
        page = get(seeds_client, path)
        for record in page["items"]:
            if "start" in record and "end" in record and record.get("article_id") == article["id"]:
                assert 0 <= record["start"] <= record["end"] <= len(article["text"])
    assert set(get(seeds_client, "/api/stances/matrix")) >= {"actors", "issues", "cells", "disputed_issues"}


@pytest.mark.model
def test_a_posted_article_is_analysed_stored_and_found(seeds_client: TestClient) -> None:
    posted = {
        "text": "Harbour strike ends in Rotterdam\n\nDock workers in Rotterdam ended a three-day strike on Friday "
        "after the port authority agreed to raise wages, union leaders said.",
        "published": "2023-06-02",
        "outlet": "Harbour Desk",
        "id": "harbour-1",
    }
    first = seeds_client.post("/api/articles", json=posted)
    assert first.status_code == 201, first.text
    stored = first.json()["articles"][0]
    assert stored["status"] == "analysed" and stored["title"] == "Harbour strike ends in Rotterdam"
    again = seeds_client.post("/api/articles/batch", json={"articles": [posted]})
    assert again.status_code == 200 and again.json()["articles"][0]["status"] == "already stored"
    found = get(seeds_client, "/api/articles", q="Rotterdam")
    assert [a["id"] for a in found["items"]] == [stored["id"]]
    assert get(seeds_client, f"/api/articles/{stored['id']}")["published"] == "2023-06-02"


@pytest.mark.model
def test_one_unreadable_article_in_a_batch_is_reported_and_the_rest_stored(writable: TestClient) -> None:
    batch = [
        {"text": "Dock workers in Rotterdam ended their strike on Friday, the union said."},
        {"text": "   \n  "},
        {"text": "Ministers met in Lisbon.", "published": "the day after tomorrow"},
    ]
    response = writable.post("/api/articles/batch", json={"articles": batch})
    assert response.status_code == 201, response.text
    rows = response.json()["articles"]
    assert [row["status"] for row in rows] == ["analysed", "failed", "failed"]
    assert rows[1]["problem"] == "request[1]: missing or empty 'text' field"
    assert rows[2]["problem"] == "request[2]: 'published' is not a date: 'the day after tomorrow'"
    found = writable.get("/api/articles", params={"q": "Rotterdam"}).json()
    assert found["total"] == 1


def test_a_batch_of_only_unreadable_articles_is_422_naming_each(writable: TestClient) -> None:
    batch = [{"text": "  "}, {"text": "Ministers met.", "published": "soon"}]
    response = writable.post("/api/articles/batch", json={"articles": batch})
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "request[0]: missing or empty 'text' field; request[1]: 'published' is not a date: 'soon'"
    )
