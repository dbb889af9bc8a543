"""The scenario's rows as the hostile-input targets need them, and the people who send."""

from datetime import timedelta

from sqlalchemy import select

from arena.accounts.models import User
from arena.arenas.models import Arena, Cycle
from arena.commitments.models import Commitment, Indicator
from arena.core.time import utcnow
from arena.extensions import db
from arena.moderation.models import Report
from arena.organisations.models import Organisation
from arena.proposals.models import Comment, Proposal
from arena.staff.scale_models import CityRecommendation

# The demo accounts (arena/demo/data.py) by role, and Layla, admin of the demo's association.
ROLES = {
    "resident": "resident@example.org",
    "facilitator": "facilitator@example.org",
    "staff": "staff@example.org",
    "admin": "admin@example.org",
    "layla": "layla@example.org",
}


class Scene:
    """Rows of the scenario, looked up (ids differ from database to database) and memoised."""

    def __init__(self, world, client_for):
        self.world = world
        self.client_for = client_for
        self.memo = {}

    def remember(self, key, make):
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]

    def user(self, role) -> User:
        return db.session.scalar(select(User).where(User.email == ROLES[role]))

    def cycle(self, slug, year=None) -> Cycle:
        arena = db.session.scalar(select(Arena).where(Arena.slug == slug))
        return max((c for c in arena.cycles if year in (None, c.year)), key=lambda c: c.year)

    def proposal(self, slug, *where) -> Proposal:
        found = select(Proposal.id).where(Proposal.cycle_id == self.cycle(slug).id, *where)
        return db.session.scalar(found.order_by(Proposal.id).limit(1))

    def open_proposal(self, slug) -> int:
        return self.proposal(slug, Proposal.hidden_at.is_(None), Proposal.merged_into_id.is_(None))

    def reported_comment(self) -> int:
        found = select(Report.comment_id).where(Report.comment_id.is_not(None))
        return db.session.scalar(found.where(Report.resolved_at.is_(None)).limit(1))

    def comment(self) -> int:
        found = select(Comment.id).where(Comment.hidden_at.is_(None), Comment.parent_id.is_(None))
        return db.session.scalar(found.order_by(Comment.id).limit(1))

    def commitment(self, slug="sgid", *where) -> int:
        found = select(Commitment.id).join(Arena).join(Indicator).where(Arena.slug == slug, *where)
        return db.session.scalar(found.order_by(Commitment.id).limit(1))

    def indicator(self) -> tuple[int, int]:
        commitment = self.commitment()
        found = select(Indicator.id).where(Indicator.commitment_id == commitment)
        return commitment, db.session.scalar(found.order_by(Indicator.id.desc()).limit(1))

    def new_indicator(self) -> tuple[int, int]:
        """An indicator nobody has measured yet: the only kind that may be deleted."""
        commitment = db.session.get(Commitment, self.commitment())
        today = utcnow().date()
        indicator = Indicator(
            commitment=commitment,
            name="Ny",
            unit="st",
            direction="up",
            baseline_value=1.0,
            baseline_on=today - timedelta(days=30),
            target_value=2.0,
            target_on=today + timedelta(days=300),
        )
        db.session.add(indicator)
        db.session.commit()
        return commitment.id, indicator.id

    def recommended(self) -> int:
        return db.session.scalar(select(CityRecommendation.commitment_id).limit(1))

    def association(self) -> int:
        return db.session.scalar(select(Organisation.id).where(Organisation.name.like("Hyres%")))

    def post(self, role, path, data=None, status=303):
        response = self.client_for(role).post(path, data=data or {})
        assert response.status_code == status, (
            f"setting up: POST {path} as {role}: {response.status}"
        )
        return response
