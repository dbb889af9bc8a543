"""The yardstick for bench/pages.py: Flask itself answering a small page, under the
same gunicorn settings as the app (`gunicorn --chdir bench hello:app`)."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "<!doctype html><title>Hello</title><p>Hello, World!</p>"
