"""The proposal page shows the facilitators' public motivation with the decision, as
My page does."""

import pytest

from tests.helpers import page_text


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("selected", "Selected: Många stödde den och den går att göra i år."),
        ("not_selected", "Not selected: Många stödde den och den går att göra i år."),
    ],
)
def test_the_decision_comes_with_its_motivation(make, client_for, status, expected):
    cycle = make.cycle(phase="testing")
    proposal = make.proposal(
        cycle, status=status, decision_note="Många stödde den och den går att göra i år."
    )
    text = page_text(client_for(None, accept_language="en").get(f"/proposals/{proposal.id}"))
    assert expected in text


def test_a_hidden_proposal_keeps_its_motivation_out_of_sight(make, client_for):
    from arena.core.time import utcnow

    cycle = make.cycle(phase="testing")
    proposal = make.proposal(
        cycle, status="selected", decision_note="Hemlig motivering", hidden_at=utcnow()
    )
    text = page_text(client_for(None, accept_language="en").get(f"/proposals/{proposal.id}"))
    assert "Hemlig motivering" not in text
