"""Mail through an outbox: every message is a row written in the same transaction as
the change that causes it (`arena.mail.outbox.queue`), and a worker
(`flask --app arena outbox send`, arena/mail/worker.py) sends it. Without a mail
server (the embedded default) messages are printed on the console instead
(arena/mail/console.py). Admins see the outbox at /mail/outbox."""


def init_app(app) -> None:
    from arena.mail import console
    from arena.mail.cli import outbox
    from arena.mail.views import bp

    console.listen()
    from arena.core.freshness import writes_not_shown

    # Sending mail (claims, tries, sent marks) changes no page: keep cached pages.
    writes_not_shown(app, "outbox_messages")
    app.register_blueprint(bp)
    app.cli.add_command(outbox)
