"""The audit log: who did what, when and why, for every facilitator, staff and
admin action. Every feature writes it through `record`, in the same transaction
as the change it describes (`arena.audit.services.record`)."""


def init_app(app) -> None:
    from arena.audit.views import bp

    app.register_blueprint(bp)
