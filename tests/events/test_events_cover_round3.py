"""Coverage round 3 (issue 15): the one called in a telephone call that the parser read as an object
predicate ("called Ethiopian Prime Minister Abiy Ahmed on Tuesday to ...") is the call's object.

Written sentences; figures in docs/events-history.md ("Coverage round 3").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Kenyan President William Ruto called Ethiopian Prime Minister Abiy Ahmed on Tuesday to express "
            "his support for the peace talks.",
            [("051", "KENGOV", "ETHGOV")],
        ),
        (
            "Ghanaian President Nana Akufo-Addo called Nigerian President Muhammadu Buhari on Sunday to "
            "express his solidarity.",
            [("041", "GHAGOV", "NGAGOV")],
        ),
    ],
)
def test_a_named_object_read_as_an_object_predicate_is_the_one_called(coded, text, expected):
    assert coded(text) == expected


def test_calling_someone_names_is_still_no_call(coded):
    assert coded("Senator Smith called Governor Jones a liar on Tuesday.") == []
