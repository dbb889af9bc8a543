"""The page gives the same reason for a disabled action as the service gives when the
action is tried anyway: one rule (`why_not_*`), one sentence, in every phase."""

import re
from datetime import UTC, datetime
from html import unescape

import pytest

from arena.arenas.phases import Phase
from arena.proposals.models import ProposalStatus
from tests.helpers import page_text

SUPPORT_CLOSED = [p for p in Phase if p != Phase.VOTING]
COMMENTS_CLOSED = [Phase.UPCOMING, Phase.TESTING, Phase.REVIEW, Phase.CLOSED]


def shown_reason(response, element_id: str) -> str:
    html = response.get_data(as_text=True)
    found = re.findall(rf'<p class="refusal" id="{element_id}">(.*?)</p>', html, re.S)
    assert len(found) == 1, html
    return unescape(found[0]).strip()


@pytest.mark.parametrize("role", ["resident", "resident_elsewhere"])
@pytest.mark.parametrize("phase", SUPPORT_CLOSED)
def test_the_support_reason_on_the_page_is_the_one_a_post_is_refused_with(
    client_for, make, phase, role
):
    arena = make.arena("Järva")
    proposal = make.proposal(make.cycle(arena, phase=phase))
    elsewhere = make.arena("Skärholmen")
    user = make.user(connected_to=arena if role == "resident" else elsewhere)
    client = client_for(user, accept_language="en")

    reason = shown_reason(client.get(f"/proposals/{proposal.id}"), "support-refusal")
    refused = client.post(f"/proposals/{proposal.id}/support")

    assert refused.status_code == 403
    assert reason in page_text(refused)
    word = "opens" if phase in (Phase.UPCOMING, Phase.PROPOSING) else "closed"
    assert reason.startswith(f"Voting in Järva {word} on ")


@pytest.mark.parametrize("status", ["hidden", ProposalStatus.MERGED, ProposalStatus.WITHDRAWN])
def test_a_proposal_no_longer_open_says_so_on_the_page_and_when_supported(client_for, make, status):
    arena = make.arena("Järva")
    cycle = make.cycle(arena, phase="voting")
    if status == "hidden":
        proposal = make.proposal(cycle, hidden_at=datetime(2026, 1, 1, tzinfo=UTC))
    else:
        proposal = make.proposal(cycle, status=status)
    client = client_for(make.user(connected_to=arena), accept_language="en")

    if status != "hidden":  # a hidden proposal's page shows its placeholder instead
        reason = shown_reason(client.get(f"/proposals/{proposal.id}"), "support-refusal")
        assert reason == "This proposal can no longer be supported."
    refused = client.post(f"/proposals/{proposal.id}/support")
    assert refused.status_code == 403
    assert "This proposal can no longer be supported." in page_text(refused)


@pytest.mark.parametrize("phase", COMMENTS_CLOSED)
def test_the_comment_reason_on_the_page_is_the_one_a_post_is_refused_with(client_for, make, phase):
    arena = make.arena("Järva")
    proposal = make.proposal(make.cycle(arena, phase=phase))
    client = client_for(make.user(connected_to=arena), accept_language="en")

    reason = shown_reason(client.get(f"/proposals/{proposal.id}"), "comment-refusal")
    refused = client.post(
        f"/proposals/{proposal.id}/comments", data={"body": "Bra idé!", "language": "sv"}
    )

    assert refused.status_code == 403
    assert reason == (
        "Comments in Järva are open while proposing, voting and selection are going on."
    )
    assert reason in page_text(refused)
