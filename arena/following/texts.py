"""What a notice says, in the reader's language, and where it leads.

The words are chosen when the notice is shown (on the page, or in a mail under
the recipient's language), from its kind and what it points at, so one notice
reads right in every language. A hidden proposal is never named: only the
arena and the facilitators' public reason are told.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from arena.arenas.phases import Phase
from arena.following.models import Notice, NoticeKind
from arena.reviews.labels import outcome_label
from arena.reviews.models import ReviewOutcome

# The review outcomes that make next year's version.
NEXT_VERSION_OUTCOMES = (ReviewOutcome.CONTINUE, ReviewOutcome.REVISE)

PHASE_OPENED = {
    Phase.PROPOSING: _l("Proposing has opened in %(arena)s: share your idea for the climate."),
    Phase.VOTING: _l("Voting has opened in %(arena)s, and proposing has closed."),
    Phase.SELECTION: _l(
        "Voting has closed in %(arena)s. The facilitators now choose the proposals that "
        "become commitments."
    ),
    Phase.TESTING: _l(
        "Testing has started in %(arena)s: the selected commitments are being carried out."
    ),
    Phase.REVIEW: _l("The yearly review has started in %(arena)s."),
    Phase.CLOSED: _l("The year's cycle in %(arena)s has closed."),
}

HEADLINES = {
    NoticeKind.SELECTED: _l("“%(title)s” was selected and becomes a commitment."),
    NoticeKind.NOT_SELECTED: _l("“%(title)s” was not selected."),
    NoticeKind.HIDDEN: _l("A proposal you follow in %(arena)s was hidden by the facilitators."),
    NoticeKind.AUTO_HIDDEN: _l(
        "A proposal you follow in %(arena)s was hidden automatically after several reports, "
        "until the facilitators have looked at it."
    ),
    NoticeKind.MERGED: _l("“%(title)s” was merged into another proposal with the same idea."),
    NoticeKind.CHECK_IN: _l("New check-in on “%(title)s”."),
    NoticeKind.REVIEWED: _l("“%(title)s” was reviewed: %(outcome)s."),
    NoticeKind.NEW_VERSION: _l("“%(title)s” goes on next year in a new version."),
    NoticeKind.ADOPTED: _l("“%(title)s” was adopted by another arena: %(other)s."),
}

# The label put before a notice's detail text.
DETAIL_LABELS = {
    NoticeKind.SELECTED: _l("Why"),
    NoticeKind.NOT_SELECTED: _l("Why"),
    NoticeKind.HIDDEN: _l("Public reason"),
    NoticeKind.MERGED: _l("Why"),
    NoticeKind.CHECK_IN: _l("What was reported"),
    NoticeKind.REVIEWED: _l("Why"),
}


@dataclass(frozen=True)
class Shown:
    headline: str
    detail_label: str | None
    detail: str
    endpoint: str
    values: dict
    # The decision told was undone or changed after the notice was mailed.
    changed_later: bool = False


def _where(notice: Notice) -> tuple[str, dict]:
    if notice.kind == NoticeKind.PHASE:
        return "arenas.show", {"slug": notice.arena.slug}
    if notice.kind == NoticeKind.MERGED and notice.related_id:
        return "proposals.show", {"proposal_id": notice.related_id}
    if notice.proposal_id is not None:
        return "proposals.show", {"proposal_id": notice.proposal_id}
    if notice.kind in (NoticeKind.NEW_VERSION, NoticeKind.ADOPTED) and notice.related_id:
        return "commitments.show", {"commitment_id": notice.related_id}
    return "commitments.show", {"commitment_id": notice.commitment_id}


def _headline(notice: Notice) -> str:
    arena = notice.arena.name if notice.arena is not None else ""
    if notice.kind == NoticeKind.PHASE:
        message = PHASE_OPENED.get(notice.detail)
        return str(message) % {"arena": arena} if message else arena
    message = HEADLINES.get(notice.kind)
    if message is None:
        return _("Something changed in %(arena)s.", arena=arena)
    target = notice.proposal or notice.commitment
    return str(message) % {
        "arena": arena,
        "title": getattr(target, "title", ""),
        "outcome": outcome_label(notice.detail.partition("\n")[0], short=True).lower()
        if notice.kind == NoticeKind.REVIEWED
        else "",
        "other": notice.detail if notice.kind == NoticeKind.ADOPTED else "",
    }


def _changed_later(notice: Notice) -> bool:
    """Whether what a kept (already mailed) notice told no longer holds: a selection
    undone or decided otherwise, a review's outcome changed, a hidden proposal shown."""
    if notice.kind in (NoticeKind.SELECTED, NoticeKind.NOT_SELECTED):
        return notice.proposal is not None and notice.proposal.status != notice.kind
    if notice.kind == NoticeKind.REVIEWED and notice.commitment is not None:
        review = notice.commitment.review
        return review is None or review.outcome != notice.detail.partition("\n")[0]
    if notice.kind in (NoticeKind.HIDDEN, NoticeKind.AUTO_HIDDEN):
        return notice.proposal is not None and not notice.proposal.is_hidden
    if notice.kind == NoticeKind.NEW_VERSION and notice.commitment is not None:
        review = notice.commitment.review
        return review is None or review.outcome not in NEXT_VERSION_OUTCOMES
    return False


def show(notice: Notice) -> Shown:
    """The notice in the current language."""
    endpoint, values = _where(notice)
    changed_later = _changed_later(notice)
    if changed_later and notice.kind == NoticeKind.NEW_VERSION:
        # That version was taken back with the decision: lead to the commitment itself.
        endpoint, values = "commitments.show", {"commitment_id": notice.commitment_id}
    label = DETAIL_LABELS.get(notice.kind)
    detail = "" if notice.kind in (NoticeKind.PHASE, NoticeKind.REVIEWED) else notice.detail
    if notice.kind == NoticeKind.REVIEWED:
        # The outcome is in the headline; the rationale follows after a line break.
        detail = notice.detail.partition("\n")[2]
    if notice.kind == NoticeKind.ADOPTED:
        detail = ""
    return Shown(
        headline=_headline(notice),
        detail_label=str(label) if label and detail else None,
        detail=detail,
        endpoint=endpoint,
        values=values,
        changed_later=changed_later,
    )
