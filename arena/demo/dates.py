"""Cycle dates that put a demo cycle in a given phase, relative to the first seed."""

from datetime import datetime, timedelta

from arena.arenas.cycles import DATE_FIELDS


def phase_dates(phase: str, now: datetime) -> dict:
    """Cycle dates that put the cycle in `phase` at `now`."""
    offsets = {
        # days from now: proposing, voting opens, voting closes, testing, review, closes
        "proposing": (-20, 25, 55, 75, 380, 440),
        "voting": (-50, -10, 20, 45, 350, 410),
        "selection": (-70, -35, -5, 25, 330, 390),
        "testing": (-200, -170, -140, -120, 200, 260),
        "review": (-395, -365, -335, -320, -14, 42),
    }[phase]
    start_of_day = now.replace(hour=8, minute=0, second=0, microsecond=0)
    return {
        name: start_of_day + timedelta(days=days)
        for name, days in zip(DATE_FIELDS, offsets, strict=True)
    }
