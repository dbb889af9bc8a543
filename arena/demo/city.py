"""A city-scale data set on demand (`flask --app arena seed-city`), on top of the demo.

The demo's five arenas, themes, cycles and accounts come first (`seed_demo`, which
changes nothing when it ran before); then tens of thousands of generated residents,
proposals, supports, comments, workshops and commitments with a year of check-ins
are written in bulk (arena.demo.city_bulk), with every counter as the app keeps it:

- a proposal's `support_count` is recounted from its support rows by the database;
- each person's `supports_used` in a cycle is the number of their supports there and
  never more than the cycle's budget; supports come only from people connected to
  the arena, only in cycles whose voting has opened, one per (proposal, person);
- a merged proposal has no supports of its own (a merge moves them) and points at a
  listed proposal of its cycle; hidden ones say by whom and why;
- commitments are made from the most supported proposals of cycles past voting, and
  their check-ins carry a value for every indicator.

Most proposals go to Järva's voting cycle (10,000 of the default 20,000, the size the
benchmarks are set at) and to Innerstaden, whose voting has closed, so "most
supported" can be paged far. Every generated person signs in with CITY_PASSWORD.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select, text

from arena.accounts.models import User, generate_password_hash
from arena.arenas.models import Arena, Cycle, Theme
from arena.demo import city_followup, city_people, city_proposals
from arena.demo.base import seed_demo
from arena.demo.city_bulk import Writer, checks_after, prepare
from arena.demo.city_plan import (
    CITY_DOMAIN,
    CITY_PASSWORD,
    CYCLE_SHARES,
    SMALL,
    City,
    CityCycle,
    CitySizes,
    share_out,
    voting_has_opened,
)
from arena.demo.common import user_by_email
from arena.extensions import db
from arena.proposals.models import Comment, Participation, Support
from arena.search.indexing import reindex_all

__all__ = ["CITY_DOMAIN", "CITY_PASSWORD", "SMALL", "CityExists", "CitySizes", "seed_city", "small"]


# The tables with most rows, written without per-row checks (city_bulk.checks_after).
BIG_TABLES = [model.__table__ for model in (Support, Participation, Comment)]


class CityExists(Exception):
    """The database holds generated city people already: a second run would clash."""


def seed_city(now: datetime, sizes: CitySizes, report: Callable[[int], None]) -> dict:
    """Load the demo, then the city data set; returns the row counts written by table.
    `report(n)` is called as rows go in (for a progress bar over `sizes.total()`)."""
    seed_demo(now)
    db.session.flush()
    if db.session.scalar(select(User.id).where(User.email.like(f"%@{CITY_DOMAIN}")).limit(1)):
        raise CityExists
    prepare()
    city = _city(now, sizes, report)
    city_people.add_people(city, generate_password_hash(CITY_PASSWORD))
    with checks_after(BIG_TABLES):
        city_proposals.add_proposals(city)
        _set_budgets(city)
        city_proposals.add_supports(city)
        city_followup.add_comments(city)
        city.writer.flush()
    city_proposals.count_supports(city)
    city_followup.add_workshops(city)
    city_followup.add_commitments(city)
    city.writer.flush()
    city_followup.finish(city)
    written = dict(city.writer.written)
    # The rows went in without the ORM, so the flush listener never saw them: the
    # search documents are built in bulk from the tables, in the same transaction.
    written["search_documents"] = sum(reindex_all(db.session.connection()).values())
    return written


def settle(engine) -> None:
    """After a bulk load on PostgreSQL: VACUUM ANALYZE, as PostgreSQL's manual advises.
    Until autovacuum gets to the new rows, the planner has no statistics and no
    visibility map, and scans whole tables where an index-only scan would do."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def _city(now: datetime, sizes: CitySizes, report) -> City:
    arenas = {a.slug: a for a in db.session.scalars(select(Arena))}
    cycles = []
    for slug, years_back, share in CYCLE_SHARES:
        cycle = db.session.scalar(
            select(Cycle).where(
                Cycle.arena_id == arenas[slug].id, Cycle.year == now.year - years_back
            )
        )
        if cycle is not None:
            cycles.append(CityCycle(cycle=cycle, slug=slug, share=share))
    counted = ("users", "proposals", "supports", "comments", "workshops", "commitments")
    return City(
        now=now,
        sizes=sizes,
        rng=random.Random(sizes.seed),
        writer=Writer(report, counted),
        facilitator_id=user_by_email("facilitator@example.org").id,
        theme_ids=list(db.session.scalars(select(Theme.id).order_by(Theme.sort_order))),
        cycles=cycles,
        arena_ids={slug: arena.id for slug, arena in arenas.items()},
    )


def _set_budgets(city: City) -> None:
    """Give each cycle with supports the budget the data set needs (never less than it
    had): `sizes.budget`, or half as much again as the average person there uses."""
    voting = [c for c in city.cycles if voting_has_opened(city, c.cycle) and c.supportable]
    for item, supports in zip(
        voting, share_out(city.sizes.supports, [c.share for c in voting]), strict=True
    ):
        item.supports = supports
        wanted = city.sizes.budget or math.ceil(1.5 * supports / max(len(item.people), 1))
        budget = max(item.cycle.support_budget, wanted)
        capacity = len(item.people) * min(budget, len(item.supportable))
        if supports > capacity:
            raise ValueError(
                f"{supports:,} supports do not fit in {item.slug} {item.cycle.year}: "
                f"{len(item.people):,} people × {budget} supports on "
                f"{len(item.supportable):,} proposals give at most {capacity:,}."
            )
        item.cycle.support_budget = budget
    db.session.flush()


def small(sizes: CitySizes) -> CitySizes:
    """The small set the tests use, keeping a budget or seed given."""
    return replace(SMALL, budget=sizes.budget, seed=sizes.seed)
