"""Screenshots at 360 px of the home page, an arena and a proposal, in Swedish and in every
right-to-left language the site offers, for people to look at: test-artifacts/screenshots/.

Each page must also be in the chosen language and direction, and fit the phone's width.
"""

import pytest
from playwright.sync_api import expect

from arena.i18n import LANGUAGES
from tests.browser import checks
from tests.browser.conftest import ARTIFACTS

SCREENSHOTS = ARTIFACTS / "screenshots"
SHOWN_IN = ["sv"] + [code for code, language in LANGUAGES.items() if language.direction == "rtl"]


@pytest.mark.browser
@pytest.mark.parametrize("code", SHOWN_IN)
def test_screenshots_at_360_px(new_context, code):
    language = LANGUAGES[code]
    page = new_context(locale="en-GB", viewport=checks.NARROW).new_page()
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role(
        "button", name=language.native_name, exact=True
    ).click()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def shoot(name: str):
        expect(page.locator("html")).to_have_attribute("lang", code)
        expect(page.locator("html")).to_have_attribute("dir", language.direction)
        assert checks.horizontal_scroll_problems(page) == []
        page.screenshot(path=SCREENSHOTS / f"{code}-{name}.png", full_page=True)

    shoot("home")
    page.get_by_role("main").get_by_role("link", name="Järva", exact=True).click()
    shoot("arena")
    page.get_by_role("main").get_by_role("listitem").get_by_role("heading").get_by_role(
        "link"
    ).first.click()
    expect(page).to_have_url(checks.PROPOSAL_URL)
    shoot("proposal")
