"""What load/run.py checks in the database after a load run: every acknowledged
support is stored and every acknowledged withdrawal is gone (and nothing else
changed), the counters equal their rows, and nobody is over their budget."""

from __future__ import annotations

from sqlalchemy import create_engine, text

SUPPORT_PAIRS = text(
    "SELECT u.email, s.proposal_id FROM supports s JOIN users u ON u.id = s.user_id"
)
COUNTS_OFF = text(
    "SELECT COUNT(*) FROM proposals p WHERE p.support_count <> "
    "(SELECT COUNT(*) FROM supports s WHERE s.proposal_id = p.id)"
)
# One grouping of all supports, joined to the budgets: a subquery per budget made
# SQLite walk a whole cycle's proposals for each of 50,000 people (hours at city scale).
USED_OFF = text(
    "SELECT COUNT(*) FROM participations pa LEFT JOIN (SELECT s.user_id, p.cycle_id, "
    " COUNT(*) AS n FROM supports s JOIN proposals p ON p.id = s.proposal_id "
    " GROUP BY s.user_id, p.cycle_id) used "
    "ON used.user_id = pa.user_id AND used.cycle_id = pa.cycle_id "
    "WHERE pa.supports_used <> COALESCE(used.n, 0)"
)
# Supports without a participation row count as over budget too.
OVER_BUDGET = text(
    "SELECT COUNT(*) FROM (SELECT s.user_id, p.cycle_id, COUNT(*) AS n FROM supports s "
    " JOIN proposals p ON p.id = s.proposal_id GROUP BY s.user_id, p.cycle_id) used "
    "JOIN cycles c ON c.id = used.cycle_id WHERE used.n > c.support_budget"
)


def support_pairs(url: str) -> set[tuple[str, int]]:
    engine = create_engine(url)
    with engine.connect() as connection:
        pairs = {(email, pid) for email, pid in connection.execute(SUPPORT_PAIRS)}
    engine.dispose()
    return pairs


def check(url: str, before: set[tuple[str, int]], ledger: list) -> list[str]:
    """The problems found (none: all is well)."""
    after = support_pairs(url)
    expected = set(before)
    for email, proposal_id, verb in ledger:
        pair = (email, proposal_id)
        if verb == "support":
            expected.add(pair)
        else:
            expected.discard(pair)
    problems = []
    lost = expected - after
    if lost:
        problems.append(f"{len(lost)} acknowledged supports are not stored: {sorted(lost)[:5]}")
    extra = after - expected
    if extra:
        problems.append(f"{len(extra)} supports stored, never acknowledged: {sorted(extra)[:5]}")
    engine = create_engine(url)
    with engine.connect() as connection:
        for query, what in (
            (COUNTS_OFF, "proposals whose support count differs from their supports"),
            (USED_OFF, "budgets whose supports used differ from the supports"),
            (OVER_BUDGET, "people over their budget in a cycle"),
        ):
            found = connection.scalar(query)
            if found:
                problems.append(f"{found} {what}")
    engine.dispose()
    return problems
