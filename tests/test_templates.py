"""Templates write breadcrumbs and CSRF tokens one way: through the macros."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Templates others were changing while the macros came in; the coordinator converts
# them and empties these lists.
INLINE_BREADCRUMBS_ALLOWED = {
    "commitments/show.html",
    "workshops/codes.html",
    "workshops/form.html",
    "workshops/index.html",
    "workshops/print.html",
    "workshops/proposal_new.html",
    "workshops/show.html",
}
OTHER_CSRF_ALLOWED = {
    "accounts/sign_up.html",
    "statistics/import.html",
    "workshops/code_sign_in.html",
    "workshops/codes.html",
    "workshops/form.html",
    "workshops/proposal_new.html",
    "workshops/redeem.html",
    "workshops/show.html",
}

OTHER_CSRF = re.compile(r"\.csrf_token\b|csrf_token\(\)|hidden_tag\(")


def _templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if not name.startswith("macros/"):
            yield name, path.read_text(encoding="utf-8")


def test_breadcrumbs_come_from_the_macro():
    inline = {name for name, text in _templates() if 'class="breadcrumb"' in text}
    assert inline <= INLINE_BREADCRUMBS_ALLOWED, sorted(inline - INLINE_BREADCRUMBS_ALLOWED)


def test_csrf_tokens_come_from_the_macro():
    other = {name for name, text in _templates() if OTHER_CSRF.search(text)}
    assert other <= OTHER_CSRF_ALLOWED, sorted(other - OTHER_CSRF_ALLOWED)


@pytest.mark.parametrize(
    "allowed", [INLINE_BREADCRUMBS_ALLOWED, OTHER_CSRF_ALLOWED], ids=["breadcrumbs", "csrf"]
)
def test_the_allow_lists_name_only_templates_that_exist(allowed):
    assert {name for name in allowed if not (TEMPLATES / name).is_file()} == set()


def test_the_breadcrumbs_macro_renders_an_ordered_trail(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        macros = app.jinja_env.get_template("macros/navigation.html").module
        html = str(macros.breadcrumbs([("Järva", "/arenas/jarva"), None, ("Förslag", None, "sv")]))
    assert '<nav class="breadcrumb" aria-label="Breadcrumb">' in html
    assert '<li><a href="/arenas/jarva">Järva</a></li>' in html
    assert '<li><span aria-current="page" lang="sv">Förslag</span></li>' in html
    assert html.count("<li>") == 2


def test_the_csrf_macro_renders_the_session_token_without_an_id(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        macros = app.jinja_env.get_template("macros/forms.html").module
        html = str(macros.csrf())
    assert re.fullmatch(r'<input name="csrf_token" type="hidden" value="[^"]+">', html)
