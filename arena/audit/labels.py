"""What each audit log action key means, for the audit log page.

Every key a feature passes to `record` must be here: a test walks the code for
the keys it writes and fails on any without a label.
"""

from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "role.grant": _l("Role given"),
    "role.revoke": _l("Role taken away"),
    "account.delete": _l("Account deleted by its owner"),
    "proposal.hide": _l("Proposal hidden"),
    "proposal.auto_hide": _l("Proposal hidden automatically after reports"),
    "proposal.restore": _l("Proposal restored"),
    "proposal.dismiss_reports": _l("Reports on a proposal dismissed"),
    "proposal.merge": _l("Proposal merged into another"),
    "comment.hide": _l("Comment hidden"),
    "comment.auto_hide": _l("Comment hidden automatically after reports"),
    "comment.restore": _l("Comment restored"),
    "comment.dismiss_reports": _l("Reports on a comment dismissed"),
    "cycle.create": _l("Cycle created"),
    "cycle.update": _l("Cycle changed"),
    "proposal.select": _l("Proposal selected"),
    "proposal.not_select": _l("Proposal not selected"),
    "proposal.undo_decision": _l("Selection decision undone"),
    "workshop.record": _l("Workshop recorded"),
    "workshop.edit": _l("Workshop changed"),
    "workshop.add_proposal": _l("Proposal entered from a workshop"),
    "workshop.save_tallies": _l("Workshop dot votes saved"),
    "workshop.save_group_counts": _l("Workshop participants counted by group"),
    "access_codes.generate": _l("Access codes made"),
    "access_codes.extend": _l("A batch of access codes extended"),
    "access_codes.revoke": _l("A batch of access codes revoked"),
    "commitment.edit": _l("Commitment changed"),
    "indicator.add": _l("Indicator added"),
    "indicator.edit": _l("Indicator changed"),
    "indicator.delete": _l("Indicator deleted"),
    "check_in.record": _l("Check-in posted by a facilitator"),
    "organisation.verify": _l("Organisation marked as verified"),
    "organisation.unverify": _l("Organisation's verified badge removed"),
    # Membership by invitation (organisations/invitations.py).
    "organisation.invite": _l("Member invited to an organisation"),
    "organisation.accept": _l("Invitation to an organisation accepted"),
    "organisation.decline": _l("Invitation to an organisation declined"),
    "organisation.withdraw_invitation": _l("Invitation to an organisation withdrawn"),
    "statistics.import": _l("District statistics imported"),
    "statistics.delete": _l("A year's district statistics deleted"),
    "commitment.review": _l("Commitment reviewed"),
    "commitment.review_change": _l("Review decision changed"),
    "commitment.adopt": _l("Commitment adopted from another arena"),
    "comparison.create": _l("Indicators marked as comparable across arenas"),
    "comparison.remove": _l("Comparison of indicators removed"),
    "commitment.recommend_city": _l("Commitment recommended for the whole city"),
    "commitment.withdraw_city_recommendation": _l("Recommendation for the whole city withdrawn"),
    "decidim.import": _l("Proposals imported from Decidim"),
    # Mail (arena/mail)
    "mail.retry": _l("Failed mail tried again"),
}

ROLE_LABELS = {
    "facilitator": _l("Facilitator of an arena"),
    "staff": _l("City staff"),
    "admin": _l("Administrator"),
}
