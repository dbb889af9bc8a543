"""Report times in the facilitators' queue are shown to the minute, not the second."""

from datetime import UTC, datetime

import pytest

from tests.helpers import page_text
from tests.moderation.tools import add_report

REPORTED_AT = datetime(2026, 11, 30, 13, 5, 42, tzinfo=UTC)  # 14:05:42 in Stockholm


@pytest.mark.parametrize(
    ("language", "shown"),
    [("sv", "30 nov. 2026 14:05"), ("en", "Nov 30, 2026, 2:05 PM")],
)
def test_report_times_have_no_seconds(make, client_for, language, shown):
    cycle = make.cycle(phase="voting")
    proposal = make.proposal(cycle, title="Fler cykelställ")
    add_report(proposal, make.user(connected_to=cycle.arena), created_at=REPORTED_AT)
    client = client_for(make.facilitator(cycle.arena), accept_language=language)
    queue = page_text(client.get(f"/moderation/{cycle.arena.slug}/reports"))
    item = page_text(client.get(f"/moderation/proposals/{proposal.id}"))
    for text in (queue, item):
        assert shown in " ".join(text.split())
        assert ":42" not in text and ".42" not in text


def test_a_merged_proposal_is_sammanslaget_everywhere_in_swedish(make, client_for):
    """A proposal ("ett förslag") is "sammanslaget": the status and "merged into" agree."""
    cycle = make.cycle(phase="voting")
    kept = make.proposal(cycle, title="Fler cykelställ")
    merged = make.proposal(cycle, title="Cykelställ vid skolan", status="merged")
    merged.merged_into_id = kept.id
    from arena.extensions import db

    db.session.commit()
    text = page_text(client_for(None, accept_language="sv").get(f"/proposals/{merged.id}"))
    assert "Sammanslaget" in text
    assert "Sammanslagen" not in text
