"""Benchmark (not a test): memory and time of big exports.

Builds one arena whose cycle has 10,000 proposals and 1,000,000 supports (bulk
inserts), then runs an XLSX and a bundle export of it, sampling the process's
resident memory every few milliseconds. Prints the peak growth over the memory
before each export (the goal: < 100 MB), the time to the first chunk and the
total time. Exits 1 when a peak growth reaches the goal.

    .venv/bin/python bench/export_memory.py              # SQLite in a temporary file
    .venv/bin/python bench/export_memory.py --postgresql # a throw-away PostgreSQL database
    make bench [BENCH_ARGS="--postgresql --proposals 2000"]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from arena import create_app  # noqa: E402
from arena.core.time import utcnow  # noqa: E402
from arena.exports.formats import build  # noqa: E402
from arena.exports.scope import resolve  # noqa: E402
from arena.exports.sources import Arena, Cycle, Proposal, Support, Theme, User  # noqa: E402
from arena.extensions import db  # noqa: E402

GOAL_MB = 100
PAGE = os.sysconf("SC_PAGE_SIZE")
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


class PeakSampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.peak, self._done = rss(), threading.Event()

    def run(self):
        while not self._done.wait(0.005):
            self.peak = max(self.peak, rss())

    def stop(self) -> int:
        self._done.set()
        self.join()
        return max(self.peak, rss())


def populate(proposals: int, supports: int, batch: int = 50_000) -> None:
    now = utcnow()
    arena = Arena(slug="bench", name="Bänkarenan", description="")
    theme = Theme(key="transport")
    days = (-90, -60, -30, 30, 300, 360)  # voting has closed: counts are exported
    names = (
        "proposing_opens_at",
        "voting_opens_at",
        "voting_closes_at",
        "testing_starts_at",
        "review_starts_at",
        "closes_at",
    )
    cycle = Cycle(
        arena=arena,
        year=now.year,
        **{n: now + timedelta(days=d) for n, d in zip(names, days, strict=True)},
    )
    db.session.add_all([arena, theme, cycle])
    db.session.flush()
    per_user = 5  # each person uses the whole default budget
    people = max(supports // per_user, 1)
    _bulk(User, ({"display_name": f"Person {i}", "created_at": now} for i in range(people)), batch)
    first_user = db.session.scalar(db.select(db.func.min(User.id)))
    rows = (
        {
            "cycle_id": cycle.id,
            "theme_id": theme.id,
            "author_id": first_user + i % people,
            "title": f"=Förslag {i}",
            "summary": "Kort.",
            "language": "sv",
            "support_count": 0,
            "created_at": now,
            "updated_at": now,
        }
        for i in range(proposals)
    )
    _bulk(Proposal, rows, batch)
    first = db.session.scalar(db.select(db.func.min(Proposal.id)))
    rows = (
        {
            "proposal_id": first + (i * 7919) % proposals,
            "user_id": first_user + i // per_user,
            "created_at": now,
        }
        for i in range(supports)
    )
    _bulk(Support, rows, batch)
    db.session.commit()


def _bulk(model, rows, batch: int) -> None:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == batch:
            db.session.execute(insert(model.__table__), chunk)
            chunk = []
    if chunk:
        db.session.execute(insert(model.__table__), chunk)


def measure(format_: str, year: int) -> tuple[float, float, float, int]:
    db.session.expunge_all()
    gc.collect()
    before = rss()
    sampler = PeakSampler()
    sampler.start()
    started = time.perf_counter()
    first_chunk = None
    size = 0
    with tempfile.TemporaryFile() as out:
        export = resolve("bench", year, utcnow(), with_audit=True)
        for chunk in build(export, format_).chunks:
            if first_chunk is None:
                first_chunk = time.perf_counter() - started
            out.write(chunk)
            size += len(chunk)
    total = time.perf_counter() - started
    growth = (sampler.stop() - before) / 2**20
    return growth, first_chunk or total, total, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--proposals", type=int, default=10_000)
    parser.add_argument("--supports", type=int, default=1_000_000)
    parser.add_argument("--postgresql", action="store_true", help="a throw-away PostgreSQL db")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url, cleanup = _database(args.postgresql, folder)
        try:
            return _run(url, args)
        finally:
            cleanup()


def _run(url: str, args) -> int:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        populate(args.proposals, args.supports)
        print(
            f"database: {db.engine.dialect.name}; {args.proposals:,} proposals, "
            f"{args.supports:,} supports inserted in {time.perf_counter() - started:.1f} s"
        )
        failed = False
        for format_ in ("xlsx", "bundle"):
            growth, first, total, size = measure(format_, utcnow().year)
            failed |= growth >= GOAL_MB
            print(
                f"{format_:>7}: peak RSS growth {growth:6.1f} MB (goal < {GOAL_MB}); "
                f"first chunk after {first:.2f} s; {total:.1f} s in all; {size / 2**20:.1f} MB"
            )
        db.session.remove()
        db.engine.dispose()
    return 1 if failed else 0


def _database(postgresql: bool, folder: str):
    if not postgresql:
        return f"sqlite:///{folder}/bench.db", lambda: None
    import psycopg

    name = f"arena_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", drop


if __name__ == "__main__":
    sys.exit(main())
