"""Demo moderation in Järva: a conversation, an open report, a hidden comment and a
merged duplicate, each facilitator action with its audit row.

Idempotent like arena/demo.py: every row is looked up by a natural key first.
Runs after seed_demo(now), whose arenas, people and proposals it uses.
"""

from datetime import datetime, timedelta

from sqlalchemy import select

from arena.accounts.models import User
from arena.arenas.models import Arena
from arena.arenas.queries import pick_current_cycle
from arena.core.database import added
from arena.demo.common import add_past_support, get_or_add
from arena.extensions import db
from arena.moderation import services
from arena.moderation.models import Report, ReportReason
from arena.proposals.models import Comment, Proposal, ProposalStatus

ORIGINAL = "Lånecyklar vid Tensta centrum"
DUPLICATE = "Lådcyklar att låna i Tensta"
DUPLICATE_SUMMARY = (
    "Hyresgäster i Tensta ska kunna låna lådcyklar för att handla och skjutsa barn utan bil."
)
# The duplicate's supporters: Karin supports only the duplicate; Sara and Mikko supported
# both, so after the merge they keep one support and get the other back.
DUPLICATE_SUPPORTERS = ["karin@example.org", "sara@example.org", "mikko@example.org"]
MERGE_REASON = "Samma förslag som ”Lånecyklar vid Tensta centrum”; stöden räknas där."

# (proposal title, author, language, text, reply from (author, language, text) or None)
THREADS = [
    (
        "Odlingslotter på taket i Husby",
        "hodan@example.org",
        "sv",
        "Vår förening kan sköta två av lotterna. Finns det vatten uppe på taket?",
        (
            "erik@example.org",
            "sv",
            "Fastighetsägaren har lovat att dra fram vatten om förslaget blir valt.",
        ),
    ),
    (
        "Odlingslotter på taket i Husby",
        "mikko@example.org",
        "fi",
        "Hyvä idea! Voisivatko koululaiset hoitaa yhtä palstaa kesälomalla?",
        None,
    ),
]
SPAM = ("ahmed@example.org", "Billiga solglasögon och klockor! Beställ i dag på www.example.com!!!")
SPAM_REPORT = (
    "layla@example.org",
    ReportReason.SPAM,
    "Reklam som inte har med förslaget att göra.",
)
PERSONAL = (
    "karin@example.org",
    "Fråga grannen i port 4, hon heter Anna och har telefon 070-123 45 67.",
)
PERSONAL_REPORT = (
    "hodan@example.org",
    ReportReason.PERSONAL_DATA,
    "Namn och telefonnummer till en granne.",
)
HIDE_REASON = "Innehöll namn och telefonnummer till en person som inte själv skrivit här."


def _user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def _proposal(cycle_id: int, title: str) -> Proposal | None:
    return db.session.scalar(
        select(Proposal).where(Proposal.cycle_id == cycle_id, Proposal.title == title)
    )


def _comment(
    proposal: Proposal, author: User, body: str, language: str, at: datetime, parent=None
) -> Comment:
    found, _ = get_or_add(
        Comment,
        {"proposal_id": proposal.id, "author_id": author.id, "body": body},
        parent=parent,
        language=language,
        created_at=at,
    )
    return found


def _report(comment_or_proposal, reporter: User, reason: str, note: str, at: datetime) -> None:
    """`reporter`'s report, made through the reporting service (once: a report already
    there is left alone)."""
    column = Report.comment_id if isinstance(comment_or_proposal, Comment) else Report.proposal_id
    if db.session.scalar(
        select(Report.id).where(column == comment_or_proposal.id, Report.reporter_id == reporter.id)
    ):
        return
    services.report_item(reporter, comment_or_proposal, now=at, reason=reason, note=note)
    db.session.flush()


def seed_moderation_demo(now: datetime) -> None:
    """Add the moderation demo to Järva's current cycle; does nothing without it."""
    arena = db.session.scalar(select(Arena).where(Arena.slug == "jarva"))
    facilitator = _user("facilitator@example.org")
    if arena is None or facilitator is None:
        return
    # The role may have been added in this same session, after the list was loaded.
    db.session.expire(facilitator, ["facilitator_roles"])
    cycle = pick_current_cycle(list(arena.cycles), now)
    original = _proposal(cycle.id, ORIGINAL) if cycle else None
    if original is None:
        return

    def past(base: datetime, hours: int) -> datetime:
        # After the thing commented on, never in the future.
        return min(base + timedelta(hours=hours), now - timedelta(minutes=30))

    _seed_threads(cycle, past)
    _seed_reported_comments(original, arena, facilitator, past, now=now)
    duplicate = _proposal(cycle.id, DUPLICATE) or _seed_duplicate(
        cycle, original, arena, facilitator, past
    )
    if duplicate.status == ProposalStatus.PUBLISHED and original.status == ProposalStatus.PUBLISHED:
        services.apply_merge(facilitator, duplicate, original, now=now, reason=MERGE_REASON)
    db.session.flush()


def _seed_threads(cycle, past) -> None:
    """A conversation, one reply deep, in two languages."""
    for hours, (title, email, language, body, reply) in zip((30, 60), THREADS, strict=True):
        proposal, author = _proposal(cycle.id, title), _user(email)
        if proposal is None or author is None:
            continue
        top = _comment(proposal, author, body, language, past(proposal.created_at, hours))
        if reply is not None and (replier := _user(reply[0])) is not None:
            at = past(proposal.created_at, hours + 6)
            _comment(proposal, replier, reply[2], reply[1], at, parent=top)


def _seed_reported_comments(original, arena, facilitator, past, *, now: datetime) -> None:
    # An advertisement someone reported: open, so the facilitator's queue has work.
    spammer, reporter = _user(SPAM[0]), _user(SPAM_REPORT[0])
    if spammer and reporter:
        spam = _comment(original, spammer, SPAM[1], "sv", past(original.created_at, 40))
        _, reason, note = SPAM_REPORT
        _report(spam, reporter, reason, note, past(original.created_at, 42))

    # Personal data about a neighbour: reported, then hidden with a public reason.
    writer, reporter = _user(PERSONAL[0]), _user(PERSONAL_REPORT[0])
    if writer and reporter:
        leak = _comment(original, writer, PERSONAL[1], "sv", past(original.created_at, 44))
        if not leak.is_hidden:
            _, reason, note = PERSONAL_REPORT
            _report(leak, reporter, reason, note, past(original.created_at, 45))
            services.hide_item(facilitator, leak, now=now, reason=HIDE_REASON)


def _seed_duplicate(cycle, original, arena, facilitator, past) -> Proposal:
    """A duplicate, supported partly by the same people as the original, and reported."""
    author = _user("sara@example.org") or facilitator
    duplicate = added(
        Proposal(
            cycle_id=cycle.id,
            theme_id=original.theme_id,
            author_id=author.id,
            title=DUPLICATE,
            summary=DUPLICATE_SUMMARY,
            language="sv",
            status=ProposalStatus.PUBLISHED,
            created_at=past(original.created_at, 50),
            updated_at=past(original.created_at, 50),
        )
    )
    for email in DUPLICATE_SUPPORTERS:
        if (supporter := _user(email)) is not None:
            add_past_support(supporter, duplicate, at=past(cycle.voting_opens_at, 2))
    if (reporter := _user("hodan@example.org")) is not None:
        note = "Samma som lånecyklarna vid centrum."
        _report(duplicate, reporter, ReportReason.DUPLICATE, note, past(duplicate.created_at, 5))
    return duplicate
