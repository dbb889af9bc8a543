"""Entry point for gunicorn and `flask run`: `gunicorn wsgi:app`."""

from arena import create_app

app = create_app()
