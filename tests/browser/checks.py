"""Checks a page must pass in a real browser, shared by the crawl and the checker's own test.

Each check returns a list of problems in plain words; an empty list means the
page passes. test_checker.py proves that each one does find what it looks for.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

PROJECT_ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}

# Cold load of any page (HTML, CSS, JS, fonts, images), gzip-compressed as a compressing
# proxy would send it: a phone on a slow 3G link (≈50 KB/s) gets a page in well under a
# second. Our pages weigh 4–6 KB compressed and 15–21 KB uncompressed today (Nov 2026),
# so a web font, a JS framework or an unoptimised image breaks the budget at once.
COLD_LOAD_BUDGET_GZIP = 30 * 1024
# Our server compresses only pages without secrets (test_crawl.py's docstring says
# why), so the bytes as sent have a budget of their own too.
COLD_LOAD_BUDGET_SENT = 60 * 1024

NARROW = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 800}


# --- axe-core ---------------------------------------------------------------------------

_axe = Axe()


def run_axe(page):
    """axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is shown now."""
    return _axe.run(page, options=AXE_OPTIONS)


def axe_problems(page, label: str) -> list[str]:
    results = run_axe(page)
    if results.violations_count == 0:
        return []
    return [f"axe-core at {label}: {results.generate_report()}"]


def axe_rule_ids(page) -> set[str]:
    return {violation["id"] for violation in run_axe(page).response["violations"]}


# --- the document's structure -----------------------------------------------------------


# Landmarks as ARIA maps them: <header> and <footer> are banner and contentinfo only
# outside article, aside, main, nav and section; hidden elements are no landmarks.
_DOCUMENT = """() => {
    const shown = el => el.checkVisibility() && !el.closest('[aria-hidden="true"]');
    const sectioning = 'article, aside, main, nav, section, [role=article], [role=complementary], '
        + '[role=main], [role=navigation], [role=region]';
    const count = (role, tag) => [...document.querySelectorAll(`${tag}, [role=${role}]`)]
        .filter(el => shown(el))
        .filter(el => el.getAttribute('role') === role || (!el.hasAttribute('role')
            && (tag === 'main' || !el.parentElement.closest(sectioning))))
        .length;
    return {
        lang: document.documentElement.getAttribute('lang'),
        h1: document.querySelectorAll('h1').length,
        banner: count('banner', 'header'),
        main: count('main', 'main'),
        contentinfo: count('contentinfo', 'footer'),
    };
}"""


def document_problems(page, language: str) -> list[str]:
    """`<html lang>` is the page's language, one h1, and one banner, main and contentinfo."""
    problems = []
    found = page.evaluate(_DOCUMENT)
    if not found["lang"]:
        problems.append("<html> has no lang attribute")
    elif found["lang"] != language:
        problems.append(f'<html lang="{found["lang"]}"> but the page is in {language!r}')
    if found["h1"] != 1:
        problems.append(f"{found['h1']} h1 headings instead of exactly one")
    for role in ("banner", "main", "contentinfo"):
        if found[role] != 1:
            problems.append(f"{found[role]} {role} landmarks instead of exactly one")
    return problems


_HTML_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]*)\"")
_H1 = re.compile(r"<h1\b")
_LANDMARKS = {
    "banner": re.compile(r"<header\b"),
    "main": re.compile(r"<main\b"),
    "contentinfo": re.compile(r"<footer\b"),
}


def html_problems(html: str, language: str) -> list[str]:
    """The checks of document_problems, read from the HTML alone (for pages put together from
    parts that were checked in the browser)."""
    problems = []
    lang = _HTML_LANG.search(html)
    if not lang or lang.group(1) != language:
        problems.append(f"<html lang> is {lang.group(1) if lang else 'missing'}, not {language!r}")
    if len(_H1.findall(html)) != 1:
        problems.append(f"{len(_H1.findall(html))} h1 headings instead of exactly one")
    for role, pattern in _LANDMARKS.items():
        if not pattern.search(html):
            problems.append(f"no {role} landmark")
    return problems


def horizontal_scroll_problems(page) -> list[str]:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if widths[0] > widths[1]:
        culprits = page.evaluate(
            """() => {
                const limit = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')]
                    .filter(el => el.getBoundingClientRect().right > limit + 0.5)
                    .slice(0, 5)
                    .map(el => el.outerHTML.slice(0, 120));
            }"""
        )
        return [
            f"scrolls sideways: {widths[0]} px of content in {widths[1]} px; widest: {culprits}"
        ]
    return []


# --- the keyboard -----------------------------------------------------------------------

_FOCUS_REPORT = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const box = el.getBoundingClientRect();
    return {
        html: el.outerHTML.slice(0, 120),
        tag: el.tagName.toLowerCase(),
        href: el.getAttribute('href'),
        visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
            && box.top < window.innerHeight && box.left < window.innerWidth,
    };
}"""

# Every focusable element, focused in turn after a real Tab key press: Chromium then
# treats script focus like keyboard focus (:focus-visible), so each one's style shows.
_FOCUS_STYLES = """() => {
    const selector = 'a[href], button:not([disabled]), summary, '
        + 'input:not([disabled]):not([type=hidden]), select:not([disabled]), '
        + 'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
    const indicator = (el) => {
        const style = getComputedStyle(el);
        return {
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
                ? `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}` : 'none',
            shadow: style.boxShadow,
        };
    };
    const start = document.activeElement;
    const missing = [];
    for (const el of document.querySelectorAll(selector)) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0 && el !== start) continue;  // not shown
        const before = indicator(el);
        el.focus({preventScroll: true});
        if (document.activeElement !== el) continue;
        const after = indicator(el);
        const shows = (after.outline !== 'none' || after.shadow !== 'none')
            && (after.outline !== before.outline || after.shadow !== before.shadow
                || el === start);
        if (!el.matches(':focus-visible') || !shows) missing.push(el.outerHTML.slice(0, 120));
    }
    if (start && start.focus) start.focus({preventScroll: true});
    return missing;
}"""


def reset_focus(page) -> None:
    """Back to the state of a fresh load: nothing focused, the next Tab starts at the top."""
    page.evaluate(
        """() => {
            const mark = document.createElement('span');
            mark.tabIndex = -1;
            document.body.prepend(mark);
            mark.focus();
            mark.remove();
            window.scrollTo(0, 0);
        }"""
    )


def keyboard_problems(page, focus_styles: bool = True) -> list[str]:
    """A skip link comes first, shows when focused, and moves focus to the main landmark;
    every focusable element shows a focus indicator (outline or box-shadow), unless
    `focus_styles` is False."""
    problems = []
    page.keyboard.press("Tab")
    first = page.evaluate(_FOCUS_REPORT)
    if first is None:
        return ["Tab focuses nothing"]
    target_is_main = page.evaluate(
        """(href) => {
            if (!href || !href.startsWith('#') || href.length < 2) return false;
            const target = document.getElementById(decodeURIComponent(href.slice(1)));
            return !!target
                && (target.tagName === 'MAIN' || target.getAttribute('role') === 'main');
        }""",
        first["href"],
    )
    if first["tag"] != "a" or not target_is_main:
        problems.append(
            f"the first focusable element is not a skip link to <main>: {first['html']}"
        )
    elif not first["visible"]:
        problems.append(f"the skip link stays invisible when focused: {first['html']}")
    if focus_styles:
        problems += [f"no visible focus indicator: {h}" for h in page.evaluate(_FOCUS_STYLES)]
    if not problems:
        page.keyboard.press("Enter")
        if not page.evaluate(
            "() => document.activeElement.tagName === 'MAIN'"
            " || document.activeElement.getAttribute('role') === 'main'"
        ):
            problems.append("following the skip link does not move focus to <main>")
    return problems


# --- the network ------------------------------------------------------------------------


@dataclass
class RequestLog:
    """Every request a browser context makes; any to another host is aborted, never sent."""

    origin: str
    urls: list[str] = field(default_factory=list)

    def attach(self, context) -> RequestLog:
        context.on("request", lambda request: self.urls.append(request.url))
        # Every URL not on our origin (matched by Playwright itself, without a round trip
        # to Python for our own). Interception also turns the HTTP cache off, so that
        # every page load is a cold one.
        elsewhere = re.compile(rf"^(?!{re.escape(self.origin)}/)")
        context.route(elsewhere, lambda route: route.abort("blockedbyclient"))
        return self

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    def foreign(self) -> list[str]:
        return [url for url in self.urls if not self.is_own(url)]


@dataclass
class Transfer:
    """The bytes of one cold page load: each response body, as sent and gzip-compressed."""

    parts: list[tuple[str, str, int, int]] = field(
        default_factory=list
    )  # (url, type, sent, gzipped)

    def add(self, url: str, kind: str, body: bytes, sent: int | None = None) -> None:
        self.parts.append(
            (url, kind, len(body) if sent is None else sent, len(gzip.compress(body, 6)))
        )

    def assets(self) -> list[tuple[str, str, int, int]]:
        """Everything but the HTML document: the same for pages that share their surroundings."""
        return [part for part in self.parts if part[1] != "document"]

    @property
    def sent(self) -> int:
        return sum(part[2] for part in self.parts)

    @property
    def gzipped(self) -> int:
        return sum(part[3] for part in self.parts)

    def problems(self, url: str) -> list[str]:
        if self.sent <= COLD_LOAD_BUDGET_SENT and self.gzipped <= COLD_LOAD_BUDGET_GZIP:
            return []
        return [
            f"a cold load of {url} is {self.sent} bytes ({self.gzipped} gzipped), over the "
            f"budget of {COLD_LOAD_BUDGET_SENT} ({COLD_LOAD_BUDGET_GZIP} gzipped): {self.parts}"
        ]


class ResponseLog:
    """The responses of one page load, for the byte budget."""

    def __init__(self, page):
        self.responses = []
        page.on("response", lambda response: self.responses.append(response))

    def clear(self) -> None:
        self.responses.clear()

    def transfer(self) -> Transfer:
        transfer = Transfer()
        for response in self.responses:
            if 300 <= response.status < 400:
                continue  # a redirect has no body
            try:
                body = response.body()
            except Exception:  # noqa: BLE001 - an aborted request has no body to count
                continue
            # The body comes decoded; when the server compresses, count what it sent.
            encoded = response.headers.get("content-encoding")
            sent = int(response.headers.get("content-length", len(body))) if encoded else None
            transfer.add(response.url, response.request.resource_type, body, sent)
        return transfer


# --- the Nu Html Checker ----------------------------------------------------------------


def validate_html(files: list[Path]) -> dict[Path, list[str]]:
    """Errors the Nu Html Checker finds in each file, from one Java process for all of them."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        raise RuntimeError(
            f"The Nu Html Checker needs Java and {VNU_JAR.relative_to(PROJECT_ROOT)}: "
            "run `make npm-deps` (npm ci) and install Java 17."
        )
    if not files:
        return {}
    result = subprocess.run(
        [
            java,
            "-Dnu.validator.servlet.allow-forbidden-hosts=true",
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--stdout",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError) as exc:
        raise RuntimeError(
            f"vnu gave no JSON report: {result.stdout[:500]} {result.stderr[:500]}"
        ) from exc
    by_path = {file.resolve(): file for file in files}
    errors: dict[Path, list[str]] = {file: [] for file in files}
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        file = (
            by_path.get(Path(url.removeprefix("file:")).resolve())
            if url.startswith("file:")
            else None
        )
        text = (
            f"line {message.get('lastLine', '?')}: {message.get('message')}"
            f" [{(message.get('extract') or '').strip()[:100]}]"
        )
        errors.setdefault(file, []).append(text)
    return errors


# A proposal's own page.
PROPOSAL_URL = re.compile(r"/proposals/\d+$")


# --- words and type size at 360 px -------------------------------------------------------

# Smallest text a page may show: rendered size, so an SVG's text counts at the size its
# viewBox scales it to on the screen.
MIN_FONT_PX = 12

# Every visible text node of <body>, word by word (a word: a run without white space,
# cut again after hyphens and slashes, where a line may break). A word whose client rects
# lie on more than one line was broken in the middle: the letter-by-letter "Y e a r" of a
# crushed table cell. A word wider than <main> cannot fit anywhere and is left alone.
_TEXT = """([minimum]) => {
    const limit = (document.querySelector('main') || document.body).clientWidth;
    const where = el => el.outerHTML.slice(0, 100);
    const broken = [], small = [], sizes = new Map();
    const size = el => {
        if (!sizes.has(el)) {
            let px = parseFloat(getComputedStyle(el).fontSize);
            if (el instanceof SVGElement && el.getScreenCTM()) {
                const m = el.getScreenCTM();
                px *= Math.hypot(m.a, m.b);
            }
            sizes.set(el, px);
        }
        return sizes.get(el);
    };
    // A word ends after a hyphen, a dash, a slash or a soft hyphen: a line may break there.
    const cut = '-\\u2010\\u2013\\u2014/\\u00ad';
    const words = new RegExp(`[^${cut}]+[${cut}]*`, 'g');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    // [whether the text from `start` lies on more than one line, its width on the screen]
    const lines = (node, start, length) => {
        range.setStart(node, start);
        range.setEnd(node, start + length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
        const width = rects.reduce((sum, r) => sum + r.width, 0);
        if (rects.length < 2) return [false, width];
        const top = Math.max(...rects.map(r => r.top));
        const bottom = Math.min(...rects.map(r => r.bottom));
        return [top >= bottom - 1, width];
    };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || !node.data.trim()) continue;
        if (el.closest('script, style, template, noscript, select, textarea')) continue;
        if (el.closest('svg') && !el.closest('text')) continue;  // <title>, <desc>
        if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
        range.selectNodeContents(node);
        const whole = range.getBoundingClientRect();
        if (whole.width < 2 || whole.height < 2) continue;  // visually hidden, clipped
        const px = size(el);
        if (px < minimum - 0.05) {
            small.push(`${px.toFixed(1)} px: "${node.data.trim().slice(0, 40)}" in ${where(el)}`);
        }
        for (const token of node.data.matchAll(/\\S+/g)) {
            const [, width] = lines(node, token.index, token[0].length);
            if (width > limit) continue;  // wider than the page: it cannot fit on any line
            for (const word of token[0].matchAll(words)) {
                const start = token.index + word.index;
                if (word[0].length > 1 && lines(node, start, word[0].length)[0]) {
                    broken.push(`"${word[0]}" in ${where(el)}`);
                }
            }
        }
    }
    return {broken, small};
}"""


def broken_words_and_small_text(page) -> dict[str, list[str]]:
    """{"broken": each word broken across lines, "small": each text under MIN_FONT_PX}."""
    return page.evaluate(_TEXT, [MIN_FONT_PX])


# Each label of a chart whose drawn box leaves its <svg>: cut off at the picture's edge, as
# labels anchored by the page's right-to-left direction were in Arabic.
_CUT_LABELS = """() => [...document.querySelectorAll('svg text')].filter(text => {
    const box = text.closest('svg').getBoundingClientRect(), own = text.getBoundingClientRect();
    if (own.width === 0) return false;
    return own.left < box.left - 1 || own.right > box.right + 1
        || own.top < box.top - 1 || own.bottom > box.bottom + 1;
}).map(text => `"${text.textContent.trim().slice(0, 40)}" in ${text.outerHTML.slice(0, 100)}`)"""


def text_problems(page, label: str = "360 px") -> list[str]:
    """No word broken across lines, no text smaller than MIN_FONT_PX and no chart label cut
    off at its chart's edge, as rendered now."""
    found = broken_words_and_small_text(page)
    problems = [f"a chart's label cut off at {label}: {t}" for t in page.evaluate(_CUT_LABELS)]
    problems += [f"a word broken across lines at {label}: {w}" for w in found["broken"][:6]]
    problems += [
        f"text smaller than {MIN_FONT_PX} px at {label}: {text}" for text in found["small"][:6]
    ]
    more = len(found["broken"]) + len(found["small"]) - len(problems)
    if more > 0:
        problems.append(f"and {more} more broken words or small texts at {label}")
    return problems
