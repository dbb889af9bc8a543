"""Property-based hostile input on every form: never a 5xx, nothing saved when refused.

Every POST endpoint in the URL map has an entry in tests/hostile/targets.py
saying who sends it and where its form is shown. The test opens that page as
that person on the demo scenario, reads the form a browser would send
(tests/hostile/pages.py) and has Hypothesis send it back with hostile values in
its fields (tests/hostile/values.py): blank, huge, control and bidi characters,
odd numbers, dates and ids, choices not offered, repeated and missing fields,
extra fields. For every request:

- the answer is never a server error (a crash, or any status of 500 or more);
- when the form was refused (anything but its success, usually a redirect), no
  table of the database has gained or lost a row.

Examples are fixed (derandomized), so a run is repeatable and a failure comes
with the request that caused it.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict
from werkzeug.test import EnvironBuilder

from arena.accounts.models import User
from arena.extensions import db
from tests.hostile import values
from tests.hostile.pages import post_forms
from tests.hostile.scene import ROLES, Scene
from tests.hostile.targets import TARGETS

EXAMPLES = 15
EXAMPLES_FOR_BUTTONS = 6  # forms with nothing but a CSRF token: only extra fields vary

HOW_TO_ADD = (
    'add one line to TARGETS in tests/hostile/targets.py: "{endpoint}": '
    'Target("<role>", lambda s: "<path it posts to>", page=lambda s: "<page showing the form>"), '
    "with the role that may use the form (see ROLES there)"
)


def post_endpoints(app) -> set[str]:
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and rule.endpoint != "static"
    }


def test_every_post_endpoint_has_a_target(world):
    missing = sorted(post_endpoints(world.app) - set(TARGETS))
    assert not missing, "POST endpoints without hostile-input coverage: " + "; ".join(
        HOW_TO_ADD.format(endpoint=endpoint) for endpoint in missing
    )
    gone = sorted(set(TARGETS) - post_endpoints(world.app))
    assert not gone, f"TARGETS lists endpoints the app no longer has: {gone}"


def row_counts() -> dict[str, int]:
    tables = db.metadata.sorted_tables
    counts = [select(func.count()).select_from(t).scalar_subquery() for t in tables]
    return dict(
        zip((t.name for t in tables), db.session.execute(select(*counts)).one(), strict=True)
    )


@pytest.fixture
def client_for(scene):
    ids = {}

    def make(role):
        client = scene.app.test_client()
        if role != "anonymous":
            # By id (an example may change the address), and the session id asked each
            # time: signing out (or a new password) gives the account a new token.
            if role not in ids:
                ids[role] = Scene.user(None, role).id
            session_id = db.session.get(User, ids[role]).get_id()
            with client.session_transaction() as session:
                session["_user_id"] = session_id
                session["_fresh"] = True
        return client

    return make


def _the_form(target, endpoint, s, client_for):
    """The form of the target's page that posts to its URL, and values seen in its copies."""
    path = target.url(s)
    html = target.prepare(s) if target.prepare else None
    page = "(the response of its prepare step)"
    if html is None:
        page = (target.page or target.url)(s)
        response = client_for(target.role).get(page)
        assert response.status_code == 200, (
            f"{endpoint}: GET {page} as {target.role}: {response.status}"
        )
        html = response.get_data(as_text=True)
    forms = [form for form in post_forms(html, page) if form.action == path]
    assert forms, (
        f"{endpoint}: the page {page} shown to {target.role} has no form posting to {path}. "
        "Fix its entry in tests/hostile/targets.py "
        "(role, page, or a prepare step that opens the form)."
    )
    seen: dict[str, list[str]] = {}
    for form in forms:
        for name, field in form.fields.items():
            seen.setdefault(name, [])
            seen[name] += [v for v in [field.value, *field.options] if v not in seen[name]]
    known = target.known(s) if target.known else {}
    for name, extra in known.items():
        seen[name] = [*extra, *seen.get(name, [])]
    return path, forms[0], seen


def _describe(pairs) -> str:
    shown = [
        (name, value if len(repr(value)) < 120 else f"<{len(value)} × {value[:8]!r}…>")
        for name, value in pairs
    ]
    return repr(shown)


@pytest.mark.parametrize("endpoint", sorted(TARGETS))
def test_hostile_input_is_refused_cleanly(endpoint, scene, client_for):
    target = TARGETS[endpoint]
    s = Scene(scene, client_for)
    path, form, known = _the_form(target, endpoint, s, client_for)
    buttons_only = not [f for f in form.fields.values() if f.name != "csrf_token"]

    counts = [row_counts()]  # before the next example: one count per example, not two

    @settings(
        max_examples=EXAMPLES_FOR_BUTTONS if buttons_only else EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(pairs=values.form_data(form, known))
    def send(pairs):
        db.session.rollback()
        before = counts[0]
        client = client_for(target.role)
        # Built here and closed after: a body refused as too large is never read,
        # and the test client would leave the file it spooled a big body to open.
        builder = EnvironBuilder(path, method="POST", data=MultiDict(pairs))
        request = builder.get_request()
        try:
            response = client.open(request)
        except Exception as error:
            raise AssertionError(
                f"{endpoint}: POST {path} as {target.role} crashed on {_describe(pairs)}"
            ) from error
        finally:
            request.environ["wsgi.input"].close()
            builder.close()
        assert response.status_code < 500, (
            f"{endpoint}: POST {path} as {target.role} got {response.status} on {_describe(pairs)}"
        )
        after = counts[0] = row_counts()
        if not target.succeeded(response):
            changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
            assert not changed, (
                f"{endpoint}: refused with {response.status} but rows changed "
                f"(table: before, after) {changed} on {_describe(pairs)}"
            )

    send()


def test_the_roles_exist(scene):
    for role, email in ROLES.items():
        assert Scene.user(None, role) is not None, f"{role}: no demo account {email}"
