"""The authorization matrix: every endpoint × method of the URL map × every role, against
the expected outcomes in tests/security/authorization_table.py (issue 10).

One test per database walks the whole map over one shared scene and lists every
mismatch at once; each request is rolled back, so no role's request changes what the
next one meets. Nothing may answer with a 5xx, for any role.
"""

import time

from sqlalchemy import func, select

from arena.extensions import db
from tests.security import matrix
from tests.security.authorization_table import expected
from tests.security.scenario import ROLES, build_scenario

HOW_TO_ADD = (
    "add a line to EXPECTED in tests/security/authorization_table.py, e.g.\n"
    '    ("{endpoint}", "{method}"): SIGNED_IN,\n'
    "with the grouping that says who may use it (PUBLIC, SIGNED_IN, CONNECTED, FACILITATOR, "
    "STAFF, ADMIN…)"
)


def test_every_endpoint_has_an_expected_outcome_and_every_entry_an_endpoint(app):
    table = expected()
    found = {route.key: route for route in matrix.routes(app)}
    missing = [found[key] for key in sorted(set(found) - set(table))]
    stale = sorted(set(table) - set(found))
    problems = [
        f"{route.endpoint} {route.method} ({route.rule.rule}) has no expected outcome: "
        + HOW_TO_ADD.format(endpoint=route.endpoint, method=route.method)
        for route in missing
    ] + [
        f"{endpoint} {method} is in the table but not in the URL map: remove its line "
        "from EXPECTED in tests/security/authorization_table.py"
        for endpoint, method in stale
    ]
    assert not problems, "\n\n".join(problems)
    for key, outcomes in table.items():
        assert set(outcomes) == set(ROLES), f"{key}: give an outcome for each of {ROLES}"
        for outcome in outcomes.values():
            allowed = outcome if isinstance(outcome, frozenset) else {outcome}
            assert allowed <= set(matrix.OUTCOMES), f"{key}: unknown outcome {outcome!r}"


def _row_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def _matches(outcome: str, wanted) -> bool:
    return outcome in wanted if isinstance(wanted, frozenset) else outcome == wanted


def _shown(wanted) -> str:
    return " or ".join(sorted(wanted)) if isinstance(wanted, frozenset) else wanted


def test_every_role_meets_the_expected_outcome_at_every_endpoint(app, make, client_for):
    started = time.perf_counter()
    scenario = build_scenario(make)
    table = expected()
    before = _row_counts()
    mismatches, errors, checked = [], [], 0
    for route in matrix.routes(app):
        if route.key not in table:
            continue  # the test above names it
        url = matrix.address(app, route, scenario)
        for role in ROLES:
            got = matrix.run(client_for, route, url, scenario.users[role])
            checked += 1
            if got.startswith("error"):
                errors.append(f"{route.method} {url} as {role}: {got}")
            wanted = table[route.key][role]
            if not _matches(got, wanted):
                mismatches.append(
                    f"{route.endpoint} {route.method} {url}\n"
                    f"    as {role}: expected {_shown(wanted)}, got {got}"
                )
    print(f"{checked} requests in {time.perf_counter() - started:.1f} s")
    # Each request was rolled back: had one leaked, later roles would have met another scene.
    assert _row_counts() == before
    assert not errors, "5xx answers:\n" + "\n".join(errors)
    assert not mismatches, (
        f"{len(mismatches)} of {checked} requests met something else than "
        "tests/security/authorization_table.py expects:\n" + "\n".join(mismatches)
    )


# Addresses that name an arena and something inside it: named with another arena's slug,
# the thing must not be found, even by that other arena's facilitators (whose rights
# the slug would otherwise lend them). reviews.adopt names its *target* arena on purpose;
# a cycle's year is not an id: every arena has its own cycle of the year.
# The open data's files are named by arena and year only, public for every arena.
CROSS_ARENA_EXEMPT = {"reviews.adopt", "arenas.edit_cycle"} | {
    f"opendata.{name}"
    for name in ("year", "bundle", "datapackage", "readme", "table_csv", "workbook", "data_json")
}


def test_a_thing_named_under_another_arena_is_not_found(app, make, client_for):
    scenario = build_scenario(make)
    scenario.values["slug"] = scenario.named["other_slug"]
    problems, checked = [], []
    for route in matrix.routes(app):
        arguments = route.rule.arguments
        if "slug" not in arguments or len(arguments) < 2 or route.endpoint in CROSS_ARENA_EXEMPT:
            continue
        url = matrix.address(app, route, scenario)
        checked.append(url)
        got = matrix.run(client_for, route, url, scenario.users["facilitator_elsewhere"])
        if got != matrix.NOT_FOUND:
            problems.append(f"{route.method} {url} as facilitator_elsewhere: {got}")
    assert len(checked) >= 5, checked  # the workshops' pages at least
    assert not problems, "\n".join(problems)


def test_an_indicator_named_under_another_commitment_is_not_found(app, make, client_for):
    """Järva's facilitators may change Järva's commitment, but not, through its address,
    an indicator of Skärholmen's."""
    scenario = build_scenario(make)
    scenario.values["indicator_id"] = scenario.named["other_indicator"]
    problems = []
    for endpoint, method in [
        ("commitments.edit_indicator", "GET"),
        ("commitments.edit_indicator", "POST"),
        ("commitments.delete_indicator", "POST"),
    ]:
        route = next(r for r in matrix.routes(app) if r.key == (endpoint, method))
        url = matrix.address(app, route, scenario)
        got = matrix.run(client_for, route, url, scenario.users["facilitator"])
        if got != matrix.NOT_FOUND:
            problems.append(f"{method} {url} as facilitator: {got}")
    assert not problems, "\n".join(problems)
