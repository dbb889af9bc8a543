"""The machinery of the authorization matrix: the URL map's endpoints, an address for each
from the scene, one request per role that leaves no trace, and what became of it.

Each request runs inside a transaction that is rolled back afterwards: the view's own
commits only release a savepoint, so a sign-out, a hidden proposal or a deleted
indicator never changes what the next role meets.
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from arena.accounts.models import User
from arena.extensions import db

IGNORED_ENDPOINTS = {"static"}
METHODS = ("GET", "POST")

# Outcomes: what a role met, read from the answer alone.
OK = "ok"  # GET: 2xx. POST: 2xx or a redirect other than to sign-in ("not refused")
SIGN_IN = "sign_in"  # a redirect to the sign-in page
REDIRECT = "redirect"  # GET: a redirect elsewhere (e.g. signed in → your page)
FORBIDDEN = "forbidden"  # 403: not for this person (or not now: rules refuse with 403 too)
NOT_FOUND = "not_found"  # 404
REFUSED = "refused"  # 400/409/422, or an error message flashed: a rule's refusal, explained
CONNECT = "connect"  # sent to declare a connection to the arena first
OUTCOMES = (OK, SIGN_IN, REDIRECT, FORBIDDEN, NOT_FOUND, REFUSED, CONNECT)

# Which scene value fills a URL argument, where it is not the value of the same name.
URL_OVERRIDES = {
    "reviews.adopt": {"slug": "other_slug", "commitment_id": "scaled_commitment"},
    "staff.recommend": {"commitment_id": "scaled_commitment"},
    "staff.withdraw_recommendation": {"commitment_id": "recommended_commitment"},
    "selections.decide": {"proposal_id": "proposal_to_decide"},
    "selections.select": {"proposal_id": "proposal_to_decide"},
    "selections.not_select": {"proposal_id": "proposal_to_decide"},
    "selections.undo": {"proposal_id": "proposal_to_decide"},
    "moderation.hide_proposal": {"item_id": "proposal_id"},
    "moderation.restore_proposal": {"item_id": "proposal_id"},
    "moderation.dismiss_proposal_reports": {"item_id": "proposal_id"},
    "moderation.hide_comment": {"item_id": "comment_id"},
    "moderation.restore_comment": {"item_id": "comment_id"},
    "moderation.dismiss_comment_reports": {"item_id": "comment_id"},
}


@dataclass(frozen=True)
class Route:
    endpoint: str
    method: str
    rule: object  # werkzeug Rule

    @property
    def key(self) -> tuple[str, str]:
        return (self.endpoint, self.method)


def routes(app) -> list[Route]:
    """Every endpoint × method of the URL map (HEAD and OPTIONS come with GET)."""
    found = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint in IGNORED_ENDPOINTS:
            continue
        for method in sorted(rule.methods & set(METHODS)):
            found.setdefault((rule.endpoint, method), Route(rule.endpoint, method, rule))
    return [found[key] for key in sorted(found)]


def address(app, route: Route, scenario) -> str:
    """The route's URL with its arguments filled from the scene."""
    overrides = URL_OVERRIDES.get(route.endpoint, {})
    values = {}
    for argument in route.rule.arguments - set(route.rule.defaults or {}):
        source = overrides.get(argument, argument)
        pool = scenario.named if source in scenario.named else scenario.values
        if source not in pool:
            raise LookupError(
                f"{route.endpoint}: no scene value for the URL argument {argument!r}; add one "
                f"to `values` in tests/security/scenario.py (or an entry to URL_OVERRIDES in "
                f"tests/security/matrix.py)"
            )
        values[argument] = pool[source]
    adapter = app.url_map.bind("localhost")
    url = adapter.build(route.endpoint, values, method=route.method)
    query = QUERIES.get(route.endpoint)
    return f"{url}?{query.format(**scenario.values)}" if query else url


@contextmanager
def rolled_back():
    """Run the block on one connection inside a transaction that is then rolled back.

    The session the views use (`db.session`) is swapped for one that joins this
    transaction with savepoints, so its commits and rollbacks stay inside it.
    """
    db.session.remove()
    connection = db.engine.connect()
    transaction = connection.begin()
    if connection.dialect.name == "sqlite":
        # pysqlite begins a transaction only before a write, so a savepoint would be the
        # outermost transaction and releasing it would commit: begin one ourselves.
        connection.exec_driver_sql("BEGIN")
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    db.session.registry.set(session)
    try:
        yield
    finally:
        session.close()
        db.session.registry.clear()
        transaction.rollback()
        connection.close()


# Query strings for the routes that do nothing useful without one.
QUERIES = {"exports.download": "arena={slug}&year={year}&format=json"}

ERROR_FLASH = re.compile(r'<p class="flash flash-error">')


def outcome(method: str, response, flashed: list) -> str:
    """What the role met: one of OUTCOMES, or "error 5xx"/"status N" for anything else.
    `flashed` are the (category, message) pairs left in the session for the next page."""
    status = response.status_code
    if 300 <= status < 400:
        location = urlsplit(response.headers.get("Location", ""))
        if location.path == "/accounts/sign-in":
            return SIGN_IN
        if location.path == "/accounts/connections" and "next=" in location.query:
            return CONNECT
        if any(category == "error" for category, _ in flashed):
            return REFUSED
        return OK if method == "POST" else REDIRECT
    if 200 <= status < 300:
        is_html = response.mimetype == "text/html"
        if is_html and ERROR_FLASH.search(response.get_data(as_text=True)):
            return REFUSED
        return OK
    if status == 403:
        return FORBIDDEN
    if status == 404:
        return NOT_FOUND
    if status in (400, 409, 422):
        return REFUSED
    return f"error {status}" if status >= 500 else f"status {status}"


def run(client_for, route: Route, url: str, user_id: int | None) -> str:
    """One request as one role, with nothing left behind; an exception counts as a 500."""
    with rolled_back():
        client = client_for(db.session.get(User, user_id) if user_id is not None else None)
        try:
            response = client.open(url, method=route.method, data={})
        except Exception as error:  # noqa: BLE001 - reported as the 500 it would be
            return f"error 500 ({type(error).__name__}: {error})"
        with client.session_transaction() as session:
            flashed = list(session.get("_flashes", []))
        result = outcome(route.method, response, flashed)
        response.close()
        return result
