"""Notices by mail: at once or in digests, in the person's language, through the real
SMTP server, with a one-click unsubscribe link and its List-Unsubscribe headers."""

import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from arena.core.time import utcnow
from arena.extensions import db
from arena.following import jobs
from arena.following.models import DigestClaim, NoticeSetting
from arena.mail.models import OutboxMessage
from tests.commitments.followup_helpers import make_commitment
from tests.helpers import count, flashes, page_text


@pytest.fixture
def scene(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    owner = make.user(connected_to=arena, display_name="Olle")
    commitment = make_commitment(make, arena, owner=owner, title="Cykla till skolan")
    follower = make.user(display_name="Sara", preferred_language="sv", email="sara@example.org")
    client = client_for(follower, accept_language="sv")
    assert client.post(f"/following/commitment/{commitment.id}").status_code == 303
    return dict(arena=arena, owner=owner, commitment=commitment, follower=follower, client=client)


def check_in(client_for, s, note="Vi cyklade i dag."):
    response = client_for(s["owner"]).post(
        f"/commitments/{s['commitment'].id}/check-ins/resident", data={"note": note}
    )
    assert response.status_code == 303


def choose(client, frequency, weekday="0"):
    response = client.post("/notices/mail", data={"frequency": frequency, "weekday": weekday})
    assert response.status_code == 303
    return flashes(client.get(response.headers["Location"]))


def body(mail) -> str:
    return mail.get_body(("plain",)).get_content()


def unsubscribe_path(mail) -> str:
    link = re.search(r"<(http[^>]+)>", mail["List-Unsubscribe"]).group(1)
    return re.sub(r"^https?://[^/]+", "", link)


def test_the_settings_page_offers_the_choice_with_daily_as_default(scene):
    text = page_text(scene["client"].get("/accounts/settings"))
    assert "Aviseringar via e-post" in text
    html = scene["client"].get("/accounts/settings").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="daily"|value="daily"[^>]*checked', html)
    assert choose(scene["client"], "sometimes") != []  # refused, clearly, nothing saved
    assert db.session.get(NoticeSetting, scene["follower"].id) is None
    assert choose(scene["client"], "weekly", "9") != []
    assert db.session.get(NoticeSetting, scene["follower"].id) is None


def test_the_weekday_is_only_for_the_weekly_digest(scene):
    client, follower = scene["client"], scene["follower"]
    html = client.get("/accounts/settings").get_data(as_text=True)
    form = re.search(r'<form[^>]*class="notice-mail-form".*?</form>', html, re.S).group(0)
    hint = re.search(r'<p class="hint" id="([^"]+)">([^<]+)</p>', form)
    assert hint.group(2) == "Används bara om du väljer en sammanfattning varje vecka."
    assert re.search(rf'<select[^>]*aria-describedby="{hint.group(1)}', form)
    assert '<div class="weekly-only">' in form
    # The stylesheet hides the day unless "weekly" is checked (no script needed).
    stylesheet = re.search(r'href="(/static/arena[^"]*\.css)"', html).group(1)
    with client.get(stylesheet) as css:
        rules = css.get_data(as_text=True)
    assert '.notice-mail-form:has(input[name="frequency"][value="weekly"]:not(:checked))' in rules

    # Other choices never fail over the day: missing or stale, it is ignored.
    for frequency, weekday in (("daily", None), ("none", "x"), ("immediately", "9")):
        data = {"frequency": frequency} | ({"weekday": weekday} if weekday else {})
        response = client.post("/notices/mail", data=data)
        assert response.status_code == 303
        assert flashes(client.get("/accounts/settings")) == [
            "Ditt val för aviseringar via e-post är sparat."
        ], frequency
        db.session.expire_all()
        assert db.session.get(NoticeSetting, follower.id).frequency == frequency
    # Weekly needs a day, said clearly in the person's language; then it is kept.
    assert choose(client, "weekly", "") == ["Välj en veckodag."]
    assert db.session.get(NoticeSetting, follower.id).frequency == "immediately"
    choose(client, "weekly", "3")
    choose(client, "daily", "9")
    db.session.expire_all()
    setting = db.session.get(NoticeSetting, follower.id)
    assert (setting.frequency, setting.weekday) == ("daily", 3)


def test_an_immediate_mail_arrives_in_swedish_with_unsubscribe_headers(
    scene, client_for, smtp_server, send_outbox
):
    choose(scene["client"], "immediately")
    check_in(client_for, scene)
    assert send_outbox().sent == 1
    [mail] = smtp_server.messages
    assert mail["To"] == "sara@example.org"
    assert mail["Content-Language"] == "sv"
    assert "Cykla till skolan" in mail["Subject"] and mail["Subject"].startswith("Nytt på Arena")
    text = body(mail)
    assert "Hej Sara!" in text and "Vi cyklade i dag." in text
    assert f"/commitments/{scene['commitment'].id}" in text
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_path(mail) in text
    # The owner who posted it is told nothing.
    assert smtp_server.envelopes[0][1] == ["sara@example.org"]


def test_a_daily_digest_comes_the_next_morning_once(scene, client_for, smtp_server, send_outbox):
    check_in(client_for, scene, "Första turen.")
    check_in(client_for, scene, "Andra turen.")
    assert count(OutboxMessage) == 0  # daily is the default: nothing at once
    now = utcnow()
    morning = now + timedelta(days=1)
    report = jobs.send_digests(morning)
    db.session.commit()
    assert report.daily == 1
    again = jobs.send_digests(morning + timedelta(hours=1))
    db.session.commit()
    assert again.daily == 0
    assert send_outbox(now=morning).sent == 1
    [mail] = smtp_server.messages
    text = body(mail)
    assert mail["Subject"] == "Nytt för dig på Arena"
    assert "Första turen." in text and "Andra turen." in text
    assert "nytt sedan i går" in text
    assert mail["List-Unsubscribe"].startswith("<http")
    # Nothing new: no mail the day after.
    assert jobs.send_digests(morning + timedelta(days=1)).daily == 0


def test_a_weekly_digest_waits_for_the_chosen_day(scene, client_for):
    from arena.core.time import local_day

    today = local_day(utcnow()).weekday()
    choose(scene["client"], "weekly", str((today + 2) % 7))
    check_in(client_for, scene)
    assert jobs.send_digests(utcnow() + timedelta(days=1)).weekly == 0
    db.session.commit()
    assert jobs.send_digests(utcnow() + timedelta(days=2)).weekly == 1
    db.session.commit()
    assert count(OutboxMessage) == 1


def test_no_mail_for_those_who_choose_none(scene, client_for):
    choose(scene["client"], "none")
    check_in(client_for, scene)
    assert jobs.send_digests(utcnow() + timedelta(days=1)).daily == 0
    assert count(OutboxMessage) == 0
    # The notice is still on the site.
    assert "Ny avstämning" in page_text(scene["client"].get("/notices"))


def test_the_digest_job_twice_at_once_makes_one_mail(scene, client_for, app, backend):
    if backend == "sqlite":
        pytest.skip("two writers at once are PostgreSQL's case; SQLite runs them one by one")
    check_in(client_for, scene)
    morning = utcnow() + timedelta(days=1)
    barrier = threading.Barrier(2)
    results = []

    def run():
        with app.app_context():
            barrier.wait()
            results.append(jobs.send_digests(morning).daily)
            db.session.commit()
            db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert count(OutboxMessage) == 1 and count(DigestClaim) == 1


def test_unsubscribe_without_signing_in_stops_further_mail(
    scene, client_for, smtp_server, send_outbox
):
    choose(scene["client"], "immediately")
    check_in(client_for, scene)
    send_outbox()
    [mail] = smtp_server.messages
    path = unsubscribe_path(mail)
    anonymous = client_for(None, accept_language="sv")
    page = anonymous.get(path)
    assert page.status_code == 200 and "Sluta få aviseringar via e-post" in page_text(page)
    assert db.session.get(NoticeSetting, scene["follower"].id).frequency == "immediately"
    # A mail program's one-click POST carries no CSRF token, only the signed link.
    done = anonymous.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert "Mina inställningar" in page_text(done)  # says how to turn it back on
    db.session.expire_all()
    assert db.session.get(NoticeSetting, scene["follower"].id).frequency == "none"
    check_in(client_for, scene, "Igen.")
    smtp_server.clear()
    assert send_outbox().sent == 0
    assert jobs.send_digests(utcnow() + timedelta(days=1)).daily == 0


@pytest.mark.csrf
def test_the_one_click_post_needs_no_csrf_token(make, client_for):
    from arena.following.mails import unsubscribe_token

    person = make.user(preferred_language="sv")
    anonymous = client_for(None, accept_language="sv")
    # RFC 8058: the mail program posts "List-Unsubscribe=One-Click" and nothing else.
    response = anonymous.post(
        f"/notices/unsubscribe/{unsubscribe_token(person)}",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert db.session.get(NoticeSetting, person.id).frequency == "none"
    # Every other form of the site still wants its token.
    assert client_for(person).post("/notices/read").status_code == 400


def test_a_tampered_link_is_refused_clearly(scene, client_for):
    from arena.following.mails import unsubscribe_token

    token = unsubscribe_token(scene["follower"])
    anonymous = client_for(None, accept_language="en")
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "nonsense", "x" * 500):
        for method in (anonymous.get, anonymous.post):
            response = method(f"/notices/unsubscribe/{bad}")
            assert response.status_code == 400
            assert "This link does not work" in page_text(response)
    assert db.session.get(NoticeSetting, scene["follower"].id) is None
    # A link for an address the account no longer uses stops working too.
    scene["follower"].email = "ny@example.org"
    db.session.commit()
    assert anonymous.get(f"/notices/unsubscribe/{token}").status_code == 400


def test_only_allowed_extra_headers_reach_the_mail(app, smtp_server, send_outbox):
    from arena.mail import outbox

    outbox.queue(
        "a@example.org",
        "test_message",
        language="en",
        subject="Hej",
        headers={"List-Unsubscribe": "<https://x/u>", "Bcc": "evil@example.org"},
    )
    db.session.commit()
    send_outbox()
    [mail] = smtp_server.messages
    assert mail["List-Unsubscribe"] == "<https://x/u>" and mail["Bcc"] is None
    assert db.session.scalar(select(OutboxMessage.headers)).startswith("{")
