"""Every dataset with each of its years and when that year's files last changed: what
the open-data page and the catalogue list."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from arena.opendata.datasets import Dataset, list_datasets, open_export
from arena.opendata.freshness import EPOCH, fingerprint


@dataclass
class Year:
    year: int
    etag: str
    modified: datetime


@dataclass
class Entry:
    dataset: Dataset
    years: list[Year]

    @property
    def modified(self) -> datetime:
        return max((y.modified for y in self.years), default=EPOCH)


def overview(now: datetime) -> list[Entry]:
    entries = []
    for dataset in list_datasets():
        years = []
        for year in dataset.years:
            etag, modified = fingerprint(open_export(dataset.slug, year, now))
            years.append(Year(year, etag, modified))
        entries.append(Entry(dataset, years))
    return entries


def overview_fingerprint(entries: list[Entry], *extra) -> tuple[str, datetime]:
    """One ETag and Last-Modified for a page or document made of all the datasets."""
    parts = [(e.dataset.slug, e.dataset.arena and e.dataset.arena.name, e.years) for e in entries]
    etag = hashlib.sha256(repr((parts, extra)).encode()).hexdigest()[:32]
    return etag, max((e.modified for e in entries), default=EPOCH)
