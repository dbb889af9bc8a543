"""Staff: the commitments of one arena's cycle (the list behind the side-by-side numbers)."""

from flask import abort, g, render_template, request

from arena.arenas import queries as arena_queries
from arena.staff.commitment_list import list_commitment_rows
from arena.staff.compare_views import chosen_year
from arena.staff.sources import CommitmentStatus, commitment_status_label
from arena.staff.views import bp


@bp.get("/commitments/<slug>")
def commitments(slug):
    arena = arena_queries.get_arena_by_slug_or_404(slug)
    year = chosen_year()
    cycle = arena_queries.get_cycle(arena, year)
    if cycle is None:
        abort(404)
    # An unknown status shows them all, as the side-by-side page's unknown sort does.
    status = request.args.get("status")
    status = status if status in set(CommitmentStatus) else None
    only_overdue = request.args.get("overdue") == "1"
    rows = list_commitment_rows(cycle, g.now, status=status)
    if only_overdue:
        rows = [row for row in rows if row.is_overdue]
    return render_template(
        "staff/commitments.html",
        arena=arena,
        cycle=cycle,
        rows=rows,
        status=status,
        only_overdue=only_overdue,
        statuses=list(CommitmentStatus),
        commitment_status_label=commitment_status_label,
    )
