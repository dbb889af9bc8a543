"""A merge cannot be undone: the first POST says what will happen, only the yes merges."""

import pytest

from arena.audit.models import AuditEntry
from tests.helpers import count, flashes, page_text
from tests.moderation.tools import give_support, state


@pytest.fixture
def pair(make):
    arena = make.arena("Järva")
    cycle = make.cycle(arena, phase="voting")
    facilitator = make.facilitator(arena)
    source = make.proposal(cycle, title="Lådcyklar att låna")
    target = make.proposal(cycle, title="Lånecyklar vid Tensta")
    for _ in range(2):
        give_support(make.user(connected_to=arena), source)
    return facilitator, source, target


def test_the_first_post_asks_and_changes_nothing(client_for, pair):
    facilitator, source, target = pair
    client = client_for(facilitator, accept_language="en")
    data = {"merge-into": str(target.id), "merge-reason": "Samma idé."}
    before = state()
    for answer in ({}, {"confirmed": "no"}):
        asked = client.post(f"/moderation/proposals/{source.id}/merge", data={**data, **answer})
        assert asked.status_code == 200
        assert state() == before and count(AuditEntry) == 0
    text = page_text(asked)
    assert "Merge “Lådcyklar att låna” into “Lånecyklar vid Tensta”?" in text
    assert "Its 2 supports move to “Lånecyklar vid Tensta”." in text
    html = asked.get_data(as_text=True)
    assert f'name="merge-into" value="{target.id}"' in html
    assert 'name="merge-reason" value="Samma idé."' in html
    assert 'name="confirmed" value="yes"' in html

    done = client.post(
        f"/moderation/proposals/{source.id}/merge", data={**data, "confirmed": "yes"}
    )
    assert done.status_code == 303
    assert source.status == "merged" and target.support_count == 2
    assert count(AuditEntry, AuditEntry.action == "proposal.merge") == 1


def test_a_merge_the_rules_refuse_is_refused_before_the_question(client_for, pair, make):
    facilitator, source, _target = pair
    elsewhere = make.proposal(make.cycle(make.arena("Skärholmen"), phase="voting"))
    client = client_for(facilitator, accept_language="en")
    response = client.post(
        f"/moderation/proposals/{source.id}/merge", data={"merge-into": str(elsewhere.id)}
    )
    assert response.status_code == 303
    assert flashes(client.get(response.headers["Location"]))
    assert source.status == "published"
