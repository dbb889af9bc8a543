"""Benchmark (not a test): what the public pages cost at city scale.

Starts, each under `gunicorn -w 2`, a bare Flask hello-world and the app on the demo
data and on the city data set (`flask seed-city`: 20,000 proposals, 10,000 of them in
Järva's voting cycle, 1,000,000 supports), on SQLite and on PostgreSQL. Then
interleaved rounds (hello, page A, page B, … on one server, repeated, so machine noise
falls on all alike; the servers take turns in ten passes) measure the time to first
byte; bursts from two connections measure requests per second. The page cache is off
for these (ARENA_PAGE_CACHE=0: each view rendered), then on for the "cached" rows.
Prints per page: p50/p90 TTFB on the demo and the city data, the city's req/s and its
share of hello-world's, and the city's cost over the demo's (p50 against p50, each
over the p50 of the hello-world asked in the same rounds). "p500"
is page 500 on the city and on the demo its last full page (ten cards, as on the
city's), or its only page where it has fewer.

The data sets are built once and kept (instance/bench/*.db, PostgreSQL databases
arena_bench_*), rebuilt after a week; the first run spends a few minutes seeding.

    .venv/bin/python bench/pages.py                  # both databases, full size
    .venv/bin/python bench/pages.py --sqlite-only --scale 0.2 --rounds 50
    make bench BENCH_ARGS="--postgresql-only"
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import datasets  # noqa: E402
import servers  # noqa: E402
import timing  # noqa: E402

# Pages that exist only in some versions of the app: timed when they answer 200.
OPTIONAL_PAGES = {
    # The search page (goal: p50 ≤ 20 ms at 20,000 proposals): a common word, two words
    # with a filter, a far page; and the "similar proposals" list fetched while typing.
    "search": "/search?q=cykel",
    "search-common": "/search?q=vintern",  # in about one proposal in six
    "search-filtered": "/search?q=odlad+mat&kind=proposal&arena=jarva",
    "search-page-5": "/search?q=vintern&page=5",
    "similar": "/search/similar/jarva?title=Cykelverkstad+i+Tensta&summary=Laga+cyklar",
}
# Timed on the server with the page cache on.
CACHED_PAGES = {"list p1 cached": "/arenas/jarva/proposals", "home cached": "/"}
# A card of a proposal list (templates/macros/proposals.html), and how many a page shows.
CARD, PER_PAGE = '<li class="card">', 10
CACHE_DIR = Path(__file__).resolve().parent.parent / "instance" / "bench"
BACKEND_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def targets_for(backend: str, data: str, server, paths: dict[str, str]) -> list[timing.Target]:
    client = timing.Client()
    found = {page: far_page(server.port, path) for page, path in paths.items()}
    for page, path in OPTIONAL_PAGES.items():
        if client.get(server.port, path)[0] == 200:
            found[page] = path
    return [timing.Target(f"{backend}/{data}", page, server.port, p) for page, p in found.items()]


def far_page(port: int, path: str) -> str:
    """Page 500, or where the list is shorter its last full page (else its first): the
    demo's lists have one or two pages, and the city's far page of ten cards is weighed
    against ten cards of the demo's, not against its short last page or an empty one."""
    if "page=500" not in path:
        return path
    first = path.replace("&page=500", "").replace("?page=500", "")
    numbers = [int(n) for n in re.findall(r"page=(\d+)", timing.page_text(port, first))]
    last = max(numbers, default=1)
    if last >= 500:
        return path
    cards = timing.page_text(port, path.replace("page=500", f"page={last}")).count(CARD)
    full = last if cards >= PER_PAGE or last == 1 else last - 1
    return path.replace("page=500", f"page={full}")


def run(args) -> int:
    backends = ["sqlite", "postgresql"]
    if args.sqlite_only or not datasets.postgresql_answers():
        backends = ["sqlite"]
    if args.postgresql_only:
        backends = ["postgresql"]
    sets = {
        "demo": datasets.DataSet("demo"),
        "city": datasets.DataSet("city", datasets.city_args(args.scale)),
    }
    started, targets = [], []
    try:
        hello = servers.start_hello()
        started.append(hello)
        targets.append(timing.Target("hello", "hello-world", hello.port, "/"))
        for backend in backends:
            for name, data in sets.items():
                url = datasets.database_url(backend, data)
                # Uncached: no page is kept, every view is rendered, as for a signed-in
                # resident; the arenas, cycles and themes come from the workers' memory
                # under the token in the (file) cache, as they do in production.
                tokens = CACHE_DIR / f"tokens-{backend}-{name}"
                shutil.rmtree(tokens, ignore_errors=True)
                server = servers.start_app(
                    f"{backend}/{name}", url, CACHE_URL=f"file://{tokens}", PAGE_CACHE="0"
                )
                started.append(server)
                targets += targets_for(backend, name, server, datasets.sample_paths(url))
            # Emptied first: the data set may have been built again since the last run.
            folder = CACHE_DIR / f"page-cache-{backend}"
            shutil.rmtree(folder, ignore_errors=True)
            cached = servers.start_app(f"{backend}/cached", url, CACHE_URL=f"file://{folder}")
            started.append(cached)
            targets += [
                timing.Target(f"{backend}/cached", page, cached.port, path)
                for page, path in CACHED_PAGES.items()
            ]
        print(f"{len(targets)} pages on {len(started)} servers; {args.rounds} rounds…", flush=True)
        beside = timing.latency_rounds(
            targets, args.rounds, args.warmup, mixed=args.mixed, passes=args.passes
        )
        timing.throughput_rounds(targets, args.throughput_rounds, args.burst)
    finally:
        for server in started:
            server.stop()
    report(targets, backends, beside)
    return 0


def report(
    targets: list[timing.Target], backends: list[str], beside: dict[str, timing.Target]
) -> None:
    """The tables. city/demo weighs each page's p50 against the hello-world p50 of its
    own rounds (`beside`: the city's and the demo's are measured at different times of
    the run, and a slower spell of the machine would otherwise count as the data's)."""
    by_key = {(t.server, t.page): t for t in targets}
    hello = by_key["hello", "hello-world"]
    print(
        f"\nhello-world: TTFB p50 {hello.percentile(0.5):.2f} ms, p90 "
        f"{hello.percentile(0.9):.2f} ms, {hello.rate:,.0f} req/s"
    )
    for backend in backends:
        own = {
            data: beside.get(f"{backend}/{data}", beside.get("all")) for data in ("demo", "city")
        }
        print(f"\n{BACKEND_NAMES[backend]} (gunicorn -w 2; TTFB in ms; req/s from 2 connections)")
        print(
            f"hello-world in the same rounds: p50 {own['demo'].percentile(0.5):.2f} ms beside "
            f"the demo, {own['city'].percentile(0.5):.2f} ms beside the city"
        )
        print(
            f"{'page':<20}{'demo p50':>9}{'p90':>7}{'city p50':>10}{'p90':>7}"
            f"{'req/s':>8}{'% hello':>9}{'city/demo':>11}"
        )
        pages = [t.page for t in targets if t.server == f"{backend}/city"]
        for page in pages:
            city = by_key[f"{backend}/city", page]
            demo = by_key.get((f"{backend}/demo", page))
            print(_row(page, demo, city, hello, own))
        print(f"\n{BACKEND_NAMES[backend]}, city data, page cache on (anonymous, from the cache)")
        for target in (t for t in targets if t.server == f"{backend}/cached"):
            print(
                f"{target.page:<20} p50 {target.percentile(0.5):.2f} ms, p90 "
                f"{target.percentile(0.9):.2f} ms, {target.rate:,.0f} req/s = "
                f"{100 * target.rate / hello.rate:.1f}% of hello-world"
                + (f"  (HTTP {sorted(target.statuses)})" if target.statuses != {200} else "")
            )


def _row(page: str, demo, city, hello, own: dict[str, timing.Target]) -> str:
    def ms(target, share):
        return f"{target.percentile(share):.1f}" if target else "—"

    ratio = None
    if demo:
        city_cost = city.percentile(0.5) / own["city"].percentile(0.5)
        ratio = city_cost / (demo.percentile(0.5) / own["demo"].percentile(0.5))
    odd = sorted(s for s in city.statuses | (demo.statuses if demo else set()) if s != 200)
    note = f"  (HTTP {', '.join(map(str, odd))})" if odd else ""
    return (
        f"{page:<20}{ms(demo, 0.5):>9}{ms(demo, 0.9):>7}{ms(city, 0.5):>10}{ms(city, 0.9):>7}"
        f"{city.rate:>8,.0f}{100 * city.rate / hello.rate:>8.1f}%"
        f"{(f'{ratio:.2f}×' if ratio else '—'):>11}{note}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--postgresql-only", action="store_true")
    parser.add_argument("--scale", type=float, default=1.0, help="city size × this (0.2: 4,000)")
    parser.add_argument("--rounds", type=int, default=200, help="latency rounds kept")
    parser.add_argument("--warmup", type=int, default=10, help="rounds run first, not kept")
    parser.add_argument(
        "--mixed", action="store_true", help="one round over every server at once (colder)"
    )
    parser.add_argument(
        "--passes", type=int, default=10, help="turns the servers take (drift falls on all)"
    )
    parser.add_argument("--throughput-rounds", type=int, default=5)
    parser.add_argument("--burst", type=int, default=40, help="requests per connection")
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
