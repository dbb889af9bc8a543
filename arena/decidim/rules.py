"""Who may bring Decidim proposals into an arena and send its results back, and when.

Importing is for the arena's facilitators and for administrators (who set up the
link with the partner's Decidim). It is open while proposing or voting is: the
imported proposals join the cycle's proposals and can be supported here for the
rest of the vote, as paper proposals from workshops can; once voting has closed the
result is published, and adding proposals then would change a finished vote.
The results file (the arena's commitments) is for the facilitators and city staff,
who export everything else too, at any time.
"""

from datetime import datetime

from flask_babel import gettext as _

from arena.arenas.models import Arena, Cycle
from arena.arenas.phases import Phase, phase_at
from arena.core.permissions import is_admin, is_facilitator_of, is_staff

IMPORT_PHASES = (Phase.PROPOSING, Phase.VOTING)


def can_import(user, arena: Arena) -> bool:
    return is_facilitator_of(user, arena) or is_admin(user)


def why_not_import(user, cycle: Cycle | None, *, now: datetime) -> str | None:
    """The reason the import cannot be done, or None. `user` None is the command line,
    run by whoever runs the server: only the phase is checked then."""
    if user is not None and cycle is not None and not can_import(user, cycle.arena):
        return _(
            "Only the facilitators of %(arena)s and administrators can import proposals "
            "from Decidim.",
            arena=cycle.arena.name,
        )
    if cycle is None:
        return _("The arena has no cycle to import proposals into. Create the cycle first.")
    if phase_at(cycle, now) not in IMPORT_PHASES:
        return _(
            "Proposals from Decidim can be imported into the %(year)d cycle only while "
            "proposing or voting is open.",
            year=cycle.year,
        )
    return None


def can_export_results(user, arena: Arena) -> bool:
    return is_facilitator_of(user, arena) or is_staff(user)
