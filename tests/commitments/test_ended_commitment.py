"""An ended commitment (reviewed, or past its own end date) no longer offers "Tell what
you did", and a posted note is refused with nothing saved."""

from datetime import timedelta

import pytest

from arena.commitments.models import CheckIn, CommitmentStatus
from arena.core.time import local_day, utcnow
from arena.extensions import db
from tests.commitments.followup_helpers import make_commitment
from tests.helpers import count, flashes, page_text


def end_by_review(commitment):
    commitment.status = CommitmentStatus.STOPPED


def end_by_date(commitment):
    commitment.starts_on = local_day(utcnow()) - timedelta(days=60)
    commitment.ends_on = local_day(utcnow()) - timedelta(days=1)


@pytest.mark.parametrize("end", [end_by_review, end_by_date])
def test_an_ended_commitment_takes_no_more_resident_notes(make, client_for, end):
    arena = make.arena()
    resident = make.user(connected_to=arena)
    commitment = make_commitment(make, arena, phase="review")
    client = client_for(resident, accept_language="en")
    page = f"/commitments/{commitment.id}"
    assert "Tell what you did" in page_text(client.get(page))

    end(commitment)
    db.session.commit()
    assert "Tell what you did" not in page_text(client.get(page))
    response = client.post(
        f"{page}/check-ins/resident", data={"note": "Jag cyklade."}, follow_redirects=True
    )
    assert "This commitment has ended" in " ".join(flashes(response))
    assert count(CheckIn) == 0


def test_a_commitment_ending_today_still_takes_notes(make, client_for):
    arena = make.arena()
    resident = make.user(connected_to=arena)
    commitment = make_commitment(make, arena, phase="testing")
    commitment.ends_on = local_day(utcnow())
    db.session.commit()
    client = client_for(resident, accept_language="en")
    response = client.post(
        f"/commitments/{commitment.id}/check-ins/resident", data={"note": "Jag cyklade."}
    )
    assert response.status_code == 303
    assert count(CheckIn) == 1
