"""The open datasets: one per arena and one for the whole city, each with every year
that has a cycle; a year of a dataset is the public part of that year's export."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from sqlalchemy import select

from arena.exports import scope
from arena.exports.privacy import Pseudonyms
from arena.exports.sources import Arena, Cycle
from arena.extensions import db

CITY = "city"
ScopeNotFound = scope.ScopeNotFound


@dataclass
class Dataset:
    """An arena's dataset (arena set) or the city's (arena None), with its years."""

    arena: Arena | None
    years: list[int] = field(default_factory=list)
    cycles: list[Cycle] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.arena.slug if self.arena else CITY

    @property
    def first_day(self):
        return min(c.proposing_opens_at for c in self.cycles).date()

    @property
    def last_day(self):
        return max(c.closes_at for c in self.cycles).date()


def list_datasets() -> list[Dataset]:
    """Every arena with at least one cycle, in the site's order, then the whole city."""
    query = select(Cycle, Arena).join(Arena, Arena.id == Cycle.arena_id)
    by_arena: dict[int, Dataset] = {}
    city = Dataset(None)
    for cycle, arena in db.session.execute(query.order_by(Arena.sort_order, Arena.name)):
        dataset = by_arena.setdefault(arena.id, Dataset(arena))
        for each in (dataset, city):
            each.cycles.append(cycle)
            if cycle.year not in each.years:
                each.years.append(cycle.year)
    datasets = [*by_arena.values(), city] if by_arena else []
    for dataset in datasets:
        dataset.years.sort(reverse=True)
    return datasets


def get_dataset(slug: str) -> Dataset:
    """One dataset by its address; ScopeNotFound when there is none."""
    for dataset in list_datasets():
        if dataset.slug == slug:
            return dataset
    raise ScopeNotFound(f"No open dataset {slug!r}.")


def open_export(slug: str, year_text, now: datetime):
    """The export of one dataset's year, without the audit log, with pseudonyms that
    stay the same from one download to the next (so the files are reproducible) but
    differ between datasets. ScopeNotFound for an unknown arena or year."""
    export = scope.resolve(None if slug == CITY else slug, year_text, now, with_audit=False)
    secret = str(current_app.config["SECRET_KEY"]).encode()
    key = hmac.new(secret, f"open-data:{export.slug}".encode(), hashlib.sha256).digest()
    export.pseudonyms = Pseudonyms(key)
    return export


def dataset_slug(export) -> str:
    return export.arena.slug if export.arena else CITY
