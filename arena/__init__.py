"""arena: a participatory platform for local climate transition arenas."""

from importlib import import_module

from flask import Flask, g

from arena.config import PROJECT_ROOT, load_config

# Every feature package, in the order their blueprints are registered. Each has an
# init_app(app) that registers its own routes and template helpers.
FEATURES = (
    "pages",
    "arenas",
    "proposals",
    "accounts",
    "moderation",
    "audit",
    "selections",
    "commitments",
    "reviews",
    "workshops",
    "organisations",
    "exports",
    "representation",
    "staff",
    "mail",
    "api",
    "calendars",
    "opendata",
    "decidim",
    "search",
    "following",
    "reminders",
    "stories",
    "feeds",
    # Last: it puts limits on the views the others registered.
    "limits",
)


def create_app(overrides: dict | None = None) -> Flask:
    """Wire configuration, extensions and blueprints; no queries, no side effects."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    app.config.update(load_config(overrides))
    _trust_proxies(app)

    from arena import models  # noqa: F401  (every model registered before use)
    from arena.core.stateless import SessionUnlessStateless

    app.session_interface = SessionUnlessStateless()
    from arena.cli import register_cli
    from arena.core import health, pagecache, request_log, statics, time
    from arena.core.database import init_database
    from arena.core.errors import register_error_handlers
    from arena.core.migrate import init_migrate
    from arena.core.routing import register_converters
    from arena.core.security import add_security_headers, read_form_before_views
    from arena.core.templating import register_template_helpers
    from arena.extensions import babel, csrf, login
    from arena.i18n import select_locale

    init_database(app)
    # First of the answer hooks, so it runs last: ETags, compression, what to cache.
    pagecache.init_page_cache(app)
    init_migrate(app)
    # First of all hooks: a body over MAX_CONTENT_LENGTH is refused before anything runs.
    app.before_request(read_form_before_views)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login.init_app(app)
    login.login_view = "accounts.sign_in"
    login.login_message_category = "info"

    from flask_babel import lazy_gettext as _l

    login.login_message = _l("Please sign in to continue.")

    register_converters(app)
    health.init_health(app)
    for name in FEATURES:
        import_module(f"arena.{name}").init_app(app)

    @app.before_request
    def stamp_request_time():
        # One clock reading per request, so every rule on a page agrees (tests move it).
        g.now = time.utcnow()

    app.after_request(add_security_headers)
    register_error_handlers(app)
    register_template_helpers(app)
    statics.init_statics(app)
    register_cli(app)
    pagecache.wrap(app)  # hits are answered before Flask routes anything
    request_log.init_request_log(app)  # last: the outermost layer, timing everything
    return app


def _trust_proxies(app: Flask) -> None:
    """Trust exactly as many X-Forwarded-For/-Proto hops as there are proxies of ours."""
    count = app.config["PROXY_COUNT"]
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)
