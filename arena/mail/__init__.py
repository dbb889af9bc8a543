"""Mail through an outbox: every message is a row written in the same transaction as
the change that causes it, and a worker (`flask --app arena outbox send`) sends it."""


def init_app(app) -> None:
    pass
