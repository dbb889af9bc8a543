"""The one table of limits on guessing and flooding: which endpoint, how often, and
counted by what. Only POSTs count; looking at a form is free.

Rates are in Flask-Limiter's notation ("10 per 15 minutes; 100 per day": every part
holds). Counts use a moving window: at most that many in *any* such stretch of time.

Numbers are chosen for real use: a workshop room or a library shares one address,
so limits by address are wide; limits by account and by person are narrow.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    endpoint: str
    rate: str
    by: str  # a name in keys.KEYS


LIMITS = (
    # Guessing a password: 10 tries per account in any 15 minutes, whoever tries and
    # from wherever; one address trying many accounts is held by the second line.
    Rule("accounts.sign_in", "10 per 15 minutes", by="email"),
    Rule("accounts.sign_in", "50 per 15 minutes; 300 per day", by="address"),
    Rule("accounts.sign_up", "20 per hour; 100 per day", by="address"),
    # Reset mail: a few per account (each one is a mail in someone's inbox) and per address.
    Rule("accounts.forgot_password", "5 per hour", by="email"),
    Rule("accounts.forgot_password", "20 per hour", by="address"),
    Rule("accounts.reset_password", "20 per hour", by="address"),
    Rule("accounts.resend_verification", "5 per hour", by="user or address"),
    # Access codes: every use of the pages, per address (a whole workshop may share
    # one); wrong codes are counted on their own, see FAILURES.
    Rule("workshops.redeem", "60 per 15 minutes", by="address"),
    Rule("workshops.sign_in_with_code", "60 per 15 minutes", by="address"),
    # Writing in public: generous for people, a brake on scripts.
    Rule("proposals.new", "10 per hour; 30 per day", by="user"),
    Rule("proposals.new_comment", "30 per hour; 200 per day", by="user"),
    Rule("proposals.reply", "30 per hour; 200 per day", by="user"),
    Rule("moderation.report_proposal", "20 per hour; 100 per day", by="user"),
    Rule("moderation.report_comment", "20 per hour; 100 per day", by="user"),
)


@dataclass(frozen=True)
class ReadRule:
    """Reading, for programs: every GET of a blueprint together, in one count."""

    blueprint: str
    rate: str
    by: str


READ_LIMITS = (
    # The public API: a program paging through every list of the city stays well inside
    # (100 items a page); one that loops without end does not take the server with it.
    ReadRule("api", "300 per minute; 10000 per hour", by="address"),
)


@dataclass(frozen=True)
class FailureRule:
    """Failed attempts, counted by the view itself when an attempt fails."""

    rate: str
    by: str


ACCESS_CODES = "access codes"

FAILURES = {
    # Wrong codes on the redeem and code sign-in pages together. The real protection
    # is the code space (31^10 ≈ 8·10^14); this is a brake, wide enough for a room of
    # people mistyping at one workshop.
    ACCESS_CODES: FailureRule("20 per 15 minutes", by="address"),
}


def rules_for(endpoint: str) -> list[Rule]:
    return [rule for rule in LIMITS if rule.endpoint == endpoint]
