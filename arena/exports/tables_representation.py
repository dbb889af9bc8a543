"""Who took part, by group, against the district's population: counts only, every
group of fewer than 5 people left empty (the representation package suppresses them)."""

from __future__ import annotations

from arena.exports.schema import table
from arena.exports.sources import Arena, summarise_representation
from arena.extensions import db

COLUMNS = (
    "arena",
    "question",
    "answer",
    "online",
    "workshop",
    "total",
    "reference_share",
    "rate",
    "question_figure",
    "figure",
)


def _representation(export):
    # One set of rows per arena in the export, and the city's own for a city export.
    scopes = [db.session.get(Arena, arena_id) for arena_id in export.arena_ids]
    if export.arena is None:
        scopes.append(None)
    for arena in scopes:
        for row in summarise_representation(arena, export.year).rows():
            yield tuple(row[name] for name in COLUMNS)


TABLE = table(
    _representation,
    """
    representation | Who takes part, by group (groups under 5 left empty)
        | Vilka som deltar, per grupp (grupper under 5 lämnas tomma)
    arena | string | The arena's short name (slug); empty for the whole city
        | Arenans kortnamn (slug); tomt för hela staden
    question | string | The profile question (key) | Profilfrågan (nyckel)
    answer | string | The answer (key) | Svaret (nyckel)
    online | integer | People online; empty when fewer than 5
        | Personer på nätet; tomt när färre än 5
    workshop | integer | People at workshops; empty when fewer than 5
        | Personer på workshoppar; tomt när färre än 5
    total | integer | Both together; empty when fewer than 5
        | Båda tillsammans; tomt när färre än 5
    reference_share | number | The group's share of the district's population
        | Gruppens andel av stadsdelens befolkning
    rate | number | Participants per person in the group's population
        | Deltagare per person i gruppens befolkning
    question_figure | number | Lowest group's rate divided by the highest's, for the question
        | Lägsta gruppens andel delat med högsta gruppens, för frågan
    figure | number | The lowest of the questions' figures | Den lägsta av frågornas siffror
    """,
)
