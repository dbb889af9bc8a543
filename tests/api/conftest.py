"""The demo data behind the API, once per database for a whole module."""

import pytest

from arena.core.time import utcnow
from arena.demo import seed_demo
from arena.extensions import db
from tests.conftest import BACKENDS, empty_all_tables


@pytest.fixture(scope="module", params=BACKENDS)
def demo_app(request, shared_apps):
    """An app whose database holds the demo, emptied again after the module."""
    app = shared_apps(request.param, csrf=False)
    with app.app_context():
        seed_demo(utcnow())
        db.session.commit()
        db.session.remove()
    yield app
    with app.app_context():
        empty_all_tables()
        db.session.remove()
