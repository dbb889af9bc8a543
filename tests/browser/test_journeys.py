"""A new resident's journey, driven like a person: by visible labels and roles.

Sign up → open the link in the verification mail (read from the outbox) and confirm
the address → declare a connection to Skärholmen (proposing) → try to publish an empty
proposal there (the error summary) → publish a proposal → go to Järva (voting),
take part → support three proposals → withdraw one; "Supports left" goes 5 → 2 → 3.

Each journey runs three ways — with the keyboard only (Tab, Enter, Space, arrows;
no clicks), with JavaScript off, and on a phone 360 px wide, by touch — once in
Swedish and once in English, chosen with the footer's language buttons. Every text
the locators look for comes from the running app's own catalog (`translate`), so
the Swedish runs use the Swedish wording as the translators write it.
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser import checks
from tests.browser.conftest import exact

LANGUAGE_BUTTONS = {"sv": "Svenska", "en": "English"}


# How many presses of Tab move focus from where it is to `target` (for pages without a
# positive tabindex): focusable elements in document order, one stop per radio group.
_TAB_STOPS_TO = """target => {
    const selector = 'a[href], button:not([disabled]), summary, '
        + 'input:not([disabled]):not([type=hidden]), select:not([disabled]), '
        + 'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
    const shown = el => {
        const box = el.getBoundingClientRect();
        return (box.width > 0 || box.height > 0) && getComputedStyle(el).visibility !== 'hidden';
    };
    const stops = [];
    const groups = new Set();
    for (const el of document.querySelectorAll(selector)) {
        if (!shown(el)) continue;
        if (el.type === 'radio' && el.name) {
            if (groups.has(el.form + el.name)) continue;
            const group = [...document.getElementsByName(el.name)].filter(r => r.form === el.form);
            const checked = group.find(r => r.checked);
            if (checked && checked !== el && group.indexOf(checked) > group.indexOf(el)) continue;
            groups.add(el.form + el.name);
        }
        stops.push(el);
    }
    const from = stops.indexOf(document.activeElement);
    const to = stops.indexOf(target);
    return to > from ? to - from : 0;
}"""


class Person:
    """Uses a mouse, and a page that may have JavaScript off."""

    def __init__(self, page):
        self.page = page

    def follow(self, link):
        link.click()
        self.page.wait_for_load_state()

    def press(self, button):
        button.click()
        self.page.wait_for_load_state()

    def jump(self, link):
        """Follow a link within the page."""
        link.click()

    def type_into(self, field, text):
        field.fill(text)

    def pick(self, select, option):
        select.select_option(label=option)

    def tick(self, box):
        box.check()


class PhoneUser(Person):
    """Taps with a finger on a touch screen."""

    def follow(self, link):
        link.tap()
        self.page.wait_for_load_state()

    def press(self, button):
        button.tap()
        self.page.wait_for_load_state()

    def jump(self, link):
        link.tap()

    def tick(self, box):
        box.tap()
        expect(box).to_be_checked()


class KeyboardUser(Person):
    """Never clicks: Tab to move, Enter and Space to act, arrow keys in lists and radio groups."""

    MAX_TABS = 120

    def focus(self, target):
        # Count the Tab stops to the target, press Tab that many times, then check; step
        # by step from there if the count was off. Every stop is a real key press.
        for _ in range(target.evaluate(_TAB_STOPS_TO) or 0):
            self.page.keyboard.press("Tab")
        for _ in range(self.MAX_TABS):
            if target.evaluate("el => el === document.activeElement"):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reaches {target}")

    def _activate(self, target, key):
        self.focus(target)
        with self.page.expect_navigation():
            self.page.keyboard.press(key)

    def follow(self, link):
        self._activate(link, "Enter")

    def press(self, button):
        self._activate(button, "Space")

    def jump(self, link):
        self.focus(link)
        self.page.keyboard.press("Enter")

    def type_into(self, field, text):
        self.focus(field)
        # Text arrives as typed text does (an input event), without a round trip per letter.
        self.page.keyboard.insert_text(text)

    def pick(self, select, option):
        self.focus(select)
        for _ in range(select.locator("option").count()):
            if select.evaluate("el => el.selectedOptions[0].label.trim()") == option:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"no option {option!r} in {select}")

    def tick(self, box):
        kind = box.get_attribute("type")
        if kind == "radio":
            # A radio group is one stop for Tab; the arrow keys move to and choose an option.
            name = box.get_attribute("name")
            for _ in range(self.MAX_TABS):
                if self.page.evaluate(
                    "name => document.activeElement.type === 'radio'"
                    " && document.activeElement.name === name",
                    name,
                ):
                    break
                self.page.keyboard.press("Tab")
            for _ in range(10):
                if box.evaluate("el => el === document.activeElement"):
                    break
                self.page.keyboard.press("ArrowDown")
        else:
            self.focus(box)
        if not box.is_checked():
            self.page.keyboard.press("Space")
        expect(box).to_be_checked()


@pytest.fixture
def mailbox(live_app):
    """`mailbox(to)`: the path of the link in the last verification mail to `to`."""
    from sqlalchemy import select

    from arena.extensions import db
    from arena.mail.models import OutboxMessage

    def verification_path(to: str) -> str:
        with live_app.app_context():
            body = db.session.scalars(
                select(OutboxMessage.body_text)
                .where(OutboxMessage.kind == "verify_email", OutboxMessage.to_address == to)
                .order_by(OutboxMessage.id.desc())
            ).first()
            db.session.remove()
        (path,) = re.findall(r"https?://[^/\s]+(/accounts/verify/\S+)", body)
        return path

    return verification_path


class Journey:
    def __init__(self, person: Person, language: str, translate, mailbox, narrow: bool = False):
        self.person = person
        self.mailbox = mailbox
        self.page = person.page
        self.language = language
        self.translate = translate
        self.narrow = narrow

    def t(self, message, **values):
        return self.translate(self.language, message, **values)

    # Places on every page.
    def main(self):
        return self.page.get_by_role("main")

    def nav_link(self, text):
        return self.page.get_by_role("navigation", name=self.t("Main")).get_by_role(
            "link", name=exact(self.t(text))
        )

    def field(self, label):
        return self.page.get_by_label(self.t(label), exact=True)

    def button(self, text, **values):
        return self.main().get_by_role("button", name=exact(self.t(text, **values)))

    def link(self, text):
        return self.main().get_by_role("link", name=exact(text)).first

    def budget(self, left):
        return self.main().get_by_text(
            self.t("Supports left: %(left)d of %(budget)d", left=left, budget=5), exact=True
        )

    def arrive(self, path: str):
        """Each page on the way: the right one, in the chosen language, not too wide for a phone."""
        expect(self.page).to_have_url(re.compile(rf"{path}(#[^/]*)?$"))
        expect(self.page.locator("html")).to_have_attribute("lang", self.language)
        if self.narrow:
            assert checks.horizontal_scroll_problems(self.page) == []

    # The journey.
    def choose_language(self):
        self.page.goto("/")
        other = "en" if self.language == "sv" else "sv"
        expect(self.page.locator("html")).to_have_attribute("lang", other)
        footer = self.page.get_by_role("contentinfo")
        self.person.press(
            footer.get_by_role("button", name=LANGUAGE_BUTTONS[self.language], exact=True)
        )
        self.arrive(r"/")

    def sign_up(self, email: str):
        self.person.follow(self.nav_link("Sign up"))
        self.arrive(r"/accounts/sign-up")
        self.person.type_into(self.field("Public name"), "Testperson")
        self.person.type_into(self.field("E-mail address"), email)
        self.person.type_into(self.field("Password"), "a long enough password")
        self.person.type_into(self.field("Repeat the password"), "a long enough password")
        self.person.pick(self.field("Your arena (optional)"), "Skärholmen")
        self.person.tick(self.page.get_by_role("radio", name=self.t("I live here"), exact=True))
        self.person.press(self.button("Create my account"))
        self.arrive(r"/accounts/check-email\?about=sign-up.*")
        # The mail arrives; the person opens its link and confirms the address.
        self.page.goto(self.mailbox(email))
        self.arrive(r"/accounts/verify/[^/]+")
        self.person.press(self.button("Confirm my address"))
        self.arrive(r"/accounts/me")

    def open_arena(self, name: str, slug: str):
        self.person.follow(self.nav_link("Arenas"))
        self.arrive(r"/")
        self.person.follow(self.link(name))
        self.arrive(rf"/arenas/{slug}")

    def publish_empty_proposal(self):
        self.person.follow(self.main().get_by_role("link", name=exact(self.t("Write a proposal"))))
        self.arrive(r"/arenas/skarholmen/proposals/new")
        self.person.press(self.button("Publish the proposal"))
        self.arrive(r"/arenas/skarholmen/proposals/new")

        summary = self.page.get_by_role("alert", name=self.t("Please correct the following"))
        expect(summary).to_be_visible()
        expect(summary).to_be_focused()  # document.activeElement, for screen readers and keyboards
        # At the top: before the form, and on the first screen.
        form_top = self.field("Title").bounding_box()["y"]
        assert summary.bounding_box()["y"] < form_top
        assert summary.bounding_box()["y"] < self.page.viewport_size["height"]
        errors = {
            "Title": "Give your proposal a title.",
            "Summary": "Write a short summary.",
            "Theme": "Choose a theme.",
        }
        links = summary.get_by_role("link")
        expect(links).to_have_count(len(errors))
        for label, message in errors.items():
            field = self.field(label)
            link = summary.get_by_role("link", name=re.compile(re.escape(self.t(message))))
            expect(link).to_have_attribute("href", f"#{field.get_attribute('id')}")
            # The message next to the field too, read out with it.
            expect(field).to_have_attribute("aria-invalid", "true")
            expect(field).to_have_accessible_description(re.compile(re.escape(self.t(message))))
            beside = field.locator("xpath=..").get_by_text(self.t(message), exact=True)
            expect(beside).to_be_visible()
            assert abs(beside.bounding_box()["y"] - field.bounding_box()["y"]) < 120
        # A link in the summary takes you to its field, ready to type.
        self.person.jump(summary.get_by_role("link").first)
        expect(self.field("Title")).to_be_focused()

    def publish_proposal(self, title: str):
        self.person.type_into(self.field("Title"), title)
        self.person.type_into(
            self.field("Summary"), "Bänkar med solceller där man kan ladda telefonen."
        )
        self.person.pick(self.field("Theme"), self.t("Energy"))
        self.person.type_into(
            self.field("Expected climate effect"), "Less electricity from the grid."
        )
        self.person.tick(
            self.page.get_by_role("checkbox", name=self.t("Lower costs for households"), exact=True)
        )
        self.person.press(self.button("Publish the proposal"))
        # The journeys before this one published the same idea: then the form first
        # shows it ("these look similar", without JavaScript) and the person goes on.
        published = self.page.get_by_role("heading", level=1, name=exact(title))
        similar = self.page.get_by_role("heading", name=self.t("These proposals look similar"))
        expect(published.or_(similar)).to_be_visible()
        if similar.is_visible():
            self.person.press(self.button("Publish my proposal anyway"))
        self.arrive(r"/proposals/\d+")
        expect(self.page.get_by_role("heading", level=1)).to_have_text(title)
        expect(
            self.page.get_by_text(self.t("Thank you! Your proposal is published."))
        ).to_be_visible()

    def take_part(self):
        expect(
            self.main().get_by_role("heading", name=self.t("Take part in %(arena)s", arena="Järva"))
        ).to_be_visible()
        self.person.tick(self.page.get_by_role("radio", name=self.t("I work here"), exact=True))
        self.person.press(self.button("Take part"))
        self.arrive(r"/arenas/jarva")
        expect(self.budget(5)).to_be_visible()

    def first_proposals(self, count: int) -> list[str]:
        """The titles of the first proposals the arena page lists, as a person reads them."""
        listed = self.main().get_by_role("region", name=self.t("Proposals"), exact=True)
        titles = listed.get_by_role("heading").get_by_role("link").all_inner_texts()
        assert len(titles) >= count, titles
        return [title.strip() for title in titles[:count]]

    def support(self, title: str, left_after: int):
        self.person.follow(self.link(title))
        self.arrive(r"/proposals/\d+")
        self.person.press(self.button("Support this proposal"))
        self.arrive(r"/proposals/\d+")
        expect(self.budget(left_after)).to_be_visible()
        expect(
            self.main().get_by_role("button", name=exact(self.t("Withdraw my support")))
        ).to_be_visible()
        self.person.follow(self.link("Järva"))
        self.arrive(r"/arenas/jarva")

    def withdraw(self, title: str):
        self.person.follow(self.link(title))
        self.arrive(r"/proposals/\d+")
        self.person.press(self.button("Withdraw my support"))
        self.arrive(r"/proposals/\d+")
        expect(self.budget(3)).to_be_visible()
        self.person.follow(self.link("Järva"))
        self.arrive(r"/arenas/jarva")

    def run(self):
        tag = uuid.uuid4().hex[:8]
        self.choose_language()
        self.sign_up(f"journey-{tag}@example.org")
        self.open_arena("Skärholmen", "skarholmen")
        self.publish_empty_proposal()
        self.publish_proposal(f"Solbänkar i Vårberg {tag}")
        self.open_arena("Järva", "jarva")
        self.take_part()
        chosen = self.first_proposals(3)
        for left, title in enumerate(chosen, start=1):
            self.support(title, left_after=5 - left)
        expect(self.budget(2)).to_be_visible()
        self.withdraw(chosen[0])
        expect(self.budget(3)).to_be_visible()


def _start_language(language: str) -> str:
    # The browser asks for the other language, so that the footer's buttons must switch it.
    return "en-GB" if language == "sv" else "sv-SE"


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_with_the_keyboard_only(new_context, translate, mailbox, language):
    context = new_context(locale=_start_language(language), viewport=checks.WIDE)
    Journey(KeyboardUser(context.new_page()), language, translate, mailbox).run()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_without_javascript(new_context, translate, mailbox, language):
    context = new_context(
        locale=_start_language(language), java_script_enabled=False, viewport=checks.WIDE
    )
    Journey(Person(context.new_page()), language, translate, mailbox).run()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_on_a_phone_360_px_wide(new_context, playwright, translate, mailbox, language):
    phone = {
        key: value
        for key, value in playwright.devices["Pixel 5"].items()
        if key != "default_browser_type"
    }
    phone.update(viewport=checks.NARROW, screen=checks.NARROW)
    context = new_context(locale=_start_language(language), **phone)
    Journey(PhoneUser(context.new_page()), language, translate, mailbox, narrow=True).run()
