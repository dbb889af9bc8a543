"""Benchmark: import 32,000 district statistics rows (about the 1 MB upload limit).

    .venv/bin/python bench/statistics_import.py [--database-url URL]

Builds a throw-away database (SQLite in a temporary directory unless a URL is
given: it is emptied, so use a throw-away one), parses a generated CSV file and
imports it twice (all new, then all updated), printing the time of each step.
Plain Python, no pytest.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROWS = 32_000


def make_csv(arenas) -> bytes:
    lines = ["arena;indicator;year;value;unit;source"]
    for n in range(ROWS):
        # Each (arena, indicator, year) once: n <-> (n % 5, n // 5 % 25, n // 125).
        arena = arenas[n % 5]
        lines.append(f"{arena.slug};Andel {n // 125};{2000 + n // 5 % 25};{n % 997},5;%;SCB")
    return "\r\n".join(lines).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    options = parser.parse_args()
    from arena import create_app
    from arena.arenas.models import Arena
    from arena.arenas.queries import list_arenas
    from arena.arenas.statistics import import_statistics, parse_statistics_csv
    from arena.extensions import db

    with tempfile.TemporaryDirectory() as folder:
        url = options.database_url or f"sqlite:///{folder}/bench.db"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
        with app.app_context():
            db.drop_all()
            db.create_all()
            for n in range(5):
                db.session.add(Arena(slug=f"a{n}", name=f"Arena {n}"))
            db.session.commit()
            data = make_csv(list_arenas())
            print(f"{ROWS} rows, {len(data) / 1024:.0f} KB")
            for label in ("first import (all new)", "second import (all updated)"):
                started = time.perf_counter()
                rows, errors = parse_statistics_csv(data, list_arenas())
                parsed = time.perf_counter()
                assert not errors, errors[:3]
                added, updated = import_statistics(None, rows, source="cli")
                db.session.commit()
                done = time.perf_counter()
                print(
                    f"{label}: parse {parsed - started:.2f} s, import {done - parsed:.2f} s "
                    f"({added} added, {updated} updated)"
                )
            db.drop_all()


if __name__ == "__main__":
    main()
