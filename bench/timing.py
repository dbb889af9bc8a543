"""Timing for bench/pages.py: interleaved rounds of GET requests over keep-alive
connections (stdlib http.client; gunicorn's sync workers close after each answer and
the client reconnects, the same for every server), time to first byte per request,
and bursts from two connections at once for requests per second."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field

REWARM = 3  # rounds not kept at the start of each pass after the first
HEADERS = {"Accept-Language": "sv", "Accept-Encoding": "gzip, br", "User-Agent": "arena-bench"}


@dataclass
class Target:
    """One page on one server; what was measured of it."""

    server: str
    page: str
    port: int
    path: str
    ttfb: list[float] = field(default_factory=list)
    rates: list[float] = field(default_factory=list)
    statuses: set[int] = field(default_factory=set)

    def percentile(self, share: float) -> float | None:
        if not self.ttfb:
            return None
        ordered = sorted(self.ttfb)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    @property
    def rate(self) -> float | None:
        return statistics.median(self.rates) if self.rates else None


def page_text(port: int, path: str) -> str:
    """One page's body, uncompressed, on a connection of its own."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Accept-Language": "sv"})
        return connection.getresponse().read().decode()
    finally:
        connection.close()


class Client:
    """One connection per port, reopened when the server closed it."""

    def __init__(self):
        self.connections: dict[int, http.client.HTTPConnection] = {}

    def get(self, port: int, path: str) -> tuple[int, float]:
        """(status, seconds to the first byte of the answer)."""
        for attempt in (1, 2):
            connection = self.connections.get(port)
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                self.connections[port] = connection
            try:
                started = time.perf_counter()
                connection.request("GET", path, headers=HEADERS)
                response = connection.getresponse()
                first_byte = time.perf_counter() - started
                response.read()
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                return response.status, first_byte
            except (http.client.HTTPException, ConnectionError):
                connection.close()
                self.connections.pop(port, None)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def latency_rounds(
    targets: list[Target], rounds: int, warmup: int, *, mixed: bool = False, passes: int = 10
) -> dict[str, Target]:
    """Each round asks every target of a group once, in the same order, so that noise
    on the machine falls on all of them alike; the first `warmup` rounds are not kept.

    A group is hello-world and the pages of one server: asking seven servers in turn
    (`mixed`) measures, on two cores, mostly CPU caches gone cold between processes
    (about 40 % on every page). The groups take turns in `passes` passes, so that drift
    over the run falls on every group too; after the first, a pass starts with
    REWARM rounds not kept (the server is warm, its CPU caches are not). Returns each
    group's hello-world as measured in its own rounds (the hello-world target gets them
    all): a group that ran while the machine was slower shows it there."""
    hello = next(t for t in targets if t.server == "hello")
    groups: dict[str, list[Target]] = {}
    for target in targets:
        if target.server != "hello":
            groups.setdefault("all" if mixed else target.server, []).append(target)
    beside = {name: Target(hello.server, hello.page, hello.port, hello.path) for name in groups}
    passes = 1 if mixed else passes
    client = Client()
    for done in range(passes):
        kept = rounds // passes + (1 if done < rounds % passes else 0)
        skipped = warmup if done == 0 else min(warmup, REWARM)
        for name, group in groups.items():
            for number in range(skipped + kept):
                for target in [beside[name], *group]:
                    status, first_byte = client.get(target.port, target.path)
                    if number >= skipped:
                        target.ttfb.append(first_byte)
                        target.statuses.add(status)
    for own in beside.values():
        hello.ttfb += own.ttfb
        hello.statuses |= own.statuses
    return beside


def throughput_rounds(targets: list[Target], rounds: int, burst: int) -> None:
    """Requests per second of `burst` requests from each of two connections at once
    (two workers serve them), interleaved over the targets like the latency rounds."""
    for _ in range(rounds):
        for target in targets:
            target.rates.append(_burst(target, burst))


def _burst(target: Target, count: int) -> float:
    barrier = threading.Barrier(3)

    def run():
        client = Client()
        barrier.wait()
        for _ in range(count):
            client.get(target.port, target.path)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return 2 * count / (time.perf_counter() - started)
