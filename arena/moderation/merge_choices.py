"""The proposals the merge form offers.

A select of every published proposal of the cycle is what a facilitator wants in an
arena of a few dozen; in a cycle of thousands it is a page of megabytes nobody can
scroll (Järva's 9,873 made 700 KB). Past MERGE_CHOICES the form offers the likeliest
duplicates (the proposals sharing most telling words with this one, as the proposal
form's "similar proposals" does), the one a link named, and the proposals found by
the words a facilitator searched for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from arena.moderation import queries
from arena.proposals.models import Proposal
from arena.search.queries import proposal_ids_matching, similar_proposals

MERGE_CHOICES = 50  # at most this many proposals in the select
LIKELIEST = 10  # duplicates suggested before any search
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class MergeChoices:
    proposals: list[Proposal] = field(default_factory=list)
    searchable: bool = False  # the cycle holds more: the form offers a search by words
    candidates: int = 0  # the proposals it could be merged into, in all
    query: str = ""  # the words searched for, if any


def merge_choices(source: Proposal, user, *, wanted: str = "", query: str = "") -> MergeChoices:
    """What to offer for merging `source`: every candidate when there are few; else
    the likeliest, the `wanted` one (an id, from a link or a posted form) and what
    `query` finds."""
    candidates = queries.count_merge_candidates(source)
    if candidates <= MERGE_CHOICES:
        return MergeChoices(queries.list_merge_candidates(source), False, candidates)
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    ids = [] if query else _likeliest(source)
    if wanted.isdecimal() and len(wanted) <= 12:
        ids.append(int(wanted))
    if query:
        ids += proposal_ids_matching(
            query, source.cycle, user, limit=MERGE_CHOICES, status="published"
        )
    proposals = queries.list_merge_candidates(source, ids=ids[: MERGE_CHOICES + 1])
    return MergeChoices(proposals, True, candidates, query)


def _likeliest(source: Proposal) -> list[int]:
    text = f"{source.title}\n{source.summary or ''}"
    found = similar_proposals(
        source.cycle.arena_id,
        source.cycle.year,
        text,
        source.language,
        limit=LIKELIEST,
        exclude=[source.id],
    )
    return [result.document.item_id for result in found]
