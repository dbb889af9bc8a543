"""One shared scene for the authorization matrix: every kind of thing an address can name.

Järva is "this arena". Its current cycle (the newest running) is proposing; this year's
is voting (support, comment, merge and workshop input are open on its proposal); last
year's is in selection (a proposal to decide on) and the year before's is in review (a
commitment to review, check in on and edit; a scaled-up one another arena can adopt and
staff can recommend; one already recommended). Skärholmen is "another arena", with a
cycle still proposing, so it can adopt Järva's scaled-up commitment.

Everything is made by a separate author, so that each role meets it as a stranger: the
matrix says who may act on things that are not their own.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from arena.arenas.models import DistrictStatistic
from arena.audit.models import AuditEntry
from arena.commitments.models import CheckIn, Commitment, Indicator, IndicatorValue, Pledge
from arena.core.time import utcnow
from arena.extensions import db
from arena.mail.models import MessageStatus, OutboxMessage
from arena.moderation.models import Report
from arena.organisations.models import OrganisationInvitation, OrganisationMember
from arena.proposals.models import Comment
from arena.reviews.models import Review
from arena.staff.indicator_models import ComparisonGroup, ComparisonMember
from arena.staff.scale_models import CityRecommendation
from arena.workshops.models import Workshop

ROLES = (
    "anonymous",
    "unverified",
    "resident",
    "facilitator",
    "facilitator_elsewhere",
    "staff",
    "admin",
)


@dataclass
class Scenario:
    """Plain values only (ids, slugs): the rows' session is gone once the scene is built."""

    users: dict[str, int | None]  # role → user id (None: anonymous)
    values: dict[str, object]  # URL argument name → value, for every rule
    named: dict[str, object] = field(default_factory=dict)  # other values, for overrides


def build_scenario(make) -> Scenario:
    now = utcnow()
    with make.batch():
        jarva = make.arena("Järva", slug="jarva")
        skarholmen = make.arena("Skärholmen", slug="skarholmen")
        year = now.year
        make.cycle(jarva, phase="proposing", year=year + 1)  # the current one: newest running
        voting = make.cycle(jarva, phase="voting", year=year)
        selecting = make.cycle(jarva, phase="selection", year=year - 1)
        reviewing = make.cycle(jarva, phase="review", year=year - 2)
        elsewhere = make.cycle(skarholmen, phase="proposing", year=year)

        users = _roles(make, jarva, skarholmen, now)
        author = make.user(connected_to=jarva, display_name="Författare", verified_at=now)
        theme = make.theme("transport")
        proposal = make.proposal(voting, author=author, theme=theme)
        to_decide = make.proposal(selecting, author=author, theme=theme, support_count=3)
        comment = _add(Comment(proposal=proposal, author=author, body="Bra idé.", language="sv"))
        _add(
            Report(arena_id=jarva.id, proposal_id=proposal.id, reporter_id=author.id, reason="spam")
        )
        workshop = _add(
            Workshop(
                cycle_id=voting.id,
                held_at=voting.proposing_opens_at + timedelta(days=3),
                place="Tensta träff",
                language="sv",
                participant_count=12,
                created_by_id=author.id,
            )
        )
        organisation = make.organisation(name="Tensta odlare", arenas=[jarva])
        member = _add(OrganisationMember(organisation=organisation, user=author, is_admin=True))
        # Someone else's invitation: no role may answer it.
        invitation = _add(
            OrganisationInvitation(
                organisation=organisation,
                email="invited@example.org",
                invited_by_id=author.id,
                expires_at=now + timedelta(days=30),
            )
        )

        failed_mail = _add(
            OutboxMessage(
                kind="test_message",
                to_address="someone@example.org",
                language="sv",
                subject="Test",
                body_text="Test",
                body_html="<p>Test</p>",
                status=MessageStatus.FAILED,
                attempts=6,
            )
        )
        follow_up = _follow_up(reviewing, elsewhere, author, now)
        _add(
            AuditEntry(
                actor_id=author.id,
                arena_id=jarva.id,
                action="proposal.hide",
                target_type="proposal",
                target_id=proposal.id,
                reason="Test",
            )
        )
        values = {
            "slug": jarva.slug,
            "year": voting.year,
            "proposal_id": proposal.id,
            "item_id": proposal.id,
            "comment_id": comment.id,
            "commitment_id": follow_up["commitment"],
            "indicator_id": follow_up["indicator"],
            "organisation_id": organisation.id,
            "member_id": member.id,
            "invitation_id": invitation.id,
            "message_id": failed_mail.id,
            "workshop_id": workshop.id,
            "group_id": follow_up["group"],
            "batch": "no-such-batch",
            "label": "no-such-batch",
            "token": "not-a-valid-token",
            "table": "proposals",  # an open-data table
            "kind": "proposal",  # what a follow button follows
            "target_id": proposal.id,
        }
        named = {
            "other_slug": skarholmen.slug,
            "proposal_to_decide": to_decide.id,
            "scaled_commitment": follow_up["scaled"],
            "recommended_commitment": follow_up["recommended"],
            "other_indicator": follow_up["other_indicator"],  # of Skärholmen's commitment
        }
    return Scenario(users=users, values=values, named=named)


def _follow_up(reviewing, elsewhere, author, now) -> dict[str, int]:
    """Commitments under review: one to review, one scaled up, one also recommended by
    the city; one in Skärholmen; a comparison group of indicators; a district figure."""
    commitment = _commitment(reviewing, "Cykla till skolan", "active", author)
    indicator = _indicator(commitment, author, now)
    scaled = _commitment(reviewing, "Sortera plasten", "scaled_up", author)
    scaled_indicator = _indicator(scaled, author, now)
    _add(
        Review(
            commitment_id=scaled.id,
            outcome="scale_up",
            rationale="Det fungerade.",
            decided_by_id=author.id,
        )
    )
    recommended = _commitment(reviewing, "Laga cyklar", "scaled_up", author)
    _add(
        Review(
            commitment_id=recommended.id,
            outcome="scale_up",
            rationale="Bra.",
            decided_by_id=author.id,
        )
    )
    _add(
        CityRecommendation(commitment_id=recommended.id, note="Prova.", recommended_by_id=author.id)
    )
    other_indicator = _indicator(_commitment(elsewhere, "Odla", "active", author), author, now)
    group = _add(ComparisonGroup(name="Cykling", created_by_id=author.id))
    _add(ComparisonMember(group_id=group.id, indicator_id=indicator.id))
    _add(ComparisonMember(group_id=group.id, indicator_id=scaled_indicator.id))
    _add(
        DistrictStatistic(
            arena_id=reviewing.arena_id,
            indicator="Cykelandel",
            year=reviewing.year,
            value=12.5,
            unit="%",
            source="SCB",
        )
    )
    return {
        "commitment": commitment.id,
        "indicator": indicator.id,
        "scaled": scaled.id,
        "recommended": recommended.id,
        "other_indicator": other_indicator.id,
        "group": group.id,
    }


def _roles(make, jarva, skarholmen, now) -> dict[str, int | None]:
    people = {
        "unverified": make.user(connected_to=jarva, verified_at=None),
        "resident": make.user(connected_to=jarva, verified_at=now),
        "facilitator": make.facilitator(jarva, verified_at=now),
        "facilitator_elsewhere": make.facilitator(skarholmen, verified_at=now),
        "staff": make.user(is_staff=True, verified_at=now),
        "admin": make.user(is_admin=True, verified_at=now),
    }
    return {"anonymous": None} | {role: user.id for role, user in people.items()}


def _add(row):
    db.session.add(row)
    db.session.flush()
    return row


def _commitment(cycle, title, status, owner) -> Commitment:
    commitment = _add(
        Commitment(
            arena_id=cycle.arena_id,
            cycle_id=cycle.id,
            title=title,
            status=status,
            description="Vi gör det.",
            owner_users=[owner],
        )
    )
    _add(Pledge(commitment_id=commitment.id, user_id=owner.id))
    return commitment


def _indicator(commitment, author, now) -> Indicator:
    today = now.date()
    indicator = _add(
        Indicator(
            commitment_id=commitment.id,
            name="Cykelturer",
            unit="turer",
            direction="up",
            baseline_value=10.0,
            baseline_on=today - timedelta(days=300),
            target_value=20.0,
            target_on=today + timedelta(days=60),
        )
    )
    _add(
        CheckIn(
            commitment_id=commitment.id,
            author_id=author.id,
            reported_on=today,
            values=[IndicatorValue(indicator_id=indicator.id, value=14.0)],
        )
    )
    return indicator
