"""arena: a participatory platform for local climate transition arenas."""

from flask import Flask, g

from arena.config import PROJECT_ROOT, load_config


def create_app(overrides: dict | None = None) -> Flask:
    """Wire configuration, extensions and blueprints; no queries, no side effects."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    app.config.update(load_config(overrides))

    from arena import models  # noqa: F401  (every model registered before use)
    from arena.cli import register_cli
    from arena.core.errors import register_error_handlers
    from arena.core.security import add_security_headers
    from arena.core.templating import register_template_helpers
    from arena.core.time import utcnow
    from arena.extensions import babel, csrf, db, login, migrate
    from arena.i18n import select_locale

    db.init_app(app)
    # Absolute path: Flask-Migrate would otherwise look in the current directory.
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login.init_app(app)
    login.login_view = "accounts.sign_in"
    login.login_message_category = "info"

    from flask_babel import lazy_gettext as _l

    login.login_message = _l("Please sign in to continue.")

    from arena.accounts import admin_views  # noqa: F401  (adds the roles pages to accounts)
    from arena.accounts.views import bp as accounts_bp
    from arena.arenas import manage_views  # noqa: F401  (adds the hub, cycles and results to arenas)
    from arena.arenas.statistics_views import bp as statistics_bp
    from arena.arenas.views import bp as arenas_bp
    from arena.commitments import (
        followup_views,  # noqa: F401  (adds indicators, check-ins, pledges)
        review_views,  # noqa: F401  (adds review and adoption to commitments)
    )
    from arena.commitments.views import bp as commitments_bp
    from arena.moderation.views import bp as moderation_bp
    from arena.organisations.views import bp as organisations_bp
    from arena.pages.views import bp as pages_bp
    from arena.proposals import comment_views  # noqa: F401  (adds the comment pages to proposals)
    from arena.proposals.views import bp as proposals_bp
    from arena.workshops import code_views  # noqa: F401  (adds the access-code pages to workshops)
    from arena.workshops.views import bp as workshops_bp

    app.register_blueprint(pages_bp)
    app.register_blueprint(arenas_bp)
    app.register_blueprint(proposals_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(moderation_bp)
    app.register_blueprint(commitments_bp)
    app.register_blueprint(workshops_bp)
    app.register_blueprint(organisations_bp)
    app.register_blueprint(statistics_bp)

    @app.before_request
    def stamp_request_time():
        # One clock reading per request, so every rule on a page agrees.
        g.now = utcnow()

    app.after_request(add_security_headers)
    register_error_handlers(app)
    register_template_helpers(app)
    register_cli(app)
    return app
