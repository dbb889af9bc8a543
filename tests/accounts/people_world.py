"""One person with something in every corner of the site, and two others around her:
what "Download my data" must show and "Delete my account" must erase or keep."""

from dataclasses import dataclass

from arena.accounts.models import FacilitatorRole, User
from arena.audit import services as audit
from arena.commitments.models import Commitment
from arena.extensions import db
from arena.mail import outbox
from arena.moderation.models import Report
from arena.proposals.models import Comment, Participation, Proposal, Support
from arena.representation import services as representation
from tests.commitments.followup_helpers import make_commitment


@dataclass
class World:
    arena: object
    cycle: object
    anna: User
    bertil: User
    carl: User
    staff: User
    own: Proposal
    others: Proposal
    commitment: Commitment


def _support(user, proposal):
    db.session.add(Support(user=user, proposal=proposal))
    participation = db.session.scalar(
        db.select(Participation).where(
            Participation.user_id == user.id, Participation.cycle_id == proposal.cycle_id
        )
    )
    if participation is None:
        participation = Participation(user_id=user.id, cycle_id=proposal.cycle_id)
        db.session.add(participation)
    participation.supports_used = (participation.supports_used or 0) + 1
    proposal.support_count += 1


def build_world(make, client_for) -> World:
    """Voting has closed (counts are public). Anna wrote a proposal and a comment,
    supported Bertil's proposal, joined a commitment, reported Bertil's proposal,
    belongs to an organisation, answered the profile questions and facilitates."""
    arena = make.arena("Skärholmen", slug="skarholmen")
    cycle = make.cycle(arena, phase="selection")
    anna = make.user(connected_to=arena, display_name="Anna Andersson", email="anna@example.org")
    bertil = make.user(connected_to=arena, display_name="Bertil Berg", email="bertil@example.org")
    carl = make.user(connected_to=arena, display_name="Carl Cederlund", email="carl@example.org")
    staff = make.user(is_staff=True, display_name="Stina Stad", email="stina@example.org")
    own = make.proposal(cycle, author=anna, title="Cykelkök i Skärholmen")
    others = make.proposal(cycle, author=bertil, title="Fler parkbänkar")
    make.organisation(members=[anna, carl], arenas=[arena], name="Föreningen Eken")
    for person, proposal in ((anna, others), (bertil, own), (carl, own), (carl, others)):
        _support(person, proposal)
    db.session.add(Comment(proposal=others, author=anna, body="Gärna vid torget!", language="sv"))
    for person in (anna, carl):
        db.session.add(
            Report(
                arena_id=arena.id,
                proposal=others,
                reporter=person,
                reason="duplicate",
                note=f"Anmält av {person.display_name}",
            )
        )
    representation.save_profile_answers(anna, {"age_band": "25-34", "gender": "woman"})
    db.session.commit()
    db.session.add(FacilitatorRole(user=anna, arena=arena))
    audit.record(anna, "proposal.hide", arena=arena, target=others, reason="Dubblett")
    outbox.queue_for_user(anna, "account_deleted", subject="Old pending mail")
    db.session.commit()
    commitment = make_commitment(make, arena, title="Laga cyklar tillsammans")
    assert client_for(anna).post(f"/commitments/{commitment.id}/join").status_code == 303
    assert client_for(carl).post(f"/commitments/{commitment.id}/join").status_code == 303
    return World(arena, cycle, anna, bertil, carl, staff, own, others, commitment)
