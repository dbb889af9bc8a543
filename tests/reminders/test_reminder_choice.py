"""Who gets reminders to report: only a proven address, and only owners who did not turn
them off — on the settings page or with the one-click link in the reminder itself."""

import re
from datetime import timedelta

from arena.core.time import utcnow
from arena.extensions import db
from arena.following.mails import unsubscribe_token
from arena.following.models import NoticeSetting
from arena.reminders import services
from tests.helpers import page_text
from tests.reminders.test_reminders import _mails, _overdue_commitment


def _send(now=None) -> int:
    sent = services.send_reminders(now or utcnow())
    db.session.commit()
    return sent


def _path(link: str) -> str:
    return re.sub(r"^https?://[^/]+", "", link)


def test_an_owner_without_a_proven_address_gets_no_reminder(app, make):
    _arena, owner, _commitment, _indicator = _overdue_commitment(make)
    owner.verified_at = None
    db.session.commit()
    assert _send() == 0
    assert _mails() == 0
    owner.verified_at = utcnow()
    db.session.commit()
    assert _send() == 1  # once proven, the reminder comes (it was never claimed)


def test_the_reminder_has_a_one_click_link_that_stops_reminders_only(
    app, make, client_for, smtp_server, send_outbox
):
    _arena, owner, _commitment, _indicator = _overdue_commitment(make, language="sv")
    assert _send() == 1
    send_outbox()
    [mail] = smtp_server.messages
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.search(r"<(http[^>]+)>", mail["List-Unsubscribe"]).group(1)
    path = _path(link)
    assert path.startswith("/notices/reminders/unsubscribe/")
    assert link in mail.get_body(("plain",)).get_content()

    anonymous = client_for(None, accept_language="sv")
    page = anonymous.get(path)
    assert page.status_code == 200
    assert "Sluta få påminnelser om att rapportera" in page_text(page)
    assert db.session.get(NoticeSetting, owner.id) is None  # a look changes nothing
    # A mail program's one-click POST: no CSRF token, only the signed link.
    done = anonymous.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "Mina inställningar" in page_text(done)
    db.session.expire_all()
    setting = db.session.get(NoticeSetting, owner.id)
    assert setting.check_in_reminders is False
    assert setting.frequency == "daily"  # notices by mail stay as they were
    assert _send(utcnow() + timedelta(days=31)) == 0


def test_a_notice_link_does_not_stop_reminders_nor_the_other_way_round(app, make, client_for):
    _arena, owner, _commitment, _indicator = _overdue_commitment(make)
    anonymous = client_for(None, accept_language="en")
    notices_token = unsubscribe_token(owner)
    reminders_token = unsubscribe_token(owner, "reminders")
    for path in (
        f"/notices/reminders/unsubscribe/{notices_token}",
        f"/notices/unsubscribe/{reminders_token}",
        "/notices/reminders/unsubscribe/nonsense",
    ):
        for method in (anonymous.get, anonymous.post):
            response = method(path)
            assert response.status_code == 400
            assert "This link does not work" in page_text(response)
    assert db.session.get(NoticeSetting, owner.id) is None
    assert _send() == 1


def test_the_settings_page_turns_reminders_off_and_on(app, make, client_for):
    _arena, owner, _commitment, _indicator = _overdue_commitment(make, language="sv")
    client = client_for(owner, accept_language="sv")
    html = client.get("/accounts/settings").get_data(as_text=True)
    assert "Påminnelser om att rapportera" in html
    assert re.search(r'<input checked[^>]*value="on"|value="on"[^>]*checked', html)

    form = {"frequency": "weekly", "weekday": "2", "check_in_reminders": "off"}
    assert client.post("/notices/mail", data=form).status_code == 303
    db.session.expire_all()
    setting = db.session.get(NoticeSetting, owner.id)
    assert (setting.frequency, setting.weekday, setting.check_in_reminders) == ("weekly", 2, False)
    html = client.get("/accounts/settings").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="off"|value="off"[^>]*checked', html)
    assert _send() == 0

    # A post without the choice (an older page) leaves it as it is.
    older = {"frequency": "daily", "weekday": "0"}
    assert client.post("/notices/mail", data=older).status_code == 303
    db.session.expire_all()
    setting = db.session.get(NoticeSetting, owner.id)
    assert (setting.frequency, setting.check_in_reminders) == ("daily", False)
    # A made-up value is refused clearly; nothing changes.
    wrong = client.post("/notices/mail", data={**form, "check_in_reminders": "maybe"})
    assert wrong.status_code == 303
    db.session.expire_all()
    assert db.session.get(NoticeSetting, owner.id).frequency == "daily"

    again = client.post("/notices/mail", data={**form, "check_in_reminders": "on"})
    assert again.status_code == 303
    db.session.expire_all()
    assert db.session.get(NoticeSetting, owner.id).check_in_reminders is True
    assert _send() == 1


def test_my_data_says_whether_reminders_are_on(app, make, client_for):
    _arena, owner, _commitment, _indicator = _overdue_commitment(make)
    services_token = unsubscribe_token(owner, "reminders")
    client_for(None).post(f"/notices/reminders/unsubscribe/{services_token}")
    from arena.following.queries import my_following_data

    db.session.expire_all()
    assert my_following_data(owner)["check_in_reminders"] is False
