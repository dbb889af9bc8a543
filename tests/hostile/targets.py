"""Every POST endpoint of the app, with who sends it and where its form is shown.

A new POST endpoint fails tests/hostile until it has an entry here: one line,
`"blueprint.endpoint": Target("role", lambda s: "/path/it/posts/to"),` (and
`page=` when the form is shown on another page than the one it posts to). The
roles are the demo accounts (arena/demo/data.py) plus "layla", a neighbour who
is admin of the demo's association; the demo facilitator facilitates, and the
demo resident lives in, every arena (tests/hostile/conftest.py). The arenas:
Järva voting (and its 2025 cycle in review), Skärholmen and Norra Djurgårdsstaden
proposing, Innerstaden selecting, SGID testing.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from arena.accounts import links, settings, tokens
from arena.commitments.models import Commitment, Indicator
from arena.extensions import db
from arena.mail.models import MessageStatus, OutboxMessage
from arena.organisations.models import Organisation, OrganisationInvitation
from arena.proposals.models import Comment, Proposal
from arena.staff.indicator_models import ComparisonGroup
from arena.workshops.models import AccessCode
from tests.factories import cycle_dates
from tests.hostile.scene import ROLES

STATISTICS_CSV = (
    "arena;indicator;year;value;unit;source\njarva;Andel resor med bil;2024;24,5;%;RVU\n"
)


def redirected(response) -> bool:
    """The usual success: a redirect to the next page (303 after a POST)."""
    return 300 <= response.status_code < 400


@dataclass(frozen=True)
class Target:
    role: str  # "anonymous" or a key of ROLES
    url: Callable  # (Scene) -> the path the form posts to
    page: Callable | None = None  # (Scene) -> the path of the page showing it; default url
    prepare: Callable | None = None  # (Scene) -> None, or the HTML showing the form
    known: Callable | None = None  # (Scene) -> {field: [valid values]} mixed in with the hostile
    succeeded: Callable = redirected  # (response) -> True when the form was accepted


def _decided(s) -> int:
    return s.proposal("innerstaden", Proposal.decided_at.is_not(None))


def _undecided(s) -> int:
    return s.proposal("innerstaden", Proposal.decided_at.is_(None))


def _own_proposal(s) -> int:
    """One of Layla's proposals that she may still withdraw (its page offers it)."""
    found = select(Proposal.id).where(Proposal.author_id == s.user("layla").id)
    for proposal in db.session.scalars(found.order_by(Proposal.id)).all():
        html = s.client_for("layla").get(f"/proposals/{proposal}").get_data(as_text=True)
        if f"/proposals/{proposal}/withdraw" in html:
            return proposal
    raise AssertionError("no proposal of Layla's may be withdrawn in the demo")


def _unrecommended(s) -> int:
    commitment = s.recommended()
    s.post("staff", f"/staff/scale/{commitment}/recommendation/withdraw", {"reason": "Test."})
    return commitment


def _reported_proposal(s) -> int:
    proposal = s.open_proposal("jarva")
    s.post("resident", f"/moderation/proposals/{proposal}/report", {"reason": "spam"})
    return proposal


def _hidden(kind: str):
    def hide(s) -> int:
        item = s.reported_comment() if kind == "comments" else s.open_proposal("jarva")
        s.post("facilitator", f"/moderation/{kind}/{item}/hide", {"hide-reason": "Test."})
        return item

    return hide


def _own_comment(s) -> int:
    proposal = s.open_proposal("jarva")
    s.post("resident", f"/proposals/{proposal}/comments", {"body": "Bra!", "language": "sv"})
    found = select(Comment.id).where(Comment.author_id == s.user("resident").id)
    return db.session.scalar(found.order_by(Comment.id.desc()).limit(1))


def _pledged(s) -> int:
    commitment = s.commitment()
    s.post("resident", f"/commitments/{commitment}/join")
    return commitment


def _pledged_organisation(s) -> int:
    commitment = s.commitment()
    s.post(
        "layla", f"/commitments/{commitment}/join-organisation", {"organisation": s.association()}
    )
    return commitment


def _comparison(s) -> int:
    indicators = db.session.scalars(select(Indicator.id).order_by(Indicator.id).limit(2)).all()
    s.post("staff", "/staff/indicators", {"name": "Jämförelse", "indicators": indicators})
    return db.session.scalar(select(ComparisonGroup.id).limit(1))


def _statistics_preview(s) -> str:
    upload = {"file": (io.BytesIO(STATISTICS_CSV.encode()), "statistik.csv")}
    return s.post("staff", "/statistics/import", upload, status=200).get_data(as_text=True)


DECIDIM_CSV = (
    "id;category/id;category/name/sv;title/sv;body/sv;state;votes;endorsements/total_count;"
    "published_at;url\n"
    "901;3;Transport;Cykelbana;Bygg klart.;;5;1;2026-03-02 10:15:00 UTC;"
    "https://decidim.example.org/processes/jarva/f/7/proposals/901\n"
)


def _decidim_preview(s) -> str:
    upload = {"file": (io.BytesIO(DECIDIM_CSV.encode()), "decidim.csv")}
    path = "/arenas/jarva/manage/decidim/import"
    return s.post("facilitator", path, upload, status=200).get_data(as_text=True)


def _decidim_previewed(response) -> bool:
    return response.status_code == 200 and b"/manage/decidim/import/confirm" in response.data


def _member(s) -> int:
    organisation = s.remember("association", s.association)
    found = db.session.get(Organisation, organisation).members
    return organisation, found[-1].id


def _previewed(response) -> bool:
    return response.status_code == 200 and b"/statistics/import/confirm" in response.data


def _changeable_review(s) -> int:
    """Järva's active commitment, stopped at its review, with the 2026 cycle moved ahead
    so that the decision may still be changed."""
    commitment = s.commitment("jarva", Commitment.status == "active")
    decision = {"outcome": "stop", "rationale": "Test.", "lessons": "Test.", "confirmed": "yes"}
    s.post("facilitator", f"/commitments/{commitment}/review", decision)
    cycle = s.cycle("jarva")
    for name, value in cycle_dates("upcoming").items():
        setattr(cycle, name, value)
    db.session.flush()
    return commitment


def _s(key, make):
    """A row looked up once per test: `url` and `page` both ask for it."""
    return lambda s: s.remember(key, lambda: make(s))


_proposal = _s("proposal", lambda s: s.open_proposal("jarva"))
_commitment = _s("commitment", lambda s: s.commitment())
_indicator = _s("indicator", lambda s: s.indicator())
_new_indicator = _s("new indicator", lambda s: s.new_indicator())
_recommended = _s("recommended", lambda s: s.recommended())
_association = _s("association", lambda s: s.association())
_member_of = _s("member", _member)


def _unverified(s) -> None:
    """The resident has not confirmed the address yet: the resend form is shown."""
    s.user("resident").verified_at = None
    db.session.commit()


def _without_password(s) -> None:
    """The resident's account is one made from an access code: no password yet."""
    s.user("resident").password_hash = None
    db.session.commit()


def _token(purpose: str):
    def make(s) -> str:
        user = s.user("resident")
        if purpose == "verify":
            return links.verification_token(user)
        if purpose == "reset":
            return links.reset_token(user)
        return tokens.sign(
            settings.EMAIL_CHANGE, user, tokens.fingerprint(user.email), new="ny@example.org"
        )

    return lambda s: s.remember(f"{purpose} token", lambda: make(s))


def _invitation(s) -> int:
    """An invitation to the resident from the association Layla runs."""
    organisation = _association(s)
    s.post("layla", f"/organisations/{organisation}/members", {"email": ROLES["resident"]})
    found = select(OrganisationInvitation.id).where(
        OrganisationInvitation.organisation_id == organisation
    )
    return db.session.scalar(found.order_by(OrganisationInvitation.id.desc()).limit(1))


def _failed_mail(s) -> int:
    message = OutboxMessage(
        kind="test_message",
        to_address="someone@example.org",
        language="sv",
        subject="Test",
        body_text="Test",
        body_html="<p>Test</p>",
        status=MessageStatus.FAILED,
        attempts=6,
    )
    db.session.add(message)
    db.session.commit()  # inside the test's savepoint: a refused request's rollback keeps it
    return message.id


def _batch(s) -> str:
    s.post("facilitator", "/workshops/jarva/codes", {"workshop": "", "count": "3", "days": "30"})
    found = select(AccessCode.batch).where(AccessCode.batch.is_not(None))
    return db.session.scalar(found.order_by(AccessCode.id.desc()).limit(1))


def _arena_id(slug: str):
    return lambda s: s.cycle(slug).arena_id


def _unsubscribe_link(s) -> str:
    from arena.following.mails import unsubscribe_token

    token = s.remember("unsubscribe token", lambda: unsubscribe_token(s.user("resident")))
    return f"/notices/unsubscribe/{token}"


def _reminders_unsubscribe_link(s) -> str:
    from arena.following.mails import unsubscribe_token

    token = s.remember(
        "reminders token", lambda: unsubscribe_token(s.user("resident"), "reminders")
    )
    return f"/notices/reminders/unsubscribe/{token}"


_invited = _s("invitation", _invitation)
_code_batch = _s("batch", _batch)

TARGETS: dict[str, Target] = {
    # accounts
    "accounts.sign_up": Target("anonymous", lambda s: "/accounts/sign-up"),
    "accounts.sign_in": Target(
        "anonymous",
        lambda s: "/accounts/sign-in",
        known=lambda s: {"email": [ROLES["resident"]], "password": ["demo-resident-2026"]},
    ),
    "accounts.sign_out": Target("resident", lambda s: "/accounts/sign-out", page=lambda s: "/"),
    "accounts.connections": Target("resident", lambda s: "/accounts/connections"),
    "accounts.remove_connection": Target(
        "resident",
        lambda s: "/accounts/connections/jarva/remove",
        page=lambda s: "/accounts/connections",
    ),
    "accounts.roles_page": Target("admin", lambda s: "/accounts/roles"),
    "accounts.forgot_password": Target("anonymous", lambda s: "/accounts/forgot-password"),
    "accounts.reset_password": Target(
        "anonymous", lambda s: f"/accounts/reset-password/{_token('reset')(s)}"
    ),
    "accounts.verify_email": Target(
        "anonymous", lambda s: f"/accounts/verify/{_token('verify')(s)}"
    ),
    "accounts.resend_verification": Target(
        "resident", lambda s: "/accounts/verify-email", prepare=_unverified
    ),
    "accounts.sign_out_everywhere": Target(
        "resident", lambda s: "/accounts/sign-out-everywhere", page=lambda s: "/accounts/me"
    ),
    "accounts.change_name": Target("resident", lambda s: "/accounts/settings/name"),
    "accounts.change_password": Target("resident", lambda s: "/accounts/settings/password"),
    "accounts.change_email": Target("resident", lambda s: "/accounts/settings/email"),
    "accounts.confirm_email": Target(
        "resident", lambda s: f"/accounts/settings/email/confirm/{_token('email')(s)}"
    ),
    "accounts.add_email": Target(
        "resident",
        lambda s: "/accounts/settings/add-email",
        page=lambda s: "/accounts/settings",
        prepare=_without_password,
    ),
    "accounts.delete_account": Target("resident", lambda s: "/accounts/me/delete"),
    "mail.retry": Target(
        "admin",
        lambda s: f"/mail/outbox/{_s('failed mail', _failed_mail)(s)}/retry",
        page=lambda s: "/mail/outbox",
    ),
    "accounts.revoke_role": Target(
        "admin", lambda s: "/accounts/roles/revoke", page=lambda s: "/accounts/roles"
    ),
    "pages.set_language": Target("anonymous", lambda s: "/language", page=lambda s: "/"),
    # following: the demo resident follows Järva (arena/demo/following.py)
    "following.follow": Target(
        "resident",
        lambda s: f"/following/arena/{_arena_id('skarholmen')(s)}",
        page=lambda s: "/arenas/skarholmen",
    ),
    "following.unfollow": Target(
        "resident",
        lambda s: f"/following/arena/{_arena_id('jarva')(s)}/stop",
        page=lambda s: "/arenas/jarva",
    ),
    "following.mark_read": Target("resident", lambda s: "/notices/read", page=lambda s: "/notices"),
    "following.mail_choice": Target(
        "resident", lambda s: "/notices/mail", page=lambda s: "/accounts/settings"
    ),
    "following.unsubscribe": Target(
        "anonymous", _unsubscribe_link, succeeded=lambda response: response.status_code == 200
    ),
    "following.unsubscribe_reminders": Target(
        "anonymous",
        _reminders_unsubscribe_link,
        succeeded=lambda response: response.status_code == 200,
    ),
    "representation.my_answers": Target("resident", lambda s: "/representation/my-answers"),
    "representation.clear_answers": Target(
        "resident",
        lambda s: "/representation/my-answers/clear",
        page=lambda s: "/representation/my-answers",
    ),
    # arenas and statistics
    "arenas.new_cycle": Target("facilitator", lambda s: "/arenas/jarva/manage/cycles/new"),
    "arenas.edit_cycle": Target(
        "facilitator", lambda s: f"/arenas/jarva/manage/cycles/{s.cycle('jarva').year}"
    ),
    "statistics.import_page": Target("staff", lambda s: "/statistics/import", succeeded=_previewed),
    "statistics.confirm_import": Target(
        "staff", lambda s: "/statistics/import/confirm", prepare=_statistics_preview
    ),
    "statistics.delete_page": Target("staff", lambda s: "/statistics/delete-year"),
    "decidim.import_page": Target(
        "facilitator", lambda s: "/arenas/jarva/manage/decidim/import", succeeded=_decidim_previewed
    ),
    "decidim.confirm_import": Target(
        "facilitator",
        lambda s: "/arenas/jarva/manage/decidim/import/confirm",
        prepare=_decidim_preview,
    ),
    # proposals and comments
    "proposals.new": Target("resident", lambda s: "/arenas/skarholmen/proposals/new"),
    "proposals.support": Target(
        "resident",
        lambda s: f"/proposals/{_proposal(s)}/support",
        page=lambda s: f"/proposals/{_proposal(s)}",
    ),
    "proposals.withdraw": Target(
        "layla",
        lambda s: f"/proposals/{_s('own', _own_proposal)(s)}/withdraw",
        page=lambda s: f"/proposals/{_s('own', _own_proposal)(s)}",
    ),
    "proposals.new_comment": Target(
        "resident",
        lambda s: f"/proposals/{_proposal(s)}/comments",
        page=lambda s: f"/proposals/{_proposal(s)}",
    ),
    "proposals.reply": Target("resident", lambda s: f"/comments/{s.comment()}/reply"),
    "proposals.edit_comment": Target(
        "resident", _s("own", lambda s: f"/comments/{_own_comment(s)}/edit")
    ),
    # moderation
    "moderation.report_proposal": Target(
        "resident", lambda s: f"/moderation/proposals/{_proposal(s)}/report"
    ),
    "moderation.report_comment": Target(
        "resident", lambda s: f"/moderation/comments/{s.comment()}/report"
    ),
    "moderation.hide_proposal": Target(
        "facilitator",
        lambda s: f"/moderation/proposals/{_proposal(s)}/hide",
        page=lambda s: f"/moderation/proposals/{_proposal(s)}",
    ),
    "moderation.merge": Target(
        "facilitator",
        lambda s: f"/moderation/proposals/{_proposal(s)}/merge",
        page=lambda s: f"/moderation/proposals/{_proposal(s)}",
    ),
    "moderation.dismiss_proposal_reports": Target(
        "facilitator",
        lambda s: f"/moderation/proposals/{_s('reported', _reported_proposal)(s)}/dismiss",
        page=lambda s: f"/moderation/proposals/{_s('reported', _reported_proposal)(s)}",
    ),
    "moderation.restore_proposal": Target(
        "facilitator",
        lambda s: f"/moderation/proposals/{_s('hidden', _hidden('proposals'))(s)}/restore",
        page=lambda s: f"/moderation/proposals/{_s('hidden', _hidden('proposals'))(s)}",
    ),
    "moderation.hide_comment": Target(
        "facilitator",
        lambda s: f"/moderation/comments/{s.reported_comment()}/hide",
        page=lambda s: f"/moderation/comments/{s.reported_comment()}",
    ),
    "moderation.dismiss_comment_reports": Target(
        "facilitator",
        lambda s: f"/moderation/comments/{s.reported_comment()}/dismiss",
        page=lambda s: f"/moderation/comments/{s.reported_comment()}",
    ),
    "moderation.restore_comment": Target(
        "facilitator",
        lambda s: f"/moderation/comments/{_s('hidden', _hidden('comments'))(s)}/restore",
        page=lambda s: f"/moderation/comments/{_s('hidden', _hidden('comments'))(s)}",
    ),
    # selections
    "selections.select": Target(
        "facilitator",
        lambda s: f"/commitments/decide/{_undecided(s)}/select",
        page=lambda s: f"/commitments/decide/{_undecided(s)}",
    ),
    "selections.not_select": Target(
        "facilitator",
        lambda s: f"/commitments/decide/{_undecided(s)}/not-select",
        page=lambda s: f"/commitments/decide/{_undecided(s)}",
    ),
    "selections.undo": Target(
        "facilitator",
        lambda s: f"/commitments/decide/{_decided(s)}/undo",
        page=lambda s: f"/commitments/decide/{_decided(s)}",
    ),
    # commitments
    "commitments.edit": Target("facilitator", lambda s: f"/commitments/{_commitment(s)}/edit"),
    "commitments.new_indicator": Target(
        "facilitator", lambda s: f"/commitments/{_commitment(s)}/indicators/new"
    ),
    "commitments.edit_indicator": Target(
        "facilitator", lambda s: "/commitments/{}/indicators/{}/edit".format(*_indicator(s))
    ),
    "commitments.delete_indicator": Target(
        "facilitator",
        lambda s: "/commitments/{}/indicators/{}/delete".format(*_new_indicator(s)),
        page=lambda s: f"/commitments/{_commitment(s)}",
    ),
    "commitments.new_check_in": Target(
        "facilitator", lambda s: f"/commitments/{_commitment(s)}/check-ins/new"
    ),
    "commitments.resident_check_in": Target(
        "resident",
        lambda s: f"/commitments/{_commitment(s)}/check-ins/resident",
        page=lambda s: f"/commitments/{_commitment(s)}",
    ),
    "commitments.pledge": Target(
        "resident",
        lambda s: f"/commitments/{_commitment(s)}/join",
        page=lambda s: f"/commitments/{_commitment(s)}",
    ),
    "commitments.unpledge": Target(
        "resident",
        lambda s: f"/commitments/{_s('pledged', _pledged)(s)}/leave",
        page=lambda s: f"/commitments/{_s('pledged', _pledged)(s)}",
    ),
    "commitments.pledge_organisation": Target(
        "layla",
        lambda s: f"/commitments/{_commitment(s)}/join-organisation",
        page=lambda s: f"/commitments/{_commitment(s)}",
    ),
    "commitments.unpledge_organisation": Target(
        "layla",
        lambda s: f"/commitments/{_s('pledged', _pledged_organisation)(s)}/leave-organisation",
        page=lambda s: f"/commitments/{_s('pledged', _pledged_organisation)(s)}",
    ),
    # reviews and the city's staff
    "reviews.review_page": Target(
        "facilitator",
        lambda s: f"/commitments/{s.commitment('jarva', Commitment.status == 'active')}/review",
    ),
    "reviews.change_review": Target(
        "facilitator",
        lambda s: f"/commitments/{_s('changeable', _changeable_review)(s)}/review/change",
    ),
    "reviews.adopt": Target(
        "facilitator", lambda s: f"/commitments/{_recommended(s)}/adopt/norra-djurgardsstaden"
    ),
    "staff.recommend": Target(
        "staff", lambda s: f"/staff/scale/{_s('unrecommended', _unrecommended)(s)}/recommendation"
    ),
    "staff.withdraw_recommendation": Target(
        "staff", lambda s: f"/staff/scale/{_recommended(s)}/recommendation/withdraw"
    ),
    "staff.indicators": Target("staff", lambda s: "/staff/indicators"),
    "staff.remove_comparison": Target(
        "staff", lambda s: f"/staff/indicators/groups/{_s('group', _comparison)(s)}/remove"
    ),
    # organisations
    "organisations.new": Target("resident", lambda s: "/organisations/new"),
    "organisations.edit": Target("layla", lambda s: f"/organisations/{_association(s)}/edit"),
    "organisations.add_member": Target(
        "layla",
        lambda s: f"/organisations/{_association(s)}/members",
        page=lambda s: f"/organisations/{_association(s)}",
        known=lambda s: {"email": [ROLES["resident"], "nobody@example.org"]},
    ),
    "organisations.remove_member": Target(
        "layla",
        lambda s: "/organisations/{}/members/{}/remove".format(*_member_of(s)),
        page=lambda s: f"/organisations/{_association(s)}",
    ),
    "organisations.accept_invitation": Target(
        "resident",
        lambda s: f"/organisations/invitations/{_invited(s)}/accept",
        page=lambda s: "/organisations/invitations",
    ),
    "organisations.decline_invitation": Target(
        "resident",
        lambda s: f"/organisations/invitations/{_invited(s)}/decline",
        page=lambda s: "/organisations/invitations",
    ),
    "organisations.withdraw_invitation": Target(
        "layla",
        lambda s: f"/organisations/{_association(s)}/invitations/{_invited(s)}/withdraw",
        page=lambda s: f"/organisations/{_association(s)}",
    ),
    "organisations.verify": Target(
        "facilitator",
        lambda s: f"/organisations/{_association(s)}/verify",
        page=lambda s: f"/organisations/{_association(s)}",
    ),
    # workshops and access codes
    "workshops.new": Target("facilitator", lambda s: "/workshops/jarva/new"),
    "workshops.edit": Target("facilitator", lambda s: f"/workshops/jarva/{_workshop(s)}/edit"),
    "workshops.new_proposal": Target(
        "facilitator", lambda s: f"/workshops/jarva/{_workshop(s)}/proposals/new"
    ),
    "workshops.save_tallies": Target(
        "facilitator",
        lambda s: f"/workshops/jarva/{_workshop(s)}/tallies",
        page=lambda s: f"/workshops/jarva/{_workshop(s)}",
    ),
    "workshops.codes_page": Target("facilitator", lambda s: "/workshops/jarva/codes"),
    "workshops.redeem": Target("anonymous", lambda s: "/workshops/redeem"),
    "workshops.extend_codes": Target(
        "facilitator", lambda s: f"/workshops/jarva/codes/batches/{_code_batch(s)}/extend"
    ),
    "workshops.sign_in_with_code": Target("anonymous", lambda s: "/workshops/sign-in-with-code"),
    "workshops.revoke_codes": Target(
        "facilitator", lambda s: f"/workshops/jarva/codes/batches/{_code_batch(s)}/revoke"
    ),
}


def _find_workshop(s) -> int:
    from arena.workshops.models import Workshop

    return db.session.scalar(select(Workshop.id).where(Workshop.cycle_id == s.cycle("jarva").id))


_workshop = _s("workshop", _find_workshop)
