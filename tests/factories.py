"""Small factories that build valid rows with sensible defaults.

Cycles are built relative to the real clock, so `make.cycle(phase="voting")`
is in its voting phase whenever the test runs.
"""

import contextlib
import functools
import itertools
from datetime import timedelta

from werkzeug.security import generate_password_hash

from arena.accounts.models import ArenaConnection, FacilitatorRole, User
from arena.arenas.models import Arena, CoBenefit, Cycle, Theme
from arena.arenas.phases import Phase
from arena.core.time import utcnow
from arena.extensions import db
from arena.organisations.models import Organisation, OrganisationMember
from arena.proposals.models import Proposal

_counter = itertools.count(1)

PASSWORD = "correct horse battery"
QUICK_SCRYPT = "scrypt:1024:8:1"

# Days from now at which each date falls, for a cycle in the given phase.
PHASE_OFFSETS = {
    Phase.UPCOMING: (10, 40, 70, 90, 400, 460),
    Phase.PROPOSING: (-10, 20, 50, 70, 380, 440),
    Phase.VOTING: (-40, -10, 20, 40, 350, 410),
    Phase.SELECTION: (-70, -40, -10, 20, 330, 390),
    Phase.TESTING: (-200, -170, -140, -120, 200, 260),
    Phase.REVIEW: (-400, -370, -340, -320, -20, 40),
    Phase.CLOSED: (-500, -470, -440, -420, -100, -40),
}
DATE_FIELDS = (
    "proposing_opens_at",
    "voting_opens_at",
    "voting_closes_at",
    "testing_starts_at",
    "review_starts_at",
    "closes_at",
)


@functools.cache
def password_hash(password: str) -> str:
    """A real scrypt hash with a low work factor, made once per password: an account
    of a kind made before Argon2id (a sign-in replaces it, see test_password_hashes)."""
    return generate_password_hash(password, method=QUICK_SCRYPT)


def cycle_dates(phase: str, now=None) -> dict:
    now = now or utcnow()
    return {
        name: now + timedelta(days=days)
        for name, days in zip(DATE_FIELDS, PHASE_OFFSETS[Phase(phase)], strict=True)
    }


class Factories:
    _batching = False

    def _save(self, row):
        db.session.add(row)
        if self._batching:
            db.session.flush()  # ids are there; the commit comes at the end of the batch
        else:
            db.session.commit()
        return row

    @contextlib.contextmanager
    def batch(self):
        """Build several rows with one commit at the end: each commit costs a few ms,
        which tables of hundreds of tests feel. Read ids inside the block if needed."""
        self._batching = True
        try:
            yield self
        finally:
            self._batching = False
        db.session.commit()

    def theme(self, key=None, **values) -> Theme:
        key = key or f"theme_{next(_counter)}"
        existing = db.session.scalar(db.select(Theme).where(Theme.key == key))
        return existing or self._save(Theme(key=key, **values))

    def co_benefit(self, key=None) -> CoBenefit:
        key = key or f"benefit_{next(_counter)}"
        existing = db.session.scalar(db.select(CoBenefit).where(CoBenefit.key == key))
        return existing or self._save(CoBenefit(key=key))

    def arena(self, name=None, **values) -> Arena:
        n = next(_counter)
        name = name or f"Arena {n}"
        values.setdefault("slug", f"arena-{n}")
        values.setdefault("description", f"Om {name}.")
        return self._save(Arena(name=name, **values))

    def cycle(self, arena=None, phase="voting", year=None, **values) -> Cycle:
        arena = arena or self.arena()
        dates = cycle_dates(phase)
        dates.update({k: v for k, v in values.items() if k in DATE_FIELDS})
        extra = {k: v for k, v in values.items() if k not in DATE_FIELDS}
        extra.setdefault("support_budget", 5)
        year = year or dates["proposing_opens_at"].year + next(_counter) * 0
        if db.session.scalar(
            db.select(Cycle).where(Cycle.arena_id == arena.id, Cycle.year == year)
        ):
            year = max(c.year for c in arena.cycles) + 1
        return self._save(Cycle(arena=arena, year=year, **dates, **extra))

    def user(
        self,
        connected_to=None,
        kind="lives",
        email=None,
        password=PASSWORD,
        verified=True,
        **values,
    ) -> User:
        """A person with an e-mail address and `password`; verified unless told
        (`verified=False`: signed up, link not yet followed)."""
        n = next(_counter)
        values.setdefault("display_name", f"Person {n}")
        if verified:
            values.setdefault("verified_at", utcnow())
        user = User(email=(email or f"person{n}@example.org").lower(), **values)
        user.password_hash = password_hash(password)
        db.session.add(user)
        db.session.flush()
        for arena in [connected_to] if isinstance(connected_to, Arena) else (connected_to or []):
            db.session.add(ArenaConnection(user=user, arena=arena, kind=kind))
        return self._save(user)

    def facilitator(self, arena, **values) -> User:
        user = self.user(**values)
        return self._save(FacilitatorRole(user=user, arena=arena)).user

    def organisation(self, members=(), arenas=(), **values) -> Organisation:
        values.setdefault("name", f"Förening {next(_counter)}")
        values.setdefault("kind", "association")
        organisation = Organisation(**values)
        organisation.arenas = list(arenas)
        organisation.members = [OrganisationMember(user=m) for m in members]
        return self._save(organisation)

    def proposal(self, cycle=None, author=None, theme=None, **values) -> Proposal:
        cycle = cycle or self.cycle()
        author = author or self.user(connected_to=cycle.arena)
        theme = theme or self.theme("transport")
        n = next(_counter)
        values.setdefault("title", f"Förslag {n}")
        values.setdefault("summary", f"Sammanfattning av förslag {n}.")
        values.setdefault("language", "sv")
        return self._save(Proposal(cycle=cycle, author=author, theme=theme, **values))
