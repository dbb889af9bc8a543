"""A crawl of the whole site in Chromium, anonymous and as each demo role.

Starting from `/`, the crawl follows every internal link and submits every GET
form once with its default values (never a POST: nothing that signs out or
changes data). On every page reached:

- `<html lang>` is the page's language, exactly one h1, one banner, main and contentinfo;
- a cold load (HTML, CSS, JS, fonts, images) within the byte budget in checks.py;
- no request to any host but our own (such requests are aborted, never sent);
- zero errors from the Nu Html Checker, run once over every page's HTML at the end;

and at 1280 px and at 360 px wide:

- zero axe-core violations (WCAG 2.0, 2.1 and 2.2, levels A and AA);
- a skip link to <main> comes first and shows when focused;
- every focusable element shows its focus, and nothing scrolls sideways (at 360 px);
- at 360 px, no word broken across lines and no text smaller than 12 px, measured on
  the rendered text (checks.text_problems: SVG text at the size its viewBox scales to).

So that the crawl stays quick on a small machine:

- pages that differ only in their query string or id are sampled (CAPS); of the
  links beyond the sample, a few of each kind are fetched and must not answer
  with an error;
- the checks in the second list run on a page unless both its <main> and its
  surroundings (header, footer) are byte for byte (but for CSRF tokens and
  `next=` values) ones already checked on other pages, in this role or another.
  The demo roles mostly see the same pages, so the later roles check mainly what
  is new to them: their own pages, the forms and buttons only they get;
- two workers crawl at once, each with its own Chromium (see `crawl_reports`).

Compression: the app compresses (brotli or gzip) only what carries no secret:
anonymous pages without a CSRF token, the CSS and script, the API (arena/core/
compression.py). Pages with a form's CSRF token, and everything a signed-in person
sees, go uncompressed, since the token next to text echoed from the URL would be open
to BREACH-style attacks. Those weigh 15–21 KB as sent (6 KB gzipped), so the budget
holds for them too.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import threading
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from tests.browser import checks
from tests.browser.conftest import ARTIFACTS, DEMO_ACCOUNTS, sign_in

ROLES = ["anonymous", "resident", "facilitator", "staff", "admin"]
# The roles each of two workers crawls, in this order.
WORKERS = [["anonymous", "staff", "admin"], ["resident", "facilitator"]]

# The crawl fails when it reaches fewer pages than this: a broken menu or an
# empty demo would otherwise pass unnoticed.
MIN_PAGES = {"anonymous": 20, "resident": 20, "facilitator": 20, "staff": 18, "admin": 18}

# The language of every crawled page: Swedish, the default, which the browser asks
# for and the demo accounts have chosen.
LANGUAGE = "sv"

# How many pages of one kind (endpoint and the names of its query parameters) the
# crawl visits, and how many of them it takes from any one page; other links are
# fetched for their status only. Every arena and every proposal list is visited:
# each arena is in a different phase of its cycle, which changes what they show.
# One proposal per arena page: one in each phase.
CAPS = {
    ("arenas.show", ()): (20, 20),
    ("proposals.index", ()): (20, 20),
    ("proposals.show", ()): (5, 1),
    # Commitment pages differ most: charts, a review, the lineage and results side by side.
    ("commitments.show", ()): (6, 4),
    # The stories: a proposal's and a commitment's timeline, in more than one state.
    ("stories.proposal", ()): (3, 1),
    ("stories.commitment", ()): (3, 1),
}
DEFAULT_CAP = (1, 1)  # (in all, from one page)
# And of one endpoint, at most this many with query parameters (?theme=…, ?page=…, ?next=…).
VARIANTS_PER_ENDPOINT = 1
# Links beyond these are fetched for their status only, at most this many of each kind:
# links come from url_for(), so one that works stands for the others of its kind.
PROBES_PER_KIND = 4

# Links the crawl never follows, even though they are GET links.
# Downloads (exports, my data as JSON) are files, not pages: their own tests check them.
# /accounts/me/delete is followed: it is the page that asks before anything is deleted.
NEVER_FOLLOW = re.compile(
    r"^/static/|/(sign-out|logout|(?<!/me/)delete|remove|withdraw|support)(/|$)"
    r"|^/exports/download|\.json$"
    # Not pages: the API's JSON, the calendar and Atom feeds (their own tests read them).
    r"|^/api/v1/|\.ics$|\.atom$"
    # Open-data files and the catalogue are not pages: not checked as HTML.
    r"|^/open-data/catalog|\.(zip|csv|xlsx|ttl|jsonld|md)$"
)

# Pages no link leads to, checked too: (path, expected status).
SEEDS = [("/", 200), ("/arenas/no-such-arena", 404)]
# And pages only some roles may open, until a menu links to them.
ROLE_SEEDS = {role: [("/exports", 200)] for role in ("facilitator", "staff", "admin")}

_CSRF_TOKEN = re.compile(r'<input[^>]*name="csrf_token"[^>]*>')
_NEXT = re.compile(r'(name="next" value="|[?&;]next=)[^"&]*')
_NEXT_PARAMETER = re.compile(r'(\?|&amp;)next=[^"&]*')
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_MAIN = re.compile(r"(<main\b[^>]*>)(.*)(</main>)", re.S)


class _LinkFinder(HTMLParser):
    """The links of a page and the URL each GET form goes to when sent as it is."""

    def __init__(self, base: str):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.links: list[str] = []
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self.form: tuple[str, list] | None = None
        self.select: dict | None = None
        self.option: dict | None = None
        self.textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        disabled = "disabled" in a
        if tag == "a" and a.get("href") is not None:
            self.links.append(urljoin(self.base, a["href"]))
        elif tag == "form":
            is_get = (a.get("method") or "get").lower() == "get"
            self.form = (urljoin(self.base, a.get("action") or self.base), []) if is_get else None
        elif self.form is None or disabled:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.form[1].append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self.form[1].append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self.select = {"name": a["name"], "first": None, "chosen": None}
        elif tag == "option" and self.select is not None:
            self.option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
        elif tag == "textarea" and a.get("name"):
            self.textarea = {"name": a["name"], "text": ""}

    def handle_data(self, data):
        if self.option is not None:
            self.option["text"] += data
        if self.textarea is not None:
            self.textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "option" and self.option is not None and self.select is not None:
            value = (
                self.option["value"]
                if self.option["value"] is not None
                else self.option["text"].strip()
            )
            if self.select["first"] is None:
                self.select["first"] = value
            if self.option["selected"]:
                self.select["chosen"] = value
            self.option = None
        elif tag == "select" and self.select is not None:
            value = (
                self.select["chosen"] if self.select["chosen"] is not None else self.select["first"]
            )
            if self.form is not None and value is not None:
                self.form[1].append((self.select["name"], value))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            if self.form is not None:
                self.form[1].append((self.textarea["name"], self.textarea["text"]))
            self.textarea = None
        elif tag == "form" and self.form is not None:
            action, fields = self.form
            self.forms.append(
                urlunsplit(urlsplit(action)._replace(query=urlencode(fields), fragment=""))
            )
            self.form = None


def links_and_forms(html: str, base: str) -> dict[str, list[str]]:
    finder = _LinkFinder(base)
    finder.feed(html)
    finder.close()
    return {"links": finder.links, "forms": finder.forms}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def signatures(html: str) -> tuple[str, str, str]:
    """(whole page, <main>, everything around <main>), without per-session and per-URL values."""
    html = _CSRF_TOKEN.sub("", html)
    match = _MAIN.search(html)
    main = match.group(2) if match else html
    around = _TITLE.sub("", html.replace(main, "") if match else "")
    return (
        _digest(html),
        _digest(_NEXT_PARAMETER.sub("", main)),
        _digest(_NEXT.sub(r"\1", around)),
    )


@dataclass
class CrawlReport:
    role: str
    pages: list[str] = field(default_factory=list)
    checked_in_full: int = 0
    probed: int = 0
    heaviest: tuple[int, int, str] = (0, 0, "")  # a cold load: bytes sent, gzipped; the URL
    problems: list[tuple[str, str]] = field(default_factory=list)  # (where, what)
    html: dict[Path, str] = field(default_factory=dict)  # each distinct page's HTML → its URL


@dataclass
class Seen:
    """What every role's crawl has checked so far, shared between them."""

    pages: set[str] = field(default_factory=set)
    mains: set[str] = field(default_factory=set)
    surroundings: set[str] = field(default_factory=set)
    # The CSS, icons… that a page's surroundings load, by the surroundings' signature.
    assets: dict[str, list] = field(default_factory=dict)


class Crawler:
    def __init__(
        self, browser, base_url: str, app, role: str, html_dir: Path, translate, seen: Seen
    ):
        self.base_url = base_url
        self.adapter = app.url_map.bind("localhost")
        self.role = role
        self.html_dir = html_dir
        self.translate = translate
        self.checked = seen
        self.report = CrawlReport(role)
        self.context = browser.new_context(base_url=base_url, locale="sv-SE", viewport=checks.WIDE)
        self.requests = checks.RequestLog(base_url).attach(self.context)
        self.visited: set[str] = set()
        self.taken: Counter = Counter()
        self.forms_sent: set[tuple] = set()
        self.to_probe: dict[str, str] = {}  # url → the page it was found on

    def run(self) -> CrawlReport:
        try:
            if self.role != "anonymous":
                page = self.context.new_page()
                sign_in(
                    page,
                    *DEMO_ACCOUNTS[self.role],
                    t=lambda m, **v: self.translate(LANGUAGE, m, **v),
                )
                page.close()
            self.page = self.context.new_page()
            self.responses = checks.ResponseLog(self.page)
            queue = deque()
            for path, status in SEEDS + ROLE_SEEDS.get(self.role, []):
                url = self.normalise(self.base_url + path)
                self.visited.add(url)
                queue.append((url, status))
            while queue:
                url, status = queue.popleft()
                queue.extend((found, 200) for found in self.visit(url, status))
            self.check_status_only()
            for url in self.requests.foreign():
                self.problem("(a page)", f"requested another host: {url}")
        finally:
            self.context.close()
        return self.report

    def visit(self, url: str, expected_status: int) -> list[str]:
        fetched = self.context.request.get(url)  # with this role's cookies
        final, status, html = self.normalise(fetched.url), fetched.status, fetched.text()
        fetched.dispose()
        if final != url and final in self.visited:
            return []  # a redirect to a page already checked
        self.visited.add(final)
        if status != expected_status:
            self.problem(url, f"answered {status}, not {expected_status}")
            return []
        self.report.pages.append(url)
        whole, main, around = signatures(html)
        if whole not in self.checked.pages:
            self.checked.pages.add(whole)
            html_file = self.html_dir / f"{self.role}-{len(self.report.pages):03d}.html"
            html_file.write_text(html, encoding="utf-8")
            self.report.html[html_file] = url
        if main in self.checked.mains and around in self.checked.surroundings:
            # Made of parts already shown in Chromium and checked there: what remains to
            # check is the page as a whole (its HTML, above; lang, h1, landmarks) and its weight.
            problems = checks.html_problems(html, LANGUAGE)
            transfer = checks.Transfer(parts=list(self.checked.assets[around]))
            transfer.add(url, "document", html.encode())
            problems += transfer.problems(url)
            self.weigh(url, transfer)
        else:
            loaded, problems = self.check_in_chromium(url, expected_status, html, around)
            self.report.checked_in_full += 1
            if loaded:
                self.checked.mains.add(main)
                self.checked.surroundings.add(around)
        for problem in problems:
            self.problem(url, problem)
        return self.follow(url, links_and_forms(html, final))

    def check_in_chromium(
        self, url: str, expected_status: int, html: str, around: str
    ) -> tuple[bool, list[str]]:
        page = self.page
        page.set_viewport_size(checks.WIDE)
        self.responses.clear()
        response = page.goto(url)
        if response is None or response.status != expected_status:
            return False, [f"answered {response.status if response else 'nothing'} in Chromium"]
        if around not in self.checked.assets:
            # Weighed as loaded; later pages with the same surroundings load the same assets.
            transfer = self.responses.transfer()
            self.checked.assets[around] = transfer.assets()
        else:
            transfer = checks.Transfer(parts=list(self.checked.assets[around]))
            transfer.add(url, "document", html.encode())
        self.weigh(url, transfer)
        problems = transfer.problems(url)
        problems += checks.document_problems(page, LANGUAGE)
        problems += checks.axe_problems(page, "1280 px")
        # At 1280 px the skip link; the focus indicator of every element at 360 px below.
        problems += checks.keyboard_problems(page, focus_styles=False)
        page.set_viewport_size(checks.NARROW)
        checks.reset_focus(page)
        problems += checks.axe_problems(page, "360 px")
        problems += checks.horizontal_scroll_problems(page)
        problems += checks.text_problems(page)
        problems += checks.keyboard_problems(page)
        return True, problems

    def weigh(self, url: str, transfer: checks.Transfer) -> None:
        if transfer.gzipped > self.report.heaviest[1]:
            self.report.heaviest = (transfer.sent, transfer.gzipped, url)

    def problem(self, url: str, text: str) -> None:
        self.report.problems.append((f"[{self.role}] {url}", text))

    def follow(self, source: str, found: dict) -> list[str]:
        """The links and GET forms on a page that the crawl visits next."""
        chosen, from_here = [], Counter()
        candidates = [(link, False) for link in found["links"]] + [
            (form, True) for form in found["forms"]
        ]
        for raw, is_form in candidates:
            url = self.normalise(raw)
            if url is None or url in self.visited:
                continue
            kind = self.kind_of(url)
            if is_form:
                # A GET form is submitted once with its default values, wherever it appears.
                if kind in self.forms_sent:
                    self.to_probe.setdefault(url, source)
                    continue
                self.forms_sent.add(kind)
            else:
                in_all, per_page = CAPS.get(kind, DEFAULT_CAP)
                endpoint, parameters = kind
                if (
                    self.taken[kind] >= in_all
                    or from_here[kind] >= per_page
                    or (parameters and self.taken[endpoint] >= VARIANTS_PER_ENDPOINT)
                ):
                    self.to_probe.setdefault(url, source)
                    continue
                self.taken[kind] += 1
                from_here[kind] += 1
                if parameters:
                    self.taken[endpoint] += 1
            self.visited.add(url)
            chosen.append(url)
        return chosen

    def check_status_only(self) -> None:
        probed = Counter()
        for url, source in self.to_probe.items():
            kind = self.kind_of(url)
            if url in self.visited or probed[kind] >= PROBES_PER_KIND:
                continue
            probed[kind] += 1
            response = self.context.request.get(url)
            self.report.probed += 1
            if response.status >= 400:
                self.problem(source, f"links to {url}, which answers {response.status}")
            response.dispose()

    def normalise(self, url: str) -> str | None:
        """The URL without fragment, parameters sorted; None when the crawl must not follow it."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.base_url or NEVER_FOLLOW.search(parts.path):
            return None
        query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
        return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))

    def kind_of(self, url: str) -> tuple[str, tuple[str, ...]]:
        parts = urlsplit(url)
        try:
            endpoint, _ = self.adapter.match(parts.path, method="GET")
        except (HTTPException, RequestRedirect):
            endpoint = parts.path
        return endpoint, tuple(
            sorted({name for name, _ in parse_qsl(parts.query, keep_blank_values=True)})
        )


@contextlib.contextmanager
def crowded_lists():
    """The demo's cycles made to look crowded, so the crawl checks what a city's do: the
    result a page at a time, the merge and tally forms with their search by words."""
    from arena.moderation import merge_choices
    from arena.selections import results
    from arena.workshops import tally_choices

    limits = [
        (results, "RESULTS_PER_PAGE", 5),
        (merge_choices, "MERGE_CHOICES", 3),
        (tally_choices, "TALLY_CHOICES", 3),
    ]
    before = [getattr(module, name) for module, name, _ in limits]
    try:
        for module, name, value in limits:
            setattr(module, name, value)
        yield
    finally:
        for (module, name, _), value in zip(limits, before, strict=True):
            setattr(module, name, value)


@pytest.fixture(scope="session")
def crawl_reports(
    browser_type_launch_args, base_url, live_app, tmp_path_factory, translate, crawl_summary
):
    """Every role's crawl, then one run of the Nu Html Checker over all the pages' HTML.

    The roles are crawled by two workers at once, each with its own Chromium: most of
    the time goes to axe-core in the browser, and a machine has two cores or more.
    """
    html_dir = tmp_path_factory.mktemp("crawled-html")
    seen = Seen()
    reports: dict[str, CrawlReport] = {}
    failures: list[BaseException] = []

    def work(roles: list[str]) -> None:
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(**browser_type_launch_args)
                try:
                    for role in roles:
                        crawler = Crawler(
                            browser, base_url, live_app, role, html_dir, translate, seen
                        )
                        reports[role] = crawler.run()
                finally:
                    browser.close()
        except BaseException as failure:  # noqa: BLE001 - raised again in the test's thread
            failures.append(failure)

    workers = [threading.Thread(target=work, args=(roles,)) for roles in WORKERS]
    with crowded_lists():
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    if failures:
        raise failures[0]
    errors = checks.validate_html([file for report in reports.values() for file in report.html])
    listing = ARTIFACTS / "crawl"
    listing.mkdir(parents=True, exist_ok=True)
    for report in reports.values():
        for file, url in report.html.items():
            report.problems += [
                (f"[{report.role}] {url}", f"Nu Html Checker: {e}") for e in errors.get(file, [])
            ]
        (listing / f"{report.role}.txt").write_text(
            "\n".join(report.pages) + "\n", encoding="utf-8"
        )
        crawl_summary.append(
            f"crawl as {report.role}: {len(report.pages)} pages (floor {MIN_PAGES[report.role]}), "
            f"{report.checked_in_full} with parts not checked before; "
            f"{report.probed} more links fetched for their status; heaviest cold load "
            f"{report.heaviest[0] / 1024:.1f} KB ({report.heaviest[1] / 1024:.1f} KB gzipped): "
            f"{urlsplit(report.heaviest[2]).path}"
        )
    reports["anonymous"].problems += [
        ("(unknown file)", f"Nu Html Checker: {e}") for e in errors.get(None, [])
    ]
    return reports


def grouped(problems: list[tuple[str, str]]) -> str:
    """Each problem once, with the pages that have it: one template bug fails many pages."""
    pages_by_problem: dict[str, list[str]] = {}
    for where, what in problems:
        pages_by_problem.setdefault(what, []).append(where)
    return "\n\n".join(
        f"{what}\n    on {len(pages)} page(s): {', '.join(pages[:4])}"
        + (" …" if len(pages) > 4 else "")
        for what, pages in pages_by_problem.items()
    )


def search_results(report: CrawlReport) -> list[str]:
    """The search pages reached that answer a question (the example links of /search)."""
    return [
        page
        for page in report.pages
        if urlsplit(page).path == "/search"
        and dict(parse_qsl(urlsplit(page).query, keep_blank_values=True)).get("q", "").strip()
    ]


@pytest.mark.browser
@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_the_checks(crawl_reports, role):
    report = crawl_reports[role]
    print(
        f"crawl as {role}: {len(report.pages)} pages, "
        f"{report.checked_in_full} with parts not checked before"
    )
    assert not report.problems, grouped(report.problems)
    if role == "anonymous":
        stories = [page for page in report.pages if page.endswith("/story")]
        assert any("/proposals/" in p for p in stories), "no proposal's story reached"
        assert any("/commitments/" in p for p in stories), "no commitment's story reached"
        # The empty search page's example links lead to pages of results.
        assert search_results(report), "no page of search results reached"
    else:
        # Everyone signed in has "What's new" in the menu.
        assert any(urlsplit(p).path == "/notices" for p in report.pages), "/notices not reached"
    assert len(report.pages) >= MIN_PAGES[role], (
        f"the crawl as {role} reached only {len(report.pages)} pages, "
        f"fewer than {MIN_PAGES[role]}: {report.pages}"
    )
