"""Events with one known side (issue 15): the text names whom an act was done to, not who did it.

Hand-written sentences (none from a dev set). Mentions are built by hand
over the parsed sentence, so the assertions test the events stage, not the
actors stage: each actor is (surface text, CAMEO code, role).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_a_passive_without_agent_targets_its_subject_with_a_blank_source(code) -> None:
    events = code(
        "Three Kenyan police officers were kidnapped near the border on Sunday.",
        ("Kenyan police officers", "KENCOP", "COP"),
    )
    assert [(e.root_code, e.source.code, e.source.name, e.target and e.target.code) for e in events] == [
        ("18", None, "", "KENCOP")
    ]


def test_a_subject_that_is_no_actor_leaves_the_source_blank(code) -> None:
    events = code(
        "The museum returned the stolen statues to the Egyptian government.",
        ("Egyptian government", "EGYGOV", "GOV"),
    )
    assert [(e.root_code, e.source.code, e.target and e.target.code) for e in events] == [("08", None, "EGYGOV")]


def test_a_passive_with_its_agent_named_keeps_the_agent(code) -> None:
    events = code(
        "The Iraqi journalist was arrested by Turkish police.",
        ("Iraqi journalist", "IRQMED", "MED"),
        ("Turkish police", "TURCOP", "COP"),
    )
    assert [(e.source.code, e.target and e.target.code) for e in events] == [("TURCOP", "IRQMED")]


def test_an_unresolved_pronoun_subject_gives_no_event(code) -> None:
    assert code("They attacked the Malian army base at dawn.", ("Malian army", "MLIMIL", "MIL")) == []


def test_a_blank_source_needs_a_coded_target(code) -> None:
    assert code("Two unnamed men were arrested in the capital.") == []


def test_an_act_inside_a_coded_clash_is_not_coded_again(code) -> None:
    events = code(
        "Several Kenyan students were injured in clashes with riot police on Friday.",
        ("Kenyan students", "KENEDU", "EDU"),
        ("riot police", "KENCOP", "COP"),
    )
    assert all(e.source.code for e in events)


def test_a_blank_source_statement_is_not_coded(code) -> None:
    assert code("The French minister was told about the plan.", ("French minister", "FRAGOV", "GOV")) == []


def test_a_target_known_by_its_role_alone_is_a_known_side_when_the_act_is_told_in_the_past(code) -> None:
    events = code("Dozens of students were detained outside the ministry on Tuesday.", ("students", None, "EDU"))
    assert [(e.code, e.source.code, e.target and e.target.code) for e in events] == [("173", None, "EDU")]
    events = code("Four soldiers have been killed near the pass.", ("soldiers", None, "MIL"))
    assert [(e.root_code, e.source.code, e.target and e.target.code) for e in events] == [("18", None, "MIL")]


def test_a_role_alone_in_a_description_of_the_present_is_no_event(code) -> None:
    assert code("Reporters are harassed every day in the region.", ("Reporters", None, "MED")) == []
    assert code("Villagers are being killed across the province.", ("Villagers", None, "CVL")) == []
