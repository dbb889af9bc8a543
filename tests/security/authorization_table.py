"""Who meets what at every address: one line per endpoint and method of the URL map.

Adding an endpoint? Add ONE line to EXPECTED below, e.g.

    ("accounts.settings", "GET"): SIGNED_IN,

choosing the grouping that says who may use it (or `but(GROUPING, role=OUTCOME)` for
an exception). The matrix test fails for any endpoint without a line, and for any
line whose endpoint is gone. If its URL has an argument the scene has no value for,
add the value in tests/security/scenario.py.

The roles meet a shared scene (tests/security/scenario.py): Järva is "this arena",
Skärholmen "another arena", and every proposal, comment, organisation and commitment
belongs to someone else, so "ok" is what a role may do to things not its own.

Outcomes (tests/security/matrix.py reads them from the answer):
  ok         GET: 2xx. POST: 2xx or a redirect: the rights check let the role through
  sign_in    sent to the sign-in page
  redirect   GET sent elsewhere (a signed-in person opening the sign-up page)
  connect    sent to declare a connection to the arena first
  forbidden  403: not for this role (rules refuse "not now" with 403 as well)
  not_found  404
  refused    400/409, or an error message flashed: past the rights check, the empty form
             or a rule's state said no (nothing to withdraw, no reason given…)
Every POST is sent with an empty form and CSRF off.
"""

from arena.api.resources import RESOURCES as API_RESOURCES
from tests.security.matrix import (
    CONNECT,
    FORBIDDEN,
    NOT_FOUND,
    OK,
    REDIRECT,
    REFUSED,
    SIGN_IN,
)
from tests.security.scenario import ROLES


def roles(default, **per_role) -> dict[str, object]:
    unknown = set(per_role) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}; the roles are {ROLES}"
    return {role: per_role.get(role, default) for role in ROLES}


def but(grouping: dict, **changes) -> dict:
    """A grouping with a few roles meeting something else."""
    roles(None, **changes)  # only known roles
    return {**grouping, **changes}


# The groupings: who may use an address.
PUBLIC = roles(OK)
SIGNED_IN = roles(OK, anonymous=SIGN_IN)
# Forms for signing in or up: the signed in are sent on; a POST shows the form again.
SIGNED_OUT = roles(REDIRECT, anonymous=OK)
SIGNED_OUT_POST = roles(OK)
# Taking part in an arena: people connected to it; the others are asked to connect.
CONNECTED = roles(CONNECT, anonymous=SIGN_IN, unverified=OK, resident=OK)
# Acting on an arena's commitments as a resident: the unconnected are refused outright.
CONNECTED_ONLY = roles(FORBIDDEN, anonymous=SIGN_IN, unverified=OK, resident=OK)
FACILITATOR = roles(FORBIDDEN, anonymous=SIGN_IN, facilitator=OK)
# The same, where the empty form is refused once the rights check has passed.
FACILITATOR_POST = roles(FORBIDDEN, anonymous=SIGN_IN, facilitator=REFUSED)
FACILITATOR_OR_STAFF = roles(FORBIDDEN, anonymous=SIGN_IN, facilitator=OK, staff=OK, admin=OK)
# Pages about one's own arenas, whichever they are (facilitators) or all of them (staff).
ANY_FACILITATOR_OR_STAFF = but(FACILITATOR_OR_STAFF, facilitator_elsewhere=OK)
STAFF = roles(FORBIDDEN, anonymous=SIGN_IN, staff=OK, admin=OK)
STAFF_POST = roles(FORBIDDEN, anonymous=SIGN_IN, staff=REFUSED, admin=REFUSED)
ADMIN = roles(FORBIDDEN, anonymous=SIGN_IN, admin=OK)
# Only the owner (an organisation's admins, a comment's author): none of the roles.
OWNER_ONLY = roles(FORBIDDEN, anonymous=SIGN_IN)

# Public data whose address may name nothing in the scene.
PUBLIC_OR_MISSING = roles(frozenset({OK, NOT_FOUND}))

# fmt: off
EXPECTED: dict[tuple[str, str], dict] = {
    ("pages.home", "GET"): PUBLIC,
    ("health.alive", "GET"): PUBLIC,
    ("health.ready", "GET"): PUBLIC,
    ("pages.accessibility", "GET"): PUBLIC,
    ("pages.privacy", "GET"): PUBLIC,
    ("pages.set_language", "POST"): PUBLIC,

    ("accounts.sign_up", "GET"): SIGNED_OUT,
    ("accounts.sign_up", "POST"): SIGNED_OUT_POST,
    ("accounts.sign_in", "GET"): SIGNED_OUT,
    ("accounts.sign_in", "POST"): SIGNED_OUT_POST,
    ("accounts.sign_out", "POST"): PUBLIC,
    ("accounts.me", "GET"): SIGNED_IN,
    ("accounts.connections", "GET"): SIGNED_IN,
    ("accounts.connections", "POST"): SIGNED_IN,
    ("accounts.remove_connection", "POST"): SIGNED_IN,
    ("accounts.roles_page", "GET"): ADMIN,
    ("accounts.roles_page", "POST"): ADMIN,
    ("accounts.revoke_role", "POST"): but(ADMIN, admin=NOT_FOUND),  # the empty form names no role
    # Without ?about= (sign-up or password) the page has nothing to say: 404 for everyone.
    ("accounts.check_email", "GET"): roles(NOT_FOUND),
    ("accounts.forgot_password", "GET"): PUBLIC,
    ("accounts.forgot_password", "POST"): PUBLIC,
    # Links from mail, opened signed in or not: the scene's token is no valid link.
    ("accounts.verify_email", "GET"): roles(REFUSED),
    ("accounts.verify_email", "POST"): roles(REFUSED),
    ("accounts.reset_password", "GET"): roles(REFUSED),
    ("accounts.reset_password", "POST"): roles(REFUSED),
    ("accounts.confirm_email", "GET"): roles(REFUSED),
    ("accounts.confirm_email", "POST"): roles(REFUSED),
    # Only the unverified have a link to ask for; the others are sent on.
    ("accounts.resend_verification", "GET"): roles(REDIRECT, anonymous=SIGN_IN, unverified=OK),
    ("accounts.resend_verification", "POST"): SIGNED_IN,
    ("accounts.sign_out_everywhere", "POST"): SIGNED_IN,
    ("accounts.settings", "GET"): SIGNED_IN,
    ("accounts.add_email", "POST"): SIGNED_IN,
    ("accounts.change_name", "GET"): SIGNED_IN,
    ("accounts.change_name", "POST"): SIGNED_IN,
    ("accounts.change_password", "GET"): SIGNED_IN,
    ("accounts.change_password", "POST"): SIGNED_IN,
    ("accounts.change_email", "GET"): SIGNED_IN,
    ("accounts.change_email", "POST"): SIGNED_IN,

    ("arenas.show", "GET"): PUBLIC,
    ("arenas.commitments", "GET"): PUBLIC,
    ("arenas.results", "GET"): PUBLIC,
    # Admins do not manage arenas by being admin: they grant themselves the role first.
    ("arenas.manage", "GET"): FACILITATOR,
    ("arenas.new_cycle", "GET"): FACILITATOR,
    ("arenas.new_cycle", "POST"): FACILITATOR,
    ("arenas.edit_cycle", "GET"): FACILITATOR,
    ("arenas.edit_cycle", "POST"): FACILITATOR,
    ("audit.log", "GET"): FACILITATOR_OR_STAFF,

    ("statistics.import_page", "GET"): STAFF,
    ("statistics.import_page", "POST"): STAFF,
    ("statistics.confirm_import", "POST"): STAFF_POST,
    ("statistics.delete_page", "GET"): STAFF,
    ("statistics.delete_page", "POST"): STAFF,

    ("proposals.index", "GET"): PUBLIC,
    ("proposals.show", "GET"): PUBLIC,
    ("proposals.new", "GET"): CONNECTED,
    ("proposals.new", "POST"): CONNECTED,
    # Facilitators, staff and admins get no vote of their own by their role.
    ("proposals.support", "POST"): CONNECTED_ONLY,
    ("proposals.withdraw", "POST"): but(CONNECTED_ONLY, unverified=REFUSED, resident=REFUSED),
    ("proposals.new_comment", "GET"): CONNECTED,
    ("proposals.new_comment", "POST"): CONNECTED,
    ("proposals.reply", "GET"): CONNECTED,
    ("proposals.reply", "POST"): CONNECTED,
    ("proposals.edit_comment", "GET"): OWNER_ONLY,
    ("proposals.edit_comment", "POST"): OWNER_ONLY,

    ("moderation.index", "GET"): ANY_FACILITATOR_OR_STAFF,
    ("moderation.reports", "GET"): FACILITATOR,
    ("moderation.proposal", "GET"): FACILITATOR,
    ("moderation.comment", "GET"): FACILITATOR,
    ("moderation.report_proposal", "GET"): SIGNED_IN,
    ("moderation.report_proposal", "POST"): SIGNED_IN,
    ("moderation.report_comment", "GET"): SIGNED_IN,
    ("moderation.report_comment", "POST"): SIGNED_IN,
    ("moderation.hide_proposal", "POST"): FACILITATOR_POST,  # a reason is required
    ("moderation.restore_proposal", "POST"): FACILITATOR_POST,
    ("moderation.dismiss_proposal_reports", "POST"): FACILITATOR,
    ("moderation.hide_comment", "POST"): FACILITATOR_POST,
    ("moderation.restore_comment", "POST"): FACILITATOR_POST,
    ("moderation.dismiss_comment_reports", "POST"): FACILITATOR_POST,
    ("moderation.merge", "POST"): FACILITATOR_POST,  # the empty form names no proposal

    ("workshops.index", "GET"): PUBLIC,
    ("workshops.show", "GET"): PUBLIC,
    ("workshops.new", "GET"): FACILITATOR,
    ("workshops.new", "POST"): FACILITATOR,
    ("workshops.edit", "GET"): FACILITATOR,
    ("workshops.edit", "POST"): FACILITATOR,
    ("workshops.new_proposal", "GET"): FACILITATOR,
    ("workshops.new_proposal", "POST"): FACILITATOR,
    ("workshops.save_tallies", "POST"): FACILITATOR,
    ("workshops.codes_page", "GET"): FACILITATOR,
    ("workshops.codes_page", "POST"): FACILITATOR,
    # Codes are printable once, from the session that made them: nobody else has them.
    ("workshops.redeem", "GET"): SIGNED_OUT,
    ("workshops.redeem", "POST"): SIGNED_OUT_POST,
    ("workshops.sign_in_with_code", "GET"): SIGNED_OUT,
    ("workshops.sign_in_with_code", "POST"): SIGNED_OUT_POST,

    ("selections.decide", "GET"): FACILITATOR,
    ("selections.select", "POST"): FACILITATOR,
    ("selections.not_select", "POST"): FACILITATOR,
    ("selections.undo", "POST"): FACILITATOR_POST,  # nothing decided yet

    ("commitments.show", "GET"): PUBLIC,
    ("commitments.edit", "GET"): FACILITATOR,
    ("commitments.edit", "POST"): FACILITATOR,
    ("commitments.new_indicator", "GET"): FACILITATOR,
    ("commitments.new_indicator", "POST"): FACILITATOR,
    ("commitments.edit_indicator", "GET"): FACILITATOR,
    ("commitments.edit_indicator", "POST"): FACILITATOR,
    ("commitments.delete_indicator", "POST"): FACILITATOR_POST,  # it has a check-in
    ("commitments.new_check_in", "GET"): FACILITATOR,
    ("commitments.new_check_in", "POST"): FACILITATOR,
    ("commitments.resident_check_in", "GET"): CONNECTED_ONLY,
    ("commitments.resident_check_in", "POST"): CONNECTED_ONLY,
    ("commitments.pledge", "POST"): CONNECTED_ONLY,
    # Pledging for an organisation: the empty form names none of the person's organisations.
    ("commitments.pledge_organisation", "POST"): roles(REFUSED, anonymous=SIGN_IN),
    ("commitments.unpledge", "POST"): roles(REFUSED, anonymous=SIGN_IN),  # nothing to leave
    ("commitments.unpledge_organisation", "POST"): roles(REFUSED, anonymous=SIGN_IN),

    ("reviews.review_page", "GET"): FACILITATOR,
    ("reviews.review_page", "POST"): FACILITATOR_POST,
    # The scene's commitments are not reviewed yet: nothing to change.
    ("reviews.change_review", "GET"): FACILITATOR_POST,
    ("reviews.change_review", "POST"): FACILITATOR_POST,
    # Adopting Järva's commitment into Skärholmen: Skärholmen's facilitators decide.
    ("reviews.adopt", "GET"): roles(FORBIDDEN, anonymous=SIGN_IN, facilitator_elsewhere=OK),
    ("reviews.adopt", "POST"): roles(FORBIDDEN, anonymous=SIGN_IN, facilitator_elsewhere=REFUSED),

    ("organisations.index", "GET"): PUBLIC,
    ("search.index", "GET"): PUBLIC,
    ("search.similar", "GET"): PUBLIC,
    ("search.duplicates", "GET"): FACILITATOR,
    ("organisations.show", "GET"): PUBLIC,
    ("organisations.new", "GET"): SIGNED_IN,
    ("organisations.new", "POST"): SIGNED_IN,
    ("organisations.edit", "GET"): OWNER_ONLY,
    ("organisations.edit", "POST"): OWNER_ONLY,
    ("organisations.add_member", "POST"): OWNER_ONLY,
    ("organisations.remove_member", "POST"): OWNER_ONLY,
    ("organisations.invitations", "GET"): SIGNED_IN,
    ("accounts.my_data_page", "GET"): SIGNED_IN,
    ("accounts.my_data_json", "GET"): SIGNED_IN,
    ("accounts.delete_account", "GET"): SIGNED_IN,
    # The empty form has neither the password nor the "cannot be undone" box.
    ("accounts.delete_account", "POST"): roles(REFUSED, anonymous=SIGN_IN),
    ("accounts.account_deleted", "GET"): PUBLIC,
    # Following and notices: one's own; the unsubscribe link from mail needs no sign-in
    # (the scene's token is no valid link).
    ("following.follow", "POST"): SIGNED_IN,
    ("following.unfollow", "POST"): SIGNED_IN,
    ("following.notices", "GET"): SIGNED_IN,
    ("following.mark_read", "POST"): SIGNED_IN,
    ("following.mail_choice", "POST"): roles(REFUSED, anonymous=SIGN_IN),
    ("following.unsubscribe", "GET"): roles(REFUSED),
    ("following.unsubscribe", "POST"): roles(REFUSED),
    ("following.unsubscribe_reminders", "GET"): roles(REFUSED),
    ("following.unsubscribe_reminders", "POST"): roles(REFUSED),
    ("mail.outbox", "GET"): ADMIN,
    ("mail.retry", "POST"): ADMIN,
    # Invitations are answered only by their invitee: to anyone else they do not exist.
    ("organisations.accept_invitation", "POST"): roles(NOT_FOUND, anonymous=SIGN_IN),
    ("organisations.decline_invitation", "POST"): roles(NOT_FOUND, anonymous=SIGN_IN),
    ("organisations.withdraw_invitation", "POST"): OWNER_ONLY,
    # Facilitators of an arena the organisation is active in vouch for it.
    ("organisations.verify", "POST"): FACILITATOR,

    ("representation.my_answers", "GET"): SIGNED_IN,
    ("representation.my_answers", "POST"): SIGNED_IN,
    ("representation.clear_answers", "POST"): SIGNED_IN,
    ("representation.arena_page", "GET"): FACILITATOR_OR_STAFF,
    ("representation.city_page", "GET"): STAFF,

    ("decidim.import_page", "GET"): but(FACILITATOR, admin=OK),
    ("decidim.import_page", "POST"): but(FACILITATOR, admin=OK),
    ("decidim.confirm_import", "POST"): but(FACILITATOR_POST, admin=REFUSED),
    ("decidim.results_file", "GET"): FACILITATOR_OR_STAFF,

    ("exports.index", "GET"): ANY_FACILITATOR_OR_STAFF,
    ("exports.download", "GET"): FACILITATOR_OR_STAFF,
    ("opendata.index", "GET"): PUBLIC,
    ("opendata.dataset", "GET"): PUBLIC,
    ("opendata.year", "GET"): PUBLIC,
    ("opendata.bundle", "GET"): PUBLIC,
    ("opendata.datapackage", "GET"): PUBLIC,
    ("opendata.readme", "GET"): PUBLIC,
    ("opendata.table_csv", "GET"): PUBLIC,
    ("opendata.workbook", "GET"): PUBLIC,
    ("opendata.data_json", "GET"): PUBLIC,
    ("opendata.catalog", "GET"): PUBLIC,
    ("opendata.catalog_jsonld", "GET"): PUBLIC,
    ("opendata.catalog_ttl", "GET"): PUBLIC,

    ("staff.index", "GET"): STAFF,
    ("staff.compare_arenas", "GET"): STAFF,
    ("staff.commitments", "GET"): STAFF,
    ("staff.city_report", "GET"): STAFF,
    ("staff.arena_report", "GET"): STAFF,
    ("staff.indicators", "GET"): STAFF,
    ("staff.indicators", "POST"): STAFF_POST,
    ("staff.remove_comparison", "GET"): STAFF,
    ("staff.remove_comparison", "POST"): STAFF,
    ("staff.scale_list", "GET"): STAFF,
    ("staff.recommend", "GET"): STAFF,
    ("staff.recommend", "POST"): STAFF_POST,  # a note is required
    ("staff.withdraw_recommendation", "GET"): STAFF,
    ("staff.withdraw_recommendation", "POST"): STAFF,
    # The scene's batch label names no batch: 404 for the facilitator, after the rights check.
    ("workshops.extend_codes", "GET"): but(FACILITATOR, facilitator=NOT_FOUND),
    ("workshops.extend_codes", "POST"): but(FACILITATOR, facilitator=NOT_FOUND),
    ("workshops.code_sheet", "GET"): but(FACILITATOR, facilitator=NOT_FOUND),
    ("workshops.revoke_codes", "GET"): but(FACILITATOR, facilitator=NOT_FOUND),
    ("workshops.revoke_codes", "POST"): but(FACILITATOR, facilitator=NOT_FOUND),
    # The public API: the same for everyone, signed in or not. Its items are named by one
    # `item_id` (the scene's proposal id): where the scene has no such item, a 404.
    ("api.index", "GET"): PUBLIC,
    ("api.openapi_document", "GET"): PUBLIC,
    ("api_docs.page", "GET"): PUBLIC,
    **{(f"api.{r.name}", "GET"): PUBLIC for r in API_RESOURCES},
    **{(f"api.{r.name}_item", "GET"): PUBLIC_OR_MISSING for r in API_RESOURCES},
    ("calendars.arena_feed", "GET"): PUBLIC,
    ("calendars.all_feed", "GET"): PUBLIC,
    ("feeds.arena_feed", "GET"): PUBLIC,
    ("stories.proposal", "GET"): PUBLIC,
    ("stories.commitment", "GET"): PUBLIC,
}
# fmt: on

# Proposing, supporting and commenting need a verified address (issue 10).
NEEDS_VERIFIED_ADDRESS = {
    ("proposals.new", "GET"),
    ("proposals.new_comment", "GET"),
    ("proposals.reply", "GET"),
    ("proposals.new", "POST"),
    ("proposals.support", "POST"),
    ("proposals.new_comment", "POST"),
    ("proposals.reply", "POST"),
}
# Refused one way or the other: a 403 page, or the form again with the reason.
UNVERIFIED_REFUSAL = frozenset({FORBIDDEN, REFUSED})


def expected() -> dict[tuple[str, str], dict]:
    """The table, with the verification rule applied."""
    table = dict(EXPECTED)
    for key in NEEDS_VERIFIED_ADDRESS:
        table[key] = but(table[key], unverified=UNVERIFIED_REFUSAL)
    return table
