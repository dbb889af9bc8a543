"""With the counts in Redis, two app instances share them: wrong passwords sent to
each in turn are refused at the same total as if they went to one."""

import redis

from arena.extensions import db
from tests.conftest import make_test_app
from tests.limits.conftest import REDIS_URL


def test_two_app_instances_share_the_count(app, backend, database_urls, client_from, redis_prefix):
    settings = {
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_KEY_PREFIX": redis_prefix,
    }
    instances = [make_test_app(database_urls[backend], **settings) for _ in range(2)]
    clients = [client_from(address="192.0.2.30", app=instance) for instance in instances]
    answers = [
        clients[n % 2]
        .post("/accounts/sign-in", data={"email": "sara@example.org", "password": "fel"})
        .status_code
        for n in range(14)
    ]
    # 10 per account in any 15 minutes, counted across both: 5 wrong ones on each.
    assert answers == [200] * 10 + [429] * 4
    # The wrong codes' count, kept by the views themselves, is shared too.
    for n in range(20):
        clients[n % 2].post("/workshops/redeem", data={"code": "ABCDE-FGHJK", "display_name": "X"})
    assert clients[0].post("/workshops/redeem", data={"code": "ABCDE-FGHJK"}).status_code == 429
    assert clients[1].post("/workshops/redeem", data={"code": "ABCDE-FGHJK"}).status_code == 429
    # The counts are in Redis, under this test's prefix (the fixture deletes them).
    assert list(redis.Redis.from_url(REDIS_URL).scan_iter(match=f"*{redis_prefix}*"))
    for instance in instances:
        with instance.app_context():
            db.engine.dispose()
