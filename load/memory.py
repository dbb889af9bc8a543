"""Resident memory of gunicorn's workers, sampled while the load test and the exports
run: the goal is that no worker passes 150 MB at city scale (issue 13).

The workers are the master's children (/proc/<pid>/task/<pid>/children); a worker that
gunicorn replaces is picked up at the next sample. Linux only, as production is."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

GOAL_MB = 150
PAGE = os.sysconf("SC_PAGE_SIZE")


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _private(pid: int) -> int:
    """What the worker holds alone (not shared with the master that preloaded the app)."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0
    kb = [
        int(line.split()[1])
        for line in lines
        if line.startswith(("Private_Clean", "Private_Dirty"))
    ]
    return sum(kb) * 1024


class WorkerMemory(threading.Thread):
    """Samples every worker's RSS every `interval` seconds until stopped; `peak` is the
    highest seen in any one worker (bytes), `phase_peaks` the highest per named phase
    (and `private_peaks` the same for the worker's private memory). The goal is on RSS,
    the stricter of the two: it counts the pages shared with the master as well."""

    def __init__(self, master_pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.master_pid, self.interval = master_pid, interval
        self.phase = "start"
        self.phase_peaks: dict[str, int] = {}
        self.private_peaks: dict[str, int] = {}
        self._halt = threading.Event()

    @property
    def peak(self) -> int:
        return max(self.phase_peaks.values(), default=0)

    def run(self) -> None:
        while not self._halt.is_set():
            for worker in _children(self.master_pid):
                for peaks, measure in ((self.phase_peaks, _rss), (self.private_peaks, _private)):
                    size = measure(worker)
                    if size > peaks.get(self.phase, 0):
                        peaks[self.phase] = size
            time.sleep(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def report(self) -> list[str]:
        """Lines for the output, and a PROBLEM line when a worker passed the goal."""
        lines = [
            f"worker memory during {phase}: peak RSS {size / 2**20:.0f} MB, "
            f"of it private {self.private_peaks.get(phase, 0) / 2**20:.0f} MB"
            for phase, size in self.phase_peaks.items()
        ]
        if self.peak >= GOAL_MB * 2**20:
            lines.append(f"PROBLEM: a worker reached {self.peak / 2**20:.0f} MB (goal < {GOAL_MB})")
        return lines
