"""The story pages: /proposals/<id>/story and /commitments/<id>/story, linked from the
proposal's and the commitment's pages."""

from flask import Blueprint, g, render_template

from arena.commitments import queries as commitment_queries
from arena.proposals import queries as proposal_queries
from arena.reviews.labels import outcome_label
from arena.stories import queries

bp = Blueprint("stories", __name__)


def _render(story, *, arena, title, title_language, back_url, about):
    return render_template(
        "stories/story.html",
        story=story,
        arena=arena,
        title=title,
        title_language=title_language,
        back_url=back_url,
        about=about,
        outcome_label=outcome_label,
    )


@bp.get("/proposals/<int:proposal_id>/story")
def proposal(proposal_id):
    found = proposal_queries.get_proposal_or_404(proposal_id)
    story = queries.proposal_story(found, g.now)
    return _render(
        story,
        arena=found.cycle.arena,
        title=None if found.is_hidden else found.title,
        title_language=found.language,
        back_url=("proposals.show", {"proposal_id": found.id}),
        about="proposal",
    )


@bp.get("/commitments/<int:commitment_id>/story")
def commitment(commitment_id):
    found = commitment_queries.get_commitment_or_404(commitment_id)
    story = queries.commitment_story(found, g.now)
    return _render(
        story,
        arena=found.arena,
        title=found.title,
        title_language=found.language,
        back_url=("commitments.show", {"commitment_id": found.id}),
        about="commitment",
    )
