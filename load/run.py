"""Load test (`make loadtest`): Locust, headless, against the app under gunicorn.

1. Takes a fresh copy of a mid-size city data set on SQLite (10,000 people, 4,000
   proposals, 200,000 supports; built once by bench/datasets.py and kept), so every
   run starts from the same data.
2. Serves it with `gunicorn -w 2`, trusting one proxy hop (ARENA_PROXY_COUNT=1) so
   that each simulated resident's own X-Forwarded-For address is what the rate limits
   count: the limits stay on, as in production behind a reverse proxy.
3. Runs load/locustfile.py: 200 residents for 60 s (LOAD_USERS, LOAD_TIME) browsing,
   signing in, supporting and withdrawing; prints p50/p95 per page.
4. Downloads Järva's open data (spreadsheet, bundle, JSON, proposals CSV) while
   sampling every worker's memory (load/memory.py: goal < 150 MB per worker).
5. Checks the database: every acknowledged support stored, every acknowledged
   withdrawal gone, nothing else changed, counters equal rows, nobody over budget.

With --postgresql, as a city runs it: the same data set on PostgreSQL (a copy of the
kept database), served by two app instances (each `gunicorn -w 2`) that share only
PostgreSQL and Redis (page cache, tokens and rate limits), and each task of a resident
goes to either instance at random, as behind a balancer without sticky sessions.

Exits non-zero on any failed request or any problem found.

    .venv/bin/python load/run.py [--users 200] [--time 60s] [--scale 0.2] [--postgresql]
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "bench"), str(ROOT)]

import check  # noqa: E402
import datasets  # noqa: E402
import memory  # noqa: E402
import servers  # noqa: E402

WORK = ROOT / "instance" / "load"
REDIS = os.environ.get("LOAD_REDIS", "redis://127.0.0.1:6379/0")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=int, default=20, help="residents arriving per second")
    parser.add_argument("--time", default="60s")
    parser.add_argument("--scale", type=float, default=0.2, help="of seed-city's default sizes")
    parser.add_argument(
        "--postgresql", action="store_true", help="two instances on PostgreSQL and Redis"
    )
    args = parser.parse_args()

    data = datasets.DataSet("city", datasets.city_args(args.scale))
    WORK.mkdir(parents=True, exist_ok=True)
    url = _fresh_copy(data, postgresql=args.postgresql)
    before = check.support_pairs(url)
    people = round(50_000 * args.scale)

    # Development settings but for the secret key: production's cookies are Secure only,
    # and a browser (or Locust) sends them back over HTTPS only, not to 127.0.0.1.
    settings = {"PROXY_COUNT": "1", "ENV": "development", "REQUEST_LOG": "0"}
    if args.postgresql:
        # One prefix for this run: its pages, tokens and counts meet no other's.
        prefix = f"arena-load-{os.getpid()}"
        settings |= {"CACHE_URL": REDIS, "CACHE_KEY_PREFIX": prefix}
        settings |= {"RATELIMIT_STORAGE_URL": REDIS, "RATELIMIT_KEY_PREFIX": prefix}
    names = ("load-a", "load-b") if args.postgresql else ("load",)
    servers_ = [servers.start_app(name, url, preload=True, **settings) for name in names]
    samplers = [memory.WorkerMemory(server.process.pid) for server in servers_]
    for sampler in samplers:
        sampler.phase = "the load test"
        sampler.start()
    try:
        hosts = [f"http://127.0.0.1:{server.port}" for server in servers_]
        failed = _locust(args, hosts, people)
        for sampler in samplers:
            sampler.phase = "the exports"
        failed = _exports(servers_[0].port) or failed
    finally:
        for sampler in samplers:
            sampler.stop()
        for server in servers_:
            server.stop()
    status = _report(url, before, failed)
    named = len(servers_) > 1
    lines = [
        f"{server.name}: {line}" if named else line
        for server, sampler in zip(servers_, samplers, strict=True)
        for line in sampler.report()
    ]
    print("\n".join(lines))
    return 1 if status or any("PROBLEM:" in line for line in lines) else status


def _fresh_copy(data: datasets.DataSet, *, postgresql: bool) -> str:
    """A copy of the kept data set that this run may change: every run starts alike."""
    if postgresql:
        return datasets.copy_postgresql(data, "arena_load")
    kept = datasets.database_url("sqlite", data).removeprefix("sqlite:///")
    for old in WORK.glob("load.db*"):
        old.unlink()
    shutil.copyfile(kept, WORK / "load.db")
    return f"sqlite:///{WORK / 'load.db'}"


def _exports(port: int) -> bool:
    """Download Järva's open data as a spreadsheet, a bundle and its biggest table, the
    heaviest exports anyone can ask for; True when one failed."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    client.request("GET", "/open-data/jarva/")
    years = re.findall(r'href="/open-data/jarva/(\d{4})/"', client.getresponse().read().decode())
    if not years:
        print("PROBLEM: no open-data year for Järva")
        return True
    failed = False
    for name in ("data.xlsx", "bundle.zip", "data.json", "data/proposals.csv"):
        path = f"/open-data/jarva/{max(years)}/{name}"
        client.request("GET", path)
        answer = client.getresponse()
        size = len(answer.read())
        print(f"export {path}: {answer.status}, {size / 2**20:.1f} MB")
        failed = failed or answer.status not in (200, 404)
    return failed


def _locust(args, hosts: list[str], people: int) -> bool:
    """Run Locust against the instances at `hosts`; True when some request failed."""
    command = [
        sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
        "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
        "--run-time", args.time, "--host", hosts[0], "--csv", str(WORK / "locust"),
        "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10",
    ]  # fmt: skip
    env = {"LOAD_PEOPLE": str(people), "LOAD_LEDGER": str(WORK / "ledger.json")}
    if len(hosts) > 1:
        env["LOAD_HOSTS"] = " ".join(hosts)
    with open(WORK / "locust.log", "w") as log:
        finished = subprocess.run(command, env=os.environ | env, cwd=ROOT, stdout=log, stderr=log)
    if finished.returncode:
        text = (WORK / "locust.log").read_text()
        print(text[text.find("Error report") :] if "Error report" in text else text[-3000:])
    return finished.returncode != 0


def _report(url: str, before: set, failed: bool) -> int:
    print(f"{'request':<16}{'count':>8}{'failed':>8}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>8}")
    with open(WORK / "locust_stats.csv", newline="") as stats:
        for row in csv.DictReader(stats):
            name = row["Name"] if row["Name"] != "Aggregated" else "all"
            print(
                f"{name:<16}{row['Request Count']:>8}{row['Failure Count']:>8}"
                f"{row['50%']:>9}{row['95%']:>9}{float(row['Requests/s']):>8.1f}"
            )
    recorded = json.loads((WORK / "ledger.json").read_text())
    acknowledged = recorded["acknowledged"]
    print(
        f"\nacknowledged: {acknowledged['support']} supports, {acknowledged['withdraw']} "
        f"withdrawals ({acknowledged['refused']} refused); "
        f"{len(recorded['ledger'])} (person, proposal) pairs changed"
    )
    problems = check.check(url, before, recorded["ledger"])
    for problem in problems:
        print(f"PROBLEM: {problem}")
    if failed:
        print("PROBLEM: some requests failed (see the table)")
    if not problems:
        print("database: every acknowledged support stored, every acknowledged withdrawal "
              "gone, nothing else changed; counters equal rows; nobody over budget")  # fmt: skip
    return 1 if problems or failed else 0


if __name__ == "__main__":
    sys.exit(main())
