"""The benchmarks' data sets, built once and kept: the demo and the city (seed-city)
on SQLite (files under instance/bench/) and on PostgreSQL (databases named
arena_bench_*), rebuilt when older than a week (the demo's phases are dated from the
day it was seeded) or when the migrations have changed since (a kept set of an older
schema would fail on the new code). A set is built under a temporary name and renamed when complete,
so an interrupted build is never reused."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEPT = ROOT / "instance" / "bench"
FLASK = [sys.executable, "-m", "flask", "--app", "arena"]
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
MAX_AGE = 7 * 24 * 3600


@dataclass(frozen=True)
class DataSet:
    kind: str  # "demo" or "city"
    city_args: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """A short name (PostgreSQL cuts names at 63 bytes) that changes with the sizes."""
        if self.kind == "demo":
            return "demo"
        if not self.city_args:
            return "city_full"
        return "city_" + hashlib.sha1(" ".join(self.city_args).encode()).hexdigest()[:10]


def city_args(scale: float) -> tuple[str, ...]:
    """seed-city's options for the default sizes times `scale` (1: no options)."""
    if scale == 1:
        return ()
    from arena.demo.city_plan import CitySizes

    sizes = CitySizes()
    args = []
    for item in fields(CitySizes):
        value = getattr(sizes, item.name)
        if item.name not in ("budget", "seed"):
            args += [f"--{item.name}", str(max(1, round(value * scale)))]
    return tuple(args)


def database_url(backend: str, data: DataSet) -> str:
    """The kept data set's URL, built first when missing or stale."""
    KEPT.mkdir(parents=True, exist_ok=True)
    marker = KEPT / f"{backend}-{data.key}.done"
    fresh = (
        marker.exists()
        and time.time() - marker.stat().st_mtime < MAX_AGE
        and marker.read_text() == _schema()
    )
    build = _build_sqlite if backend == "sqlite" else _build_postgresql
    url = build(data, rebuild=not fresh)
    marker.write_text(_schema())
    return url


def _schema() -> str:
    """The migrations a set was built with: their file names, in order."""
    return "\n".join(sorted(p.name for p in (ROOT / "migrations" / "versions").glob("*.py")))


def _seed(url: str, data: DataSet) -> None:
    env = os.environ | {"ARENA_DATABASE_URL": url, "ARENA_SECRET_KEY": "bench"}
    started = time.perf_counter()
    upgrade = subprocess.run([*FLASK, "db", "upgrade"], env=env, cwd=ROOT, capture_output=True)
    if upgrade.returncode:
        sys.exit(f"flask db upgrade failed on {url}:\n{upgrade.stderr.decode()[-2000:]}")
    command = ["seed-demo"] if data.kind == "demo" else ["seed-city", *data.city_args]
    print(f"building the {data.kind} data set {' '.join(data.city_args)} in {url}…", flush=True)
    subprocess.run([*FLASK, *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)


def _build_sqlite(data: DataSet, *, rebuild: bool) -> str:
    path = KEPT / f"{data.key}.db"
    if rebuild or not path.exists():
        building = path.with_suffix(".building.db")
        for old in KEPT.glob(f"{building.name}*"):
            old.unlink()
        _seed(f"sqlite:///{building}", data)
        building.replace(path)
    return f"sqlite:///{path}"


def _build_postgresql(data: DataSet, *, rebuild: bool) -> str:
    name = f"arena_bench_{data.key}"
    if rebuild or not _pg_exists(name):
        _pg(f'DROP DATABASE IF EXISTS "{name}_building" WITH (FORCE)')
        _pg(f'CREATE DATABASE "{name}_building"')
        _seed(f"postgresql+psycopg://{POSTGRES_SERVER.split('://', 1)[1]}/{name}_building", data)
        _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _pg(f'ALTER DATABASE "{name}_building" RENAME TO "{name}"')
    # Fresh statistics and a visibility map, as autovacuum keeps them on a running
    # database: without the map every index-only scan reads the table too, and the
    # planner prefers to scan the whole table (list pages 3-5× slower than in production).
    _pg("VACUUM ANALYZE", database=name)
    return f"postgresql+psycopg://{POSTGRES_SERVER.split('://', 1)[1]}/{name}"


def copy_postgresql(data: DataSet, name: str) -> str:
    """A new database `name` copied from the kept data set (built first when missing):
    for a run that changes its data, such as the load test."""
    kept = database_url("postgresql", data).rsplit("/", 1)[1]
    _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _pg(f'CREATE DATABASE "{name}" TEMPLATE "{kept}"')
    _pg("VACUUM ANALYZE", database=name)
    return f"postgresql+psycopg://{POSTGRES_SERVER.split('://', 1)[1]}/{name}"


def _pg(statement: str, database: str = "postgres"):
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/{database}", autocommit=True) as connection:
        cursor = connection.execute(statement)
        return cursor.fetchall() if statement.startswith("SELECT") else None


def _pg_exists(name: str) -> bool:
    return bool(_pg(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))


def postgresql_answers() -> bool:
    try:
        _pg("SELECT 1")
        return True
    except Exception:
        return False


def sample_paths(url: str) -> dict[str, str]:
    """The pages to time, with ids read from this data set: the busiest proposal (most
    supports, then most comments), the most supported one with at most two comments
    (the demo's busiest has two: this pair tells the cost of the data's size from that
    of a longer discussion on the page) and the commitment with the most check-ins."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        busiest = connection.scalar(
            text(
                "SELECT p.id FROM proposals p LEFT JOIN comments c ON c.proposal_id = p.id "
                "GROUP BY p.id ORDER BY MAX(p.support_count) DESC, COUNT(c.id) DESC LIMIT 1"
            )
        )
        quiet = connection.scalar(
            text(
                "SELECT p.id FROM proposals p LEFT JOIN comments c ON c.proposal_id = p.id "
                "GROUP BY p.id HAVING COUNT(c.id) <= 2 "
                "ORDER BY MAX(p.support_count) DESC, COUNT(c.id) DESC LIMIT 1"
            )
        )
        commitment = connection.scalar(
            text(
                "SELECT c.id FROM commitments c LEFT JOIN check_ins k ON k.commitment_id = c.id "
                "GROUP BY c.id ORDER BY COUNT(k.id) DESC, c.id LIMIT 1"
            )
        )
    engine.dispose()
    return {
        "home": "/",
        "arena": "/arenas/jarva",
        "list p1": "/arenas/jarva/proposals",
        "list p500": "/arenas/jarva/proposals?page=500",
        "supported p500": "/arenas/innerstaden/proposals?sort=supported&page=500",
        "detail": f"/proposals/{busiest}",
        "detail ≤2 comments": f"/proposals/{quiet}",
        "commitment": f"/commitments/{commitment}",
        # Fewer than the demo's 31 proposals: both answers carry as many, as for "p500".
        "api list": "/api/v1/proposals?limit=25",
    }
