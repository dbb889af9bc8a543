"""The proposals the tally form has a box for.

One box per proposal of the cycle is right for an arena of a few dozen; in a cycle of
thousands it is a form of megabytes nobody can fill in on a phone (Järva's 9,878 boxes
made 2.4 MB and took two seconds). Past TALLY_CHOICES the form has boxes for the
proposals this workshop already counted or collected on paper, and for those found by
the words a facilitator searches for; saving replaces the numbers of the boxes shown,
and leaves the others as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from arena.proposals.models import Proposal
from arena.search.queries import proposal_ids_matching
from arena.workshops import queries
from arena.workshops.models import Workshop

TALLY_CHOICES = 100  # at most this many boxes before the form asks for a search
FOUND = 30  # boxes added by one search
MAX_QUERY_LENGTH = 200
MAX_SHOWN = 2000  # ids a posted form may say it showed


@dataclass(frozen=True)
class TallyChoices:
    proposals: list[Proposal] = field(default_factory=list)
    searchable: bool = False  # the cycle holds more: the form offers a search by words
    candidates: int = 0  # the proposals the tally could count, in all
    query: str = ""
    found: int = 0  # proposals the search found


def tally_choices(workshop: Workshop, user, *, query: str = "") -> TallyChoices:
    candidates = queries.count_tally_proposals(workshop)
    if candidates <= TALLY_CHOICES:
        return TallyChoices(queries.list_tally_proposals(workshop), False, candidates)
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    found = proposal_ids_matching(query, workshop.cycle, user, limit=FOUND) if query else []
    ids = queries.tallied_and_collected_ids(workshop) + found
    proposals = queries.list_tally_proposals(workshop, ids=ids)
    return TallyChoices(proposals, True, candidates, query, len(found))


def shown_choices(workshop: Workshop, shown: str | None) -> list[Proposal] | None:
    """The proposals whose boxes a posted form showed (its `shown` field: ids with
    commas), of those the tally may count; None when the form did not say (every
    candidate, as before the field existed)."""
    if shown is None:
        return None
    ids = [int(i) for i in shown.split(",")[:MAX_SHOWN] if i.strip().isdecimal() and len(i) < 12]
    return queries.list_tally_proposals(workshop, ids=ids)
