"""Fixtures of the production tests: Redis as tests/limits reaches it."""

from tests.limits.conftest import redis_prefix  # noqa: F401  (a key prefix of the test's own)
