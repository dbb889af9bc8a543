"""Search and "similar proposals" in Chromium, as a new user would try them in Swedish
on a phone: the header's field without JavaScript, and the live list while writing."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from arena.accounts.models import ArenaConnection, User
from arena.arenas.models import Arena
from arena.core.time import utcnow
from arena.extensions import db
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, password_hash

PHONE = {"viewport": {"width": 360, "height": 740}, "locale": "sv-SE"}


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_search_odling_on_a_phone_finds_odlingarna(new_context, translate, javascript):
    context = new_context(java_script_enabled=javascript, **PHONE)
    page = context.new_page()
    page.goto("/")
    _no_sideways_scroll(page)
    header = page.get_by_role("search", name=translate("sv", "Site search"))
    header.get_by_label(translate("sv", "Search"), exact=True).fill("odling")
    header.get_by_role("button", name=translate("sv", "Find")).click()
    page.wait_for_url("**/search?q=odling")
    result = page.get_by_role("link", name="Matlagning med grönsaker från odlingarna")
    expect(result).to_be_visible()
    expect(page.locator("mark", has_text="odlingarna").first).to_be_visible()
    _no_sideways_scroll(page)
    result.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("odlingarna")


@pytest.fixture
def writer(live_app):
    """A verified person connected to Skärholmen, whose cycle is open for proposals."""
    email = f"writer-{uuid.uuid4().hex[:8]}@example.org"
    with live_app.app_context():
        arena = db.session.scalar(select(Arena).where(Arena.slug == "skarholmen"))
        user = User(email=email, display_name="Skribent", verified_at=utcnow())
        user.password_hash = password_hash(PASSWORD)
        db.session.add(user)
        db.session.flush()
        db.session.add(ArenaConnection(user_id=user.id, arena_id=arena.id, kind="lives"))
        db.session.commit()
        db.session.remove()
    return email


def test_while_writing_the_similar_proposals_appear(new_context, translate, writer):
    page = new_context(**PHONE).new_page()
    t = lambda message, **values: translate("sv", message, **values)  # noqa: E731
    sign_in(page, writer, PASSWORD, t)
    page.goto("/arenas/skarholmen/proposals/new")
    page.get_by_label(t("Title")).fill("Kurser för vuxna som vill cykla")
    page.get_by_label(t("Summary")).press_sequentially("Lära sig cykla med lånecyklar", delay=10)
    live = page.locator("#similar")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(live.get_by_role("heading", name="Cykelkurser för vuxna i Vårberg")).to_be_visible()
    link = live.get_by_role("link", name=t("Read it and support it instead"))
    assert link.first.get_attribute("href").endswith("#support-title")
    _no_sideways_scroll(page)


def test_without_javascript_the_similar_proposals_are_a_step(new_context, translate, writer):
    page = new_context(java_script_enabled=False, **PHONE).new_page()
    t = lambda message, **values: translate("sv", message, **values)  # noqa: E731
    sign_in(page, writer, PASSWORD, t)
    page.goto("/arenas/skarholmen/proposals/new")
    page.get_by_label(t("Title")).fill("Kurser för vuxna som vill cykla")
    page.get_by_label(t("Summary")).fill("Lära sig cykla med lånecyklar och hjälmar.")
    page.get_by_label(t("Theme")).select_option(index=1)
    page.get_by_role("button", name=t("Publish the proposal")).click()
    expect(page.get_by_role("heading", name=t("These proposals look similar"))).to_be_visible()
    expect(page.get_by_role("heading", name="Cykelkurser för vuxna i Vårberg")).to_be_visible()
    expect(page.get_by_label(t("Title"))).to_have_value("Kurser för vuxna som vill cykla")
    page.get_by_role("button", name=t("Publish my proposal anyway")).click()
    expect(page.get_by_text(t("Thank you! Your proposal is published."))).to_be_visible()
