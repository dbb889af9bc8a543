"""Templates write breadcrumbs and CSRF tokens one way: through the macros."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

OTHER_CSRF = re.compile(r"\.csrf_token\b|csrf_token\(\)|hidden_tag\(")


def _templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if not name.startswith("macros/"):
            yield name, path.read_text(encoding="utf-8")


def test_breadcrumbs_come_from_the_macro():
    inline = {name for name, text in _templates() if 'class="breadcrumb' in text}
    assert sorted(inline) == []


def test_csrf_tokens_come_from_the_macro():
    other = {name for name, text in _templates() if OTHER_CSRF.search(text)}
    assert sorted(other) == []


def test_the_breadcrumbs_macro_renders_an_ordered_trail(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        macros = app.jinja_env.get_template("macros/navigation.html").module
        html = str(macros.breadcrumbs([("Järva", "/arenas/jarva"), None, ("Förslag", None, "sv")]))
    assert '<nav class="breadcrumb" aria-label="Breadcrumb">' in html
    assert '<li><a href="/arenas/jarva">Järva</a></li>' in html
    assert '<li><span aria-current="page" lang="sv" dir="ltr">Förslag</span></li>' in html
    assert html.count("<li>") == 2


def test_the_csrf_macro_renders_the_session_token_without_an_id(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        macros = app.jinja_env.get_template("macros/forms.html").module
        html = str(macros.csrf())
    assert re.fullmatch(r'<input name="csrf_token" type="hidden" value="[^"]+">', html)


def test_page_titles_hold_text_not_markup():
    # A merge once copied a whole <section> into My page's title block.
    title_block = re.compile(r"\{% block title %\}(.*?)\{% endblock %\}", re.S)
    offenders = [
        path.relative_to(TEMPLATES).as_posix()
        for path in TEMPLATES.rglob("*.html")
        for title in title_block.findall(path.read_text(encoding="utf-8"))
        if "<" in title
    ]
    assert offenders == []
