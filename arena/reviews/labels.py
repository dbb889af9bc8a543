"""What the review outcomes are called, in full (the form) and short (tables, lineage)."""

from flask_babel import lazy_gettext as _l

from arena.reviews.models import ReviewOutcome

OUTCOME_LABELS = {
    ReviewOutcome.CONTINUE: _l("Continue unchanged next year"),
    ReviewOutcome.REVISE: _l("Revise it for next year"),
    ReviewOutcome.SCALE_UP: _l("Scale it up: offer it to other arenas"),
    ReviewOutcome.STOP: _l("Stop it"),
}

OUTCOME_SHORT_LABELS = {
    ReviewOutcome.CONTINUE: _l("Continued"),
    ReviewOutcome.REVISE: _l("Revised"),
    ReviewOutcome.SCALE_UP: _l("Scaled up"),
    ReviewOutcome.STOP: _l("Stopped"),
}


def outcome_label(key: str, short: bool = False) -> str:
    labels = OUTCOME_SHORT_LABELS if short else OUTCOME_LABELS
    try:
        return str(labels[ReviewOutcome(key)])
    except ValueError:
        return key
