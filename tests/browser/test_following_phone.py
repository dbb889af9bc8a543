"""Following on a phone, in Swedish, by touch: the demo resident follows a commitment
with its button, sees the count of unread notices in the navigation, reads "What's
new for you" and marks everything as read; each page passes axe-core, has no sideways
scroll and no broken word at 360 px. (The mail part of the story is
tests/following/test_story.py, through the real SMTP server.)"""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from arena.accounts.models import User
from arena.commitments.models import Commitment
from arena.extensions import db
from arena.following import followers
from arena.following.models import TargetKind
from tests.browser import checks
from tests.browser.conftest import sign_in

RESIDENT = ("resident@example.org", "demo-resident-2026")


def _page_problems(page) -> list[str]:
    return (
        checks.axe_problems(page, "360 px")
        + checks.horizontal_scroll_problems(page)
        + checks.text_problems(page)
    )


def _a_commitment_not_followed(live_app) -> int:
    with live_app.app_context():
        resident = db.session.scalar(select(User).where(User.email == RESIDENT[0]))
        for commitment_id in db.session.scalars(select(Commitment.id).order_by(Commitment.id)):
            state = followers.follow_state(resident, TargetKind.COMMITMENT, commitment_id)
            if not state["following"]:
                return commitment_id
        db.session.remove()
    raise AssertionError("every demo commitment is followed by the demo resident")


@pytest.mark.browser
def test_following_on_a_phone_in_swedish(new_context, playwright, translate, live_app):
    def t(message, **values):
        return translate("sv", message, **values)

    phone = {
        key: value
        for key, value in playwright.devices["Pixel 5"].items()
        if key != "default_browser_type"
    }
    phone.update(viewport=checks.NARROW, screen=checks.NARROW)
    page = new_context(locale="sv-SE", **phone).new_page()
    sign_in(page, *RESIDENT, t=t)

    commitment_id = _a_commitment_not_followed(live_app)
    page.goto(f"/commitments/{commitment_id}")
    page.get_by_role("button", name=t("Follow"), exact=True).tap()
    expect(page.locator(".flash").first).to_contain_text(
        t("You follow this now. What's new comes to “What's new for you” and by e-mail.")
    )
    expect(page.get_by_role("button", name=t("Stop following"))).to_be_visible()
    assert _page_problems(page) == []

    navigation = page.get_by_role("navigation", name=t("Main"))
    navigation.get_by_role("link", name=re.compile("^" + re.escape(t("What's new")))).tap()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("What's new for you"))
    expect(page.locator(".notice-unread").first).to_be_visible()
    assert _page_problems(page) == []

    page.get_by_role("button", name=t("Mark all as read")).tap()
    expect(page.locator(".flash").first).to_have_text(t("All notices are marked as read."))
    expect(page.locator(".notice-unread")).to_have_count(0)
    expect(navigation.get_by_role("link", name=t("What's new"), exact=True)).to_be_visible()
