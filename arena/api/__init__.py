"""The read-only public API at /api/v1, its OpenAPI document and the page explaining it.
No models of its own: it reads what the features' pages show."""

from arena.i18n import API_PREFIX


def init_app(app) -> None:
    from arena.api import views
    from arena.core.errors import answer_errors_under
    from arena.core.stateless import answer_without_session
    from arena.extensions import csrf

    app.register_blueprint(views.bp)
    app.register_blueprint(views.docs)
    csrf.exempt(views.bp)
    answer_errors_under(app, API_PREFIX, views.problem)
    answer_without_session(app, API_PREFIX)
