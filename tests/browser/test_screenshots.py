"""Screenshots at 360 px, in Swedish and in every right-to-left language the site offers,
for people to look at: test-artifacts/screenshots/.

The pages are those a phone shows worst when they go wrong: the home page, an arena with its
district statistics, a proposal, an arena's results, a commitment's charts and its
versions and results side by side, and the audit log. Each must be in the chosen language
and direction, fit the phone's width, and break no word across lines nor show text under
12 px (checks.text_problems), so that the pictures are worth looking at.
"""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from arena.commitments.models import Commitment
from arena.extensions import db
from arena.i18n import LANGUAGES
from tests.browser import checks
from tests.browser.conftest import ARTIFACTS, DEMO_ACCOUNTS, sign_in

SCREENSHOTS = ARTIFACTS / "screenshots"
SHOWN_IN = ["sv"] + [code for code, language in LANGUAGES.items() if language.direction == "rtl"]


def choose_language(page, code: str) -> None:
    """Pick the language with the footer's own buttons, as a person would."""
    page.get_by_role("contentinfo").get_by_role(
        "button", name=LANGUAGES[code].native_name, exact=True
    ).click()


def shooter(page, code: str):
    language = LANGUAGES[code]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def shoot(name: str):
        expect(page.locator("html")).to_have_attribute("lang", code)
        expect(page.locator("html")).to_have_attribute("dir", language.direction)
        assert checks.horizontal_scroll_problems(page) == []
        assert checks.text_problems(page) == [], name
        page.screenshot(path=SCREENSHOTS / f"{code}-{name}.png", full_page=True)

    return shoot


def a_commitment_with_versions(live_app) -> int:
    """A demo commitment whose page shows its versions and spread (revised or adopted)."""
    with live_app.app_context():
        found = db.session.scalar(
            select(Commitment.id)
            .where(Commitment.previous_id.is_not(None) | Commitment.origin_id.is_not(None))
            .limit(1)
        )
        db.session.remove()
    assert found is not None, "the demo has no revised or adopted commitment"
    return found


@pytest.mark.browser
@pytest.mark.parametrize("code", SHOWN_IN)
def test_public_pages_at_360_px(new_context, live_app, code):
    page = new_context(locale="en-GB", viewport=checks.NARROW).new_page()
    page.goto("/")
    choose_language(page, code)
    shoot = shooter(page, code)

    shoot("home")
    page.get_by_role("main").get_by_role("link", name="Järva", exact=True).click()
    expect(page.locator("#statistics-title")).to_be_visible()
    shoot("arena")
    page.get_by_role("main").get_by_role("listitem").get_by_role("heading").get_by_role(
        "link"
    ).first.click()
    expect(page).to_have_url(checks.PROPOSAL_URL)
    shoot("proposal")

    page.goto("/arenas/jarva/results")
    expect(page.locator("#result-caption")).to_be_visible()
    shoot("results")

    page.goto(f"/commitments/{a_commitment_with_versions(live_app)}")
    expect(page.locator("#lineage-title")).to_be_visible()
    expect(page.locator("main figure svg").first).to_be_visible()  # an indicator's chart
    shoot("versions")


@pytest.mark.browser
@pytest.mark.parametrize("code", SHOWN_IN)
def test_audit_log_at_360_px(new_context, code):
    page = new_context(locale="en-GB", viewport=checks.NARROW).new_page()
    sign_in(page, *DEMO_ACCOUNTS["facilitator"])
    choose_language(page, code)
    page.goto("/moderation/jarva/audit")
    expect(page.locator("main table tbody tr").first).to_be_visible()
    shooter(page, code)("audit-log")
