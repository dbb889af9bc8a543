"""One log line per request, with its timing, size and request id; an id sent by the
proxy is kept and sent back, one is made otherwise; secrets in links stay out."""

import json
import logging
import re

import pytest

from arena.core.request_log import log as request_logger
from tests.conftest import make_test_app

LINE = re.compile(
    r"^method=(?P<method>\S+) path=(?P<path>\S+) status=(?P<status>\d+) "
    r"duration_ms=(?P<ms>\d+\.\d) bytes=(?P<bytes>\d+) request_id=(?P<id>\S+)$"
)


@pytest.fixture
def lines(caplog):
    """The request log's lines (the logger does not pass them on to the root logger,
    so the capturing handler is put on it directly)."""
    request_logger.addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG, logger=request_logger.name)
    yield lambda: [r.getMessage() for r in caplog.records if r.name == request_logger.name]
    request_logger.removeHandler(caplog.handler)


@pytest.fixture
def logged_app(database_urls):
    return make_test_app(database_urls["sqlite"], REQUEST_LOG=True)


def _get(client, path, **headers):
    response = client.get(path, headers=headers)
    response.get_data()  # the line is written once the body has been read
    response.close()
    return response


def test_one_line_per_request_with_timing(logged_app, lines):
    response = _get(logged_app.test_client(), "/healthz", **{"X-Request-Id": "lb-probe-0001"})
    assert response.headers["X-Request-Id"] == "lb-probe-0001"
    (line,) = lines()
    found = LINE.match(line)
    assert found, line
    assert found["method"] == "GET" and found["path"] == "/healthz"
    assert found["status"] == "200"
    assert int(found["bytes"]) == len(response.get_data())
    assert found["id"] == "lb-probe-0001"


def test_an_id_is_made_when_none_or_a_strange_one_is_sent(logged_app, lines):
    client = logged_app.test_client()
    made = _get(client, "/no-such-page").headers["X-Request-Id"]
    odd = _get(client, "/no-such-page", **{"X-Request-Id": "x y\u2028"}).headers["X-Request-Id"]
    assert re.fullmatch(r"[0-9a-f]{32}", made) and re.fullmatch(r"[0-9a-f]{32}", odd)
    assert made != odd
    assert [LINE.match(line)["status"] for line in lines()] == ["404", "404"]
    assert [LINE.match(line)["id"] for line in lines()] == [made, odd]


def test_secret_links_and_queries_stay_out_of_the_log(logged_app, lines):
    client = logged_app.test_client()
    _get(client, "/accounts/reset-password/TOKEN-abc123-secret")
    _get(client, "/search?q=my+address+is+here")
    text = "\n".join(lines())
    assert "TOKEN-abc123-secret" not in text and "my+address" not in text
    assert "path=/accounts/reset-password/<token>" in text


def test_health_probes_are_logged_below_info(logged_app, caplog, lines):
    caplog.set_level(logging.INFO, logger=request_logger.name)
    _get(logged_app.test_client(), "/readyz")
    _get(logged_app.test_client(), "/")
    assert [LINE.match(line)["path"] for line in lines()] == ["/"]


def test_json_lines(database_urls, lines):
    app = make_test_app(database_urls["sqlite"], REQUEST_LOG=True, LOG_FORMAT="json")
    _get(app.test_client(), "/healthz")
    (line,) = lines()
    fields = json.loads(line)
    assert fields["path"] == "/healthz" and fields["status"] == 200
    assert set(fields) == {"method", "path", "status", "duration_ms", "bytes", "request_id"}


def test_quiet_in_tests_unless_asked(app, client, lines):
    response = _get(client, "/healthz")
    assert lines() == []
    assert response.headers["X-Request-Id"]  # the id is there all the same
