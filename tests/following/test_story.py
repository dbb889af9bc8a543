"""The issue's "Done when", as a resident tries it in Swedish on a phone: follow a
commitment, get a mail when a check-in is posted and a digest the next morning
(through the real SMTP server), and unsubscribe from the mail's own link."""

import re
from datetime import timedelta

from arena.core.time import utcnow
from arena.extensions import db
from arena.following import jobs
from tests.commitments.followup_helpers import add_indicator, make_commitment
from tests.helpers import flashes, page_text

PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Mobile Safari/537.36"


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_follow_a_commitment_get_mail_and_a_digest_then_unsubscribe(
    make, client_for, smtp_server, send_outbox
):
    arena = make.arena("Järva", slug="jarva")
    owner = make.user(connected_to=arena, display_name="Olle")
    commitment = make_commitment(make, arena, owner=owner, title="Cykla till skolan")
    trips = add_indicator(commitment)
    sara = make.user(display_name="Sara", preferred_language="sv", email="sara@example.org")
    phone = client_for(sara, accept_language="sv")
    phone.environ_base["HTTP_USER_AGENT"] = PHONE

    # Follow the commitment from its page.
    page = page_text(phone.get(f"/commitments/{commitment.id}"))
    assert "Få veta vad som händer härnäst" in page
    followed = phone.post(f"/following/commitment/{commitment.id}")
    assert followed.status_code == 303
    assert flashes(phone.get(followed.headers["Location"]))[0].startswith("Nu följer du det här.")

    # Mail at once, chosen on the settings page.
    assert "Aviseringar via e-post" in page_text(phone.get("/accounts/settings"))
    phone.post("/notices/mail", data={"frequency": "immediately", "weekday": "0"})
    owner_client = client_for(owner)
    posted = owner_client.post(
        f"/commitments/{commitment.id}/check-ins/new",
        data={"reported_on": utcnow().date().isoformat(), f"value_{trips.id}": "14", "note": ""},
    )
    assert posted.status_code == 303
    assert send_outbox().sent == 1
    [mail] = smtp_server.messages
    assert mail["Subject"] == "Nytt på Arena: Ny avstämning för ”Cykla till skolan”."
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = mail.get_body(("plain",)).get_content()
    assert "Hej Sara!" in text and f"/commitments/{commitment.id}" in text
    assert "Nytt (1 oläst)" in page_text(phone.get("/"))

    # Then a daily digest instead: the evening's check-in comes the next morning.
    phone.post("/notices/mail", data={"frequency": "daily", "weekday": "0"})
    owner_client.post(
        f"/commitments/{commitment.id}/check-ins/resident", data={"note": "Tolv barn cyklade."}
    )
    assert send_outbox().sent == 0
    morning = utcnow() + timedelta(days=1)
    assert jobs.send_digests(morning).daily == 1
    db.session.commit()
    assert jobs.send_digests(morning).daily == 0  # the job again: still one digest
    db.session.commit()
    smtp_server.clear()
    assert send_outbox(now=morning).sent == 1
    [digest] = smtp_server.messages
    assert digest["Subject"] == "Nytt för dig på Arena"
    body = digest.get_body(("plain",)).get_content()
    assert "Tolv barn cyklade." in body and "Det här är nytt sedan i går" in body

    # Unsubscribe from the digest's link, signed out (a mail app's browser).
    link = _path(re.search(r"<([^>]+)>", digest["List-Unsubscribe"]).group(1))
    assert link in body
    browser = client_for(None, accept_language="sv")
    browser.environ_base["HTTP_USER_AGENT"] = PHONE
    confirm = browser.get(link)
    assert confirm.status_code == 200 and "Sluta få aviseringar via e-post" in page_text(confirm)
    done = browser.post(link)
    assert "Du får inga fler mejl om det du följer." in page_text(done)
    assert "Mina inställningar" in page_text(done)

    # No more mail: neither at once nor as a digest; the notices stay on the site.
    owner_client.post(f"/commitments/{commitment.id}/check-ins/resident", data={"note": "Igen."})
    smtp_server.clear()
    assert jobs.send_digests(morning + timedelta(days=1)).daily == 0
    db.session.commit()
    assert send_outbox(now=morning + timedelta(days=1)).sent == 0
    assert smtp_server.messages == []
    notices = page_text(phone.get("/notices"))
    assert notices.count("Ny avstämning för ”Cykla till skolan”.") == 3
