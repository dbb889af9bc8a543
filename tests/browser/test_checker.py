"""The checks themselves work: a deliberately broken page fails each one, a good page passes.

The pages come from a small Flask app of their own, served like the real one.
The broken page asks for a script on a CDN: that request is intercepted and
aborted, never sent (and this machine has no internet anyway).
"""

import os
import threading

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.browser import checks

FOREIGN_SCRIPT = "https://cdn.example.com/x.js"

BROKEN = f"""<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>A broken page</title>
<style>
  :focus, :focus-visible {{ outline: none; box-shadow: none; }}
  .wide {{ width: 600px; }}
</style>
<script src="{FOREIGN_SCRIPT}"></script>
</head>
<body>
<h1>One heading</h1>
<h1>Another heading</h1>
<div class="wide">Wider than a phone</div>
<img src="/pixel.svg">
<form action="/search"><input type="text" name="q"></form>
<p>A paragraph <div>with a block inside</div></p>
<a href="/good">A link</a>
</body>
</html>
"""

GOOD = """<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>A good page</title>
<style>
  body { margin: 0; font: 1rem/1.5 sans-serif; }
  .skip { position: absolute; top: -4rem; } .skip:focus { top: .5rem; }
  :focus-visible { outline: 3px solid #000; }
  main:focus { outline: none; }
</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><p>A site</p></header>
<main id="main" tabindex="-1">
<h1>A good page</h1>
<img src="/pixel.svg" alt="A green square">
<form action="/search"><label for="q">Search</label> <input id="q" type="text" name="q"></form>
</main>
<footer><p><a href="/broken">A link</a></p></footer>
</body>
</html>
"""

# A results table crushed into a phone as the app's tables were (issue 11): words break
# letter by letter in the cells; a chart drawn 640 units wide shrinks its 13 px labels
# to 7 px; a footnote in 10 px type.
CRUSHED = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>A crushed table</title>
<style>
  body { margin: 0 1rem; font: 1.0625rem/1.5 sans-serif; }
  table { border-collapse: collapse; width: 100%; }
  th, td { padding: .4rem .5rem; overflow-wrap: anywhere; }
  svg { width: 100%; height: auto; }
  .tiny { font-size: 10px; }
</style>
</head>
<body>
<main>
<h1>Results</h1>
<table>
<thead><tr><th>Year</th><th>District</th><th>Proposal</th><th>Supports</th><th>Outcome</th>
<th>Commitment</th><th>Participants</th></tr></thead>
<tbody><tr><td>2025</td><td>Vårberga</td><td>Benches</td><td>1234</td><td>adopted</td>
<td>Maintained</td><td>5678</td></tr></tbody>
</table>
<svg viewBox="0 0 640 300" role="img" aria-label="A chart"><text x="10" y="150"
font-size="13">Baseline</text></svg>
<p class="tiny">Footnote</p>
</main>
</body>
</html>
"""

# What may break and still reads well: after a hyphen, and a web address longer
# than the whole screen, which cannot fit on any line.
TIDY = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Breaks that are fine</title>
<style>
  body { margin: 0 1rem; font: 1.0625rem/1.5 sans-serif; overflow-wrap: anywhere; }
  .narrow { width: 8rem; }
  svg { width: 100%; height: auto; }
</style>
</head>
<body>
<main>
<h1>Breaks that are fine</h1>
<p class="narrow">A neighbourhood-association and district-council meeting</p>
<p>https://example.org/a/very/long/address/that/has/no/room/on/any/phone/screen/at/all/x</p>
<svg viewBox="0 0 360 100" role="img" aria-label="A chart"><text x="10" y="50"
font-size="14">Baseline</text></svg>
</main>
</body>
</html>
"""

# A chart in an Arabic page: the page's direction anchors its labels at their other end,
# so one at the right edge runs out of the picture; the app's charts are drawn left to right.
RTL_CHART = """<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>مخطط</title>
<style>
  body { margin: 0 1rem; font: 1.0625rem/1.5 sans-serif; }
  svg { width: 100%; height: auto; }
  .ltr { direction: ltr; }
</style>
</head>
<body>
<main>
<h1>مخطط</h1>
<svg viewBox="0 0 320 100" role="img" aria-label="cut"><text x="316" y="50" font-size="17"
text-anchor="end">Baseline: 4.5</text></svg>
<svg class="ltr" viewBox="0 0 320 100" role="img" aria-label="whole"><text x="316" y="50"
font-size="17" text-anchor="end">Target: 3.8</text></svg>
</main>
</body>
</html>
"""

PIXEL = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    '<rect width="10" height="10" fill="green"/></svg>'
)


def _checker_site() -> Flask:
    site = Flask(__name__)
    site.add_url_rule("/broken", "broken", lambda: BROKEN)
    site.add_url_rule("/good", "good", lambda: GOOD)
    site.add_url_rule("/crushed", "crushed", lambda: CRUSHED)
    site.add_url_rule("/tidy", "tidy", lambda: TIDY)
    site.add_url_rule("/rtl-chart", "rtl_chart", lambda: RTL_CHART)
    site.add_url_rule(
        "/pixel.svg", "pixel", lambda: (PIXEL, 200, {"Content-Type": "image/svg+xml"})
    )
    # 100 KB that gzip cannot shrink: over both budgets.
    heavy = GOOD.replace("</main>", f"<p>{os.urandom(75_000).hex()}</p></main>")
    site.add_url_rule("/heavy", "heavy", lambda: heavy)
    return site


@pytest.fixture(scope="module")
def site_url():
    server = make_server("127.0.0.1", 0, _checker_site(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.fixture
def site(browser, site_url):
    """A page of the checker's site at 360 px; every request logged, foreign ones aborted."""
    context = browser.new_context(base_url=site_url, viewport=checks.NARROW)
    log = checks.RequestLog(site_url).attach(context)
    page = context.new_page()
    page.request_log = log
    yield page
    context.close()


@pytest.mark.browser
def test_axe_finds_an_image_without_alt_and_an_input_without_label(site):
    site.goto("/broken")
    assert {"image-alt", "label", "html-has-lang"} <= checks.axe_rule_ids(site)
    [report] = checks.axe_problems(site, "360 px")
    assert "image-alt" in report and "label" in report


@pytest.mark.browser
def test_a_request_to_another_host_is_found_and_never_sent(site):
    failed, answered = [], []
    site.on("requestfailed", lambda request: failed.append((request.url, request.failure)))
    site.on("response", lambda response: answered.append(response.url))
    site.goto("/broken")
    assert site.request_log.foreign() == [FOREIGN_SCRIPT]
    # Aborted by our route before it left the browser (Chromium adds ".Inspector").
    assert [f for url, f in failed if url == FOREIGN_SCRIPT][0].startswith(
        "net::ERR_BLOCKED_BY_CLIENT"
    )
    assert FOREIGN_SCRIPT not in answered


@pytest.mark.browser
def test_the_document_checks_find_no_lang_two_h1_and_no_landmarks(site):
    response = site.goto("/broken")
    problems = checks.document_problems(site, "en")
    assert "<html> has no lang attribute" in problems
    assert "2 h1 headings instead of exactly one" in problems
    for role in ("banner", "main", "contentinfo"):
        assert f"0 {role} landmarks instead of exactly one" in problems
    from_html = checks.html_problems(response.text(), "en")
    assert len(from_html) == 5, from_html


@pytest.mark.browser
def test_the_keyboard_checks_find_no_skip_link_and_no_visible_focus(site):
    site.goto("/broken")
    problems = checks.keyboard_problems(site)
    assert any(p.startswith("the first focusable element is not a skip link") for p in problems), (
        problems
    )
    assert any(p.startswith("no visible focus indicator") and "<input" in p for p in problems), (
        problems
    )


@pytest.mark.browser
def test_sideways_scrolling_at_360_px_is_found(site):
    site.goto("/broken")
    [problem] = checks.horizontal_scroll_problems(site)
    assert problem.startswith("scrolls sideways") and 'class="wide"' in problem


@pytest.mark.browser
def test_words_broken_in_a_crushed_table_and_small_text_are_found(site):
    site.goto("/crushed")
    found = checks.broken_words_and_small_text(site)
    broken, small = found["broken"], found["small"]
    problems = checks.text_problems(site)
    assert problems[0].startswith("a word broken across lines at 360 px: "), problems
    assert any('"Participants"' in p for p in broken), problems
    assert any('"Commitment"' in p for p in broken), problems
    # The chart's label: 13 units in a 640-unit viewBox drawn some 330 px wide.
    assert any('"Baseline"' in p and "<text" in p for p in small), problems
    assert any('"Footnote"' in p and "10.0 px" in p for p in small), problems


@pytest.mark.browser
def test_breaks_after_hyphens_and_an_address_too_long_for_any_line_pass(site):
    site.goto("/tidy")
    assert site.evaluate("() => document.querySelector('.narrow').getClientRects().length") == 1
    # The narrow paragraph does wrap, after its hyphens.
    assert site.evaluate("() => document.querySelector('.narrow').offsetHeight > 60")
    assert checks.text_problems(site) == []


@pytest.mark.browser
def test_a_chart_label_cut_off_by_a_right_to_left_page_is_found(site):
    site.goto("/rtl-chart")
    [problem] = checks.text_problems(site)
    assert problem.startswith("a chart's label cut off at 360 px: ") and "Baseline" in problem


@pytest.mark.browser
def test_the_byte_budget_is_enforced(site):
    log = checks.ResponseLog(site)
    site.goto("/heavy")
    transfer = log.transfer()
    assert transfer.sent > checks.COLD_LOAD_BUDGET_SENT
    assert transfer.gzipped > checks.COLD_LOAD_BUDGET_GZIP
    assert transfer.problems("/heavy")


@pytest.mark.browser
def test_a_good_page_passes_every_check(site):
    log = checks.ResponseLog(site)
    site.goto("/good")
    problems = log.transfer().problems("/good")
    problems += checks.document_problems(site, "en")
    problems += checks.axe_problems(site, "360 px")
    problems += checks.horizontal_scroll_problems(site)
    problems += checks.text_problems(site)
    problems += checks.keyboard_problems(site)
    assert problems == []
    assert site.request_log.foreign() == []


@pytest.mark.browser
def test_the_nu_html_checker_finds_invalid_html_in_one_run(tmp_path):
    broken, good = tmp_path / "broken.html", tmp_path / "good.html"
    broken.write_text(BROKEN, encoding="utf-8")
    good.write_text(GOOD, encoding="utf-8")
    errors = checks.validate_html([broken, good])
    assert errors[good] == []
    assert any("“p” element in scope" in error for error in errors[broken]), errors[broken]
    assert any("“alt” attribute" in error for error in errors[broken]), errors[broken]
