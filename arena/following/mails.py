"""Notice mail: one notice at once, or a digest of several; every one can be
unsubscribed from with one click. Reminders to report (arena.reminders) use the
same signed links, for their own topic.

The unsubscribe link is signed (accounts.tokens) for the account and its address,
so it works without signing in and stops working when the address changes. The
same link is in the `List-Unsubscribe` header with `List-Unsubscribe-Post`
(RFC 8058), so a mail program's own "unsubscribe" button works too.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from arena.accounts import tokens
from arena.following import texts
from arena.mail import outbox

UNSUBSCRIBE = "notice-unsubscribe"
# What a one-click link can stop: the token's purpose (so a notice link never stops
# reminders, nor the other way round) and the page that reads it.
TOPICS = {
    "notices": (UNSUBSCRIBE, "following.unsubscribe"),
    "reminders": ("reminder-unsubscribe", "following.unsubscribe_reminders"),
}
# A link in an old mail keeps working for a long while: a year.
UNSUBSCRIBE_MAX_AGE = 366 * 24 * 3600

DIGEST_SUBJECT = _l("What's new for you on Arena")


def unsubscribe_state(user, data: dict | None = None) -> str:
    return tokens.fingerprint("notices", user.email)


def unsubscribe_token(user, topic: str = "notices") -> str:
    return tokens.sign(TOPICS[topic][0], user, unsubscribe_state(user))


def read_unsubscribe_token(token: str, topic: str = "notices"):
    """The account a valid unsubscribe link for `topic` is for, or None."""
    found = tokens.read(
        TOPICS[topic][0], token, max_age=UNSUBSCRIBE_MAX_AGE, state_of=unsubscribe_state
    )
    return found[0] if found else None


def unsubscribe_link(user, topic: str = "notices") -> tuple[str, dict]:
    """The one-click link for a mail about `topic`, and the header lines that carry it."""
    link = outbox.external_url(TOPICS[topic][1], token=unsubscribe_token(user, topic))
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return link, headers


def _common(user) -> tuple[dict, dict]:
    link, headers = unsubscribe_link(user)
    context = {
        "unsubscribe_url": link,
        "notices_url": outbox.external_url("following.notices"),
        "settings_url": outbox.external_url("accounts.settings"),
    }
    return headers, context


def _items(notices) -> list[dict]:
    items = []
    for notice in notices:
        shown = texts.show(notice)
        items.append(
            {
                "shown": shown,
                "url": outbox.external_url(shown.endpoint, **shown.values),
                "created_at": notice.created_at,
            }
        )
    return items


def queue_notice_mail(user, notice):
    """One notice, mailed at once, in the person's language."""
    headers, context = _common(user)
    with force_locale(outbox.language_of(user)):
        items = _items([notice])
        headline = items[0]["shown"].headline
    subject = _l("New on Arena: %(headline)s", headline=headline)
    return outbox.queue_for_user(
        user, "notice", subject=subject, headers=headers, items=items, **context
    )


def queue_digest_mail(user, notices, *, weekly: bool):
    """Several notices in one mail (the daily or weekly digest)."""
    headers, context = _common(user)
    with force_locale(outbox.language_of(user)):
        items = _items(notices)
    return outbox.queue_for_user(
        user,
        "notice_digest",
        subject=DIGEST_SUBJECT,
        headers=headers,
        items=items,
        weekly=weekly,
        **context,
    )
