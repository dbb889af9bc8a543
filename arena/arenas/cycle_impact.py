"""What a change of a live cycle's dates would touch, so a facilitator sees it first.

A date change needs a second, explicit confirmation (besides a reason) when it

- cuts a running vote short: voting is open now and would close earlier;
- reopens proposing (or sends the cycle back before proposing) after voting started;
- moves the proposing phase while it has proposals, or the voting phase while it
  has supports.

Moving a phase that nothing has happened in yet (e.g. the review, during voting)
is harmless and needs no confirmation. `assess` says which of these apply and how
many supports, proposals and people (distinct supporters and authors) are in the
cycle; `fingerprint` ties a confirmation to exactly those dates and counts, so a
confirmation given for one change (or before more supports came in) does not
pass another.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import func, select, union

from arena.arenas.models import Cycle
from arena.arenas.phases import Phase, phase_at
from arena.extensions import db
from arena.proposals.models import Proposal, Support

CUTS_VOTE_SHORT = "cuts_vote_short"
REOPENS_PROPOSING = "reopens_proposing"
MOVES_PROPOSING = "moves_proposing"
MOVES_VOTING = "moves_voting"

PROPOSING_DATES = ("proposing_opens_at", "voting_opens_at")
VOTING_DATES = ("voting_opens_at", "voting_closes_at")


@dataclass(frozen=True)
class DateImpact:
    """The concerns a change raises (empty: harmless) and what is in the cycle."""

    concerns: tuple[str, ...] = ()
    supports: int = 0
    proposals: int = 0
    people: int = 0
    # Supports given after the new closing date, when a running vote is cut short.
    supports_after_close: int = 0
    messages: tuple[str, ...] = field(default=(), compare=False)
    fingerprint: str = ""

    def __bool__(self) -> bool:
        return bool(self.concerns)

    def as_details(self) -> dict:
        """What the audit log keeps about it."""
        return {
            "concerns": list(self.concerns),
            "supports": self.supports,
            "proposals": self.proposals,
            "people": self.people,
        }


def count_supports(cycle: Cycle, *, since: datetime | None = None) -> int:
    query = (
        select(func.count(Support.id))
        .join(Proposal, Support.proposal_id == Proposal.id)
        .where(Proposal.cycle_id == cycle.id)
    )
    if since is not None:
        query = query.where(Support.created_at >= since)
    return db.session.scalar(query) or 0


def count_proposals(cycle: Cycle) -> int:
    return db.session.scalar(select(func.count(Proposal.id)).where(Proposal.cycle_id == cycle.id))


def count_people(cycle: Cycle) -> int:
    """Distinct people who supported or wrote a proposal in the cycle."""
    supporters = (
        select(Support.user_id.label("person"))
        .join(Proposal, Support.proposal_id == Proposal.id)
        .where(Proposal.cycle_id == cycle.id)
    )
    authors = select(Proposal.author_id.label("person")).where(Proposal.cycle_id == cycle.id)
    people = union(supporters, authors).subquery()
    return db.session.scalar(select(func.count()).select_from(people)) or 0


def _moved(cycle: Cycle, dates: dict[str, datetime], names) -> bool:
    return any(dates[name] != getattr(cycle, name) for name in names)


class _NewDates:
    """The new dates seen as a cycle, for `phase_at`."""

    def __init__(self, dates: dict[str, datetime]):
        self.__dict__.update(dates)


def _concerns(cycle: Cycle, dates: dict, now: datetime, supports: int, proposals: int):
    phase = phase_at(cycle, now)
    if phase == Phase.VOTING and dates["voting_closes_at"] < cycle.voting_closes_at:
        yield CUTS_VOTE_SHORT
    if now >= cycle.voting_opens_at and phase_at(_NewDates(dates), now) in (
        Phase.UPCOMING,
        Phase.PROPOSING,
    ):
        yield REOPENS_PROPOSING
    if proposals and _moved(cycle, dates, PROPOSING_DATES):
        yield MOVES_PROPOSING
    if supports and _moved(cycle, dates, VOTING_DATES):
        yield MOVES_VOTING


def _message(concern: str, dates: dict, now: datetime) -> str:
    if concern == CUTS_VOTE_SHORT:
        closes = format_date(dates["voting_closes_at"], "long")
        if dates["voting_closes_at"] <= now:
            return _(
                "Voting is open now and would end at once: the new closing day, "
                "%(date)s, has already begun or passed.",
                date=closes,
            )
        return _("Voting is open now and would close earlier, on %(date)s.", date=closes)
    if concern == REOPENS_PROPOSING:
        return _(
            "Voting has already started; the new dates would take the cycle back to before voting."
        )
    if concern == MOVES_PROPOSING:
        return _("Proposals have already been made, and the proposing phase moves.")
    return _("Supports have already been given, and the voting phase moves.")


def _fingerprint(dates: dict, counts: tuple) -> str:
    text = ";".join([*(dates[name].isoformat() for name in sorted(dates)), *map(str, counts)])
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def assess(cycle: Cycle, dates: dict[str, datetime], now: datetime) -> DateImpact:
    """What changing `cycle`'s dates to `dates` (stored instants) would touch at `now`."""
    if not _moved(cycle, dates, dates.keys()):
        return DateImpact()
    supports, proposals = count_supports(cycle), count_proposals(cycle)
    concerns = tuple(_concerns(cycle, dates, now, supports, proposals))
    if not concerns:
        return DateImpact()
    people = count_people(cycle)
    after_close = 0
    if CUTS_VOTE_SHORT in concerns and dates["voting_closes_at"] <= now:
        after_close = count_supports(cycle, since=dates["voting_closes_at"])
    counts = (supports, proposals, people, after_close)
    return DateImpact(
        concerns=concerns,
        supports=supports,
        proposals=proposals,
        people=people,
        supports_after_close=after_close,
        messages=tuple(_message(concern, dates, now) for concern in concerns),
        fingerprint=_fingerprint(dates, counts),
    )
