"""Redirect targets and response headers that keep visitors safe and private."""

from urllib.parse import urlsplit

from flask import current_app, request
from flask_login import current_user

# No third-party hosts, no inline script or style: every asset is our own.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def safe_next(target: str | None) -> str | None:
    """`target` when it is a path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def current_path() -> str:
    """The current page's path and query, for `next=` links."""
    return request.full_path.rstrip("?") if request.query_string else request.path


# Browsers keep to HTTPS for a year once they have seen this over HTTPS (production only:
# on a developer's http://127.0.0.1 it would be ignored at best, sticky at worst).
STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"
# Pages under here are about the person who asks for them, signed in or not (sign-in,
# my page, my data, settings): never kept by a browser's or a proxy's cache.
PERSONAL_PREFIX = "/accounts/"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def read_form_before_views() -> None:
    """Parse a sent form before any view runs, so that a body over MAX_CONTENT_LENGTH
    is refused (413) before a service could save anything, whether or not a view
    (or CSRF protection) would have read it only afterwards."""
    if request.method in BODY_METHODS:
        request.form  # noqa: B018  (parsing is the point: it raises RequestEntityTooLarge)


def is_personal_response() -> bool:
    """The rule for `Cache-Control: no-store`: everything under /accounts/, and every
    response to a signed-in person except static files (their name, their drafts and
    their forms' tokens are on every page they see)."""
    if request.endpoint == "static":
        return False
    if request.path.startswith(PERSONAL_PREFIX):
        return True
    if not _may_be_signed_in():
        return False  # without asking the session: that alone would add `Vary: Cookie`
    return bool(current_user and current_user.is_authenticated)


def _may_be_signed_in() -> bool:
    """Whether the request carries a cookie that could sign someone in."""
    names = (
        current_app.config["SESSION_COOKIE_NAME"],
        current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token"),
    )
    return any(name in request.cookies for name in names)


def add_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config.get("ARENA_ENV") == "production":
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    if is_personal_response():
        response.headers["Cache-Control"] = "no-store"
    return response
