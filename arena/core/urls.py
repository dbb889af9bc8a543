"""Absolute addresses under ARENA_BASE_URL, with or without a request: for links in
mail and for the open-data catalogue, which must name its files absolutely."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app


def base_url() -> str:
    """Where the site is: ARENA_BASE_URL (no trailing slash)."""
    return current_app.config["BASE_URL"].rstrip("/")


def external_url(endpoint: str, **values) -> str:
    """An absolute link to `endpoint` under ARENA_BASE_URL, with or without a request."""
    parts = urlsplit(base_url())
    adapter = current_app.url_map.bind(
        parts.netloc, url_scheme=parts.scheme or "http", script_name=parts.path or "/"
    )
    return adapter.build(endpoint, values, force_external=True)
