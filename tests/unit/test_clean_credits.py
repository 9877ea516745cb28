"""Bylines without "By" (credits.py): a paper's authors over their affiliation, a PDF's author
and institute on one line (QA, round 2: both became the subtitle, no authors)."""

from __future__ import annotations

from workbench.library.clean import clean_plain_text
from workbench.library.clean.credits import affiliation, bare_names

BODY = ("\n\nAbstract\n\nWe study the tanker-truck water trade in three settlements on the eastern edge of the city. "
        "Households without a connection pay up to six times the public tariff.\n\n1. Introduction\n\n"
        "Roughly one in ten residents is not connected to the public water network.\n")


def test_authors_over_their_affiliation():
    draft = clean_plain_text("Informal Water Markets in Peri-Urban Lima\n\nCarla Quispe and Daniel Ortiz\n"
                             "Department of Geography, Universidad Nacional Mayor de San Marcos" + BODY)
    assert draft.authors == ["Carla Quispe", "Daniel Ortiz"]
    assert draft.subtitle is None
    assert ("credit", "Department of Geography, Universidad Nacional Mayor de San Marcos") in \
        [(r.kind, r.text) for r in draft.removed]


def test_author_and_institute_on_one_line():
    draft = clean_plain_text("Bridges That Outlive Their Roads\n\nIngrid Solberg, Norwegian Institute of Transport"
                             + BODY)
    assert draft.authors == ["Ingrid Solberg"] and draft.subtitle is None
    assert ("byline", "Ingrid Solberg, Norwegian Institute of Transport") in draft.pieces


def test_a_standfirst_is_not_taken_for_names():
    draft = clean_plain_text("Informal Water Markets in Peri-Urban Lima\n\n"
                             "Why Households Pay More Than Hotels for Water\n\nBy Carla Quispe" + BODY)
    assert draft.subtitle == "Why Households Pay More Than Hotels for Water"
    assert draft.authors == ["Carla Quispe"]


def test_shapes():
    assert bare_names("Carla Quispe and Daniel Ortiz") == ["Carla Quispe", "Daniel Ortiz"]
    assert bare_names("Science") is None and bare_names("Kevin McCoy USA TODAY") is None
    assert affiliation("Norwegian Institute of Transport")
    assert not affiliation("The museum commissioned a tracking study in 2020.")
