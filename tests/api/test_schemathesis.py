"""Schemathesis calls every operation of the OpenAPI document with generated parameters,
on the demo data on each database, and checks every answer against the document: status
codes, headers, content types and schemas, and never a 5xx.

The operations are driven here with Hypothesis directly: Schemathesis' own pytest
plugin (`schemathesis.pytest.from_fixture`) does not run under pytest 9 yet.
"""

import schemathesis
from hypothesis import HealthCheck, given, settings

EXAMPLES_PER_OPERATION = 30


def test_every_operation_answers_as_its_document_says(demo_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", demo_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 24  # a list and an item for each of the 12 resources
    failures = {}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_documented(case):
            # Called through WSGI, the answer's bytes are read as sent, undecoded: ask for
            # them uncompressed (compression itself is tested in tests/caching).
            case.call_and_validate(headers={"Accept-Encoding": "identity"})

        try:
            answers_as_documented()
        except Exception as failure:  # every operation is tried; all failures are shown
            failures[operation.label] = str(failure)[:2000]
    assert failures == {}
