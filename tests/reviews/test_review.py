"""The yearly review: who may review, when, and what each outcome does."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from arena.arenas.phases import Phase
from arena.audit.models import AuditEntry
from arena.commitments.models import Commitment, Indicator
from arena.commitments.queries import latest_values
from arena.core.errors import ActionRefused
from arena.core.numbers import parse_decimal
from arena.core.time import utcnow
from arena.extensions import db
from arena.reviews import services
from arena.reviews.models import Review
from tests.helpers import flashes, page_text
from tests.reviews.review_helpers import (
    ROLES,
    add_indicator,
    make_actor,
    make_commitment,
    measure,
    snapshot,
)

OUTCOMES = ("continue", "revise", "scale_up", "stop")


def form_for(outcome, **extra):
    data = {"outcome": outcome, "rationale": "Det fungerade i Järva.", "confirmed": "yes"}
    if outcome == "revise":
        data.update(
            title="Mindre plast, fler platser",
            description="Nu även i Rinkeby.",
            changes="Vi lägger till Rinkeby och sänker målet.",
            **{"targets-0-target": "50"},
        )
    if outcome == "stop":
        data["lessons"] = "Svårt att mäta utan vågar."
    data.update(extra)
    return data


@pytest.fixture
def setup(make):
    """Järva in its review phase with next year's cycle, one commitment measured at 80 kg."""
    arena = make.arena("Järva", slug="jarva")
    elsewhere = make.arena("Skärholmen", slug="skarholmen")
    cycle = make.cycle(arena, phase="review", year=2025)
    make.cycle(arena, phase="upcoming", year=2026)
    owner = make.user(connected_to=arena)
    theme = make.theme("consumption")
    commitment = make_commitment(cycle, owner_users=[owner], themes=[theme])
    indicator = add_indicator(commitment)
    measured_on = utcnow().date() - timedelta(days=40)
    measure(indicator, 80.0, measured_on, owner)
    measure(indicator, 95.0, measured_on - timedelta(days=60), owner)
    db.session.commit()
    return dict(
        arena=arena,
        elsewhere=elsewhere,
        cycle=cycle,
        commitment=commitment,
        indicator=indicator,
        owner=owner,
        theme=theme,
        measured_on=measured_on,
    )


def url(commitment):
    return f"/commitments/{commitment.id}/review"


@pytest.mark.parametrize("phase", [Phase.TESTING, Phase.REVIEW, Phase.CLOSED])
@pytest.mark.parametrize("role", ROLES)
def test_review_permissions(make, client_for, role, phase):
    arena = make.arena("Järva", slug="jarva")
    elsewhere = make.arena("Skärholmen", slug="skarholmen")
    with make.batch():
        cycle = make.cycle(arena, phase=phase.value, year=2025)
        make.cycle(arena, phase="upcoming", year=2026)
        commitments = {o: make_commitment(cycle, title=f"Åtagande {o}") for o in OUTCOMES}
        for commitment in commitments.values():
            add_indicator(commitment)
    actor = make_actor(make, role, arena, elsewhere)
    client = client_for(actor, accept_language="en")
    allowed = role == "facilitator" and phase == Phase.REVIEW
    for outcome, commitment in commitments.items():
        before = snapshot()
        page = client.get(url(commitment))
        response = client.post(url(commitment), data=form_for(outcome))
        if allowed:
            assert page.status_code == 200
            assert response.status_code == 303, outcome
            assert response.headers["Location"].endswith(f"/commitments/{commitment.id}")
            db.session.expire_all()
            assert commitment.review.outcome == outcome
            assert snapshot()["reviews"] == before["reviews"] + 1
        else:
            expected = 302 if role == "anonymous" else 403
            assert page.status_code == expected
            assert response.status_code == expected, (outcome, response.status_code)
            if role == "anonymous":
                assert "/sign-in" in response.headers["Location"]
            assert snapshot() == before


def test_continue_creates_one_next_version(setup, client_for, make):
    facilitator = make.facilitator(setup["arena"])
    client = client_for(facilitator, accept_language="en")
    commitment, indicator = setup["commitment"], setup["indicator"]
    response = client.post(url(commitment), data=form_for("continue"), follow_redirects=True)
    assert "continues next year" in " ".join(flashes(response))
    db.session.expire_all()
    assert commitment.status == "continued"
    versions = db.session.scalars(
        select(Commitment).where(Commitment.previous_id == commitment.id)
    ).all()
    assert len(versions) == 1
    new = versions[0]
    assert new.cycle.year == 2026 and new.arena_id == commitment.arena_id
    assert new.status == "planned" and new.title == commitment.title
    assert new.description == commitment.description and new.changes == ""
    assert [u.id for u in new.owner_users] == [setup["owner"].id]
    assert [t.id for t in new.themes] == [setup["theme"].id]
    [copy] = new.indicators
    assert copy.id != indicator.id
    assert (copy.baseline_value, copy.baseline_on) == (80.0, setup["measured_on"])
    assert copy.target_value == 60.0
    assert copy.target_on == indicator.target_on.replace(year=indicator.target_on.year + 1)
    assert "80" in commitment.review.measured_result
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "commitment.review"))
    assert entry.actor_id == facilitator.id and entry.target_id == commitment.id
    assert entry.details["outcome"] == "continue"
    assert entry.details["next_commitment_id"] == new.id

    # A second review is refused with a clear message and changes nothing.
    before = snapshot()
    again = client.post(url(commitment), data=form_for("stop"), follow_redirects=True)
    assert "already been reviewed" in " ".join(flashes(again))
    assert snapshot() == before
    # The commitment page shows the review and the version history.
    page = page_text(client_for(None, accept_language="en").get(f"/commitments/{new.id}"))
    assert "Versions and spread" in page
    assert "Continued: Det fungerade i Järva." in page
    old_page = page_text(
        client_for(None, accept_language="en").get(f"/commitments/{commitment.id}")
    )
    assert "The yearly review Continued" in old_page


def test_revise_needs_changes_and_targets_on_the_right_side(setup, client_for, make):
    client = client_for(make.facilitator(setup["arena"]), accept_language="en")
    commitment = setup["commitment"]
    before = snapshot()
    missing = client.post(url(commitment), data=form_for("revise", changes=""))
    assert missing.status_code == 400
    assert "Say what changed and why." in page_text(missing)
    wrong_side = client.post(url(commitment), data=form_for("revise", **{"targets-0-target": "90"}))
    assert wrong_side.status_code == 400
    assert "target must be below the baseline" in page_text(wrong_side)
    same = client.post(url(commitment), data=form_for("revise", **{"targets-0-target": "80,0"}))
    assert "The target must differ from the baseline." in page_text(same)
    not_number = client.post(
        url(commitment), data=form_for("revise", **{"targets-0-target": "1e400"})
    )
    assert not_number.status_code == 400 and "Enter a number" in page_text(not_number)
    blank = client.post(url(commitment), data=form_for("revise", **{"targets-0-target": ""}))
    assert blank.status_code == 400 and "Enter a target." in page_text(blank)
    # A blank or odd target does not block the other outcomes.
    assert snapshot() == before

    ok = client.post(url(commitment), data=form_for("revise", **{"targets-0-target": "49,5"}))
    assert ok.status_code == 303
    db.session.expire_all()
    [new] = db.session.scalars(select(Commitment).where(Commitment.previous_id == commitment.id))
    assert commitment.status == "revised"
    assert new.title == "Mindre plast, fler platser" and new.description == "Nu även i Rinkeby."
    assert new.changes == "Vi lägger till Rinkeby och sänker målet."
    assert new.indicators[0].target_value == 49.5
    assert new.indicators[0].baseline_value == 80.0


def test_continue_without_next_cycle_saves_nothing(make, client_for):
    arena = make.arena()
    cycle = make.cycle(arena, phase="review", year=2025)
    commitment = make_commitment(cycle)
    add_indicator(commitment)
    db.session.commit()
    client = client_for(make.facilitator(arena), accept_language="en")
    before = snapshot()
    for outcome in ("continue", "revise"):
        response = client.post(url(commitment), data=form_for(outcome), follow_redirects=True)
        assert "Create next year's cycle first" in " ".join(flashes(response))
    assert snapshot() == before
    page = client.get(url(commitment))
    assert "create the cycle for 2026 first" in page_text(page)


def test_continue_refused_when_target_already_reached(setup, client_for, make):
    measure(setup["indicator"], 55.0, utcnow().date() - timedelta(days=1), setup["owner"])
    db.session.commit()
    client = client_for(make.facilitator(setup["arena"]), accept_language="en")
    before = snapshot()
    response = client.post(
        url(setup["commitment"]), data=form_for("continue"), follow_redirects=True
    )
    assert "already reached its target" in " ".join(flashes(response))
    assert snapshot() == before


def test_stop_needs_lessons_and_scale_up_makes_no_version(setup, client_for, make):
    client = client_for(make.facilitator(setup["arena"]), accept_language="en")
    commitment = setup["commitment"]
    before = snapshot()
    response = client.post(url(commitment), data=form_for("stop", lessons=""))
    assert response.status_code == 400 and "Write what was learned." in page_text(response)
    too_long = client.post(url(commitment), data=form_for("stop", rationale="x" * 2001))
    assert too_long.status_code == 400
    no_outcome = client.post(url(commitment), data=form_for("bogus"))
    assert no_outcome.status_code == 400
    assert snapshot() == before
    assert (
        client.post(url(commitment), data=form_for("scale_up", rationale="Bra\x00!")).status_code
        == 303
    )
    db.session.expire_all()
    assert commitment.status == "scaled_up" and commitment.review.rationale == "Bra!"
    assert snapshot()["commitments"] == before["commitments"][:-1] + [
        before["commitments"][-1][:1] + ("scaled_up",) + before["commitments"][-1][2:]
    ]


def test_review_page_is_prefilled_and_ignores_hidden_check_ins(setup, client_for, make):
    measure(setup["indicator"], 10.0, utcnow().date(), setup["owner"], hidden=True)
    db.session.commit()
    page = client_for(make.facilitator(setup["arena"]), accept_language="en").get(
        url(setup["commitment"])
    )
    text = page_text(page)
    assert page.status_code == 200
    assert "Plastavfall: 80 kg" in text
    assert "Next year's baseline: 80 kg" in text
    assert latest_values([setup["indicator"].id])[setup["indicator"].id].value == 80.0


def test_the_service_refuses_a_second_review(setup, make):
    facilitator = make.facilitator(setup["arena"])
    now = utcnow()
    services.review_commitment(
        facilitator, setup["commitment"], now=now, outcome="scale_up", rationale="Bra"
    )
    db.session.commit()
    with pytest.raises(ActionRefused) as refused:
        services.review_commitment(
            facilitator, setup["commitment"], now=now, outcome="stop", rationale="Nej", lessons="x"
        )
    assert refused.value.status == 409
    db.session.rollback()
    assert db.session.scalar(select(db.func.count(Review.id))) == 1
    assert db.session.scalar(select(db.func.count(Indicator.id))) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", 12.5),
        ("1 234,5", 1234.5),
        ("-3", -3.0),
        ("abc", None),
        ("1e400", None),
        ("1,2,3", None),
        ("99999999999999999", None),
    ],
)
def test_parse_number(text, expected):
    # The one number parser (core.numbers), as the review and adoption forms use it.
    try:
        parsed = parse_decimal(text)
    except ValueError:
        parsed = None
    assert parsed == expected
