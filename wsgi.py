"""Entry point for gunicorn and `flask run`: `gunicorn wsgi:app`."""

import gc

from arena import create_app

app = create_app()

# What is built by now (modules, the app, compiled templates: some 160,000 objects)
# lives as long as the process. Frozen, the collector stops walking it in each full
# collection (about 50 ms, every few hundred requests), and the workers gunicorn forks
# from this process keep sharing those memory pages instead of copying them when a
# collection touches them.
gc.freeze()
