"""The public part of the export: the export's tables with what the public pages do not
show taken out, and the tables that are not for the public left out altogether.

Every rule here mirrors a public page:
- proposals: a hidden proposal is its placeholder (its id, that it is hidden and the
  public reason; its support panel stays, as on the page); a motivation is shown only
  for a proposal selected or not selected. Counts wait for voting to close (as in the
  export itself).
- check-ins: a hidden check-in is its date and "hidden"; its values are left out.
- reviews: who decided is not on the commitment page, so not here.
- organisations: a website only when it is an http(s) address (the page links no other).
- district statistics: the population references behind the representation figures are
  not on the arena page, so not here.
Left out: the representation table (counts by group are for facilitators and staff
only, never the public) and the audit log (staff only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from arena.exports.catalog import BY_NAME, TABLES
from arena.exports.schema import Table
from arena.organisations.rules import is_web_address
from arena.representation.questions import is_reference_indicator

# Tables left out, with the reason the data card gives (English, Swedish).
LEFT_OUT = {
    "representation": (
        "Counts by group are shown only to facilitators and city staff, never published.",
        "Antal per grupp visas bara för facilitatorer och stadens personal och publiceras inte.",
    ),
    "audit_log": (
        "The audit log is for city staff only.",
        "Granskningsloggen är bara för stadens personal.",
    ),
}
# Tables published with some cells emptied or columns dropped, and why (en, sv).
RESTRICTED = {
    "proposals": (
        "A hidden proposal is published as its placeholder: id, arena, year, that it is "
        "hidden, the public reason and its counts; its text, author and other details are "
        "empty, as on its page. The motivation is given for selected and not selected "
        "proposals only.",
        "Ett dolt förslag publiceras som sin platshållare: id, arena, år, att det är dolt, "
        "det offentliga skälet och dess antal; text, författare och övriga uppgifter är "
        "tomma, som på förslagets sida. Motiveringen anges bara för förslag som valts "
        "eller inte valts.",
    ),
    "check_ins": (
        "A hidden check-in is published as its date and that it is hidden.",
        "En dold avstämning publiceras som sitt datum och att den är dold.",
    ),
    "reviews": (
        "Who decided is not published (the commitment's page does not show it).",
        "Vem som beslutade publiceras inte (åtagandets sida visar det inte).",
    ),
    "organisations": (
        "A website is given only when it is an http or https address.",
        "En webbplats anges bara när den är en http- eller https-adress.",
    ),
    "district_statistics": (
        "The population references used for the representation figures are left out.",
        "Befolkningsunderlaget för representationssiffrorna är inte med.",
    ),
}

PLACEHOLDER_KEEPS = {
    "id",
    "arena",
    "year",
    "is_hidden",
    "hidden_reason",
    "online_supports",
    "workshop_votes",
}
DECIDED = ("selected", "not_selected")
CHECK_IN_PLACEHOLDER_KEEPS = {"id", "commitment_id", "reported_on", "is_hidden"}

Fix = Callable[[dict], dict | None]


def _restricted(table: Table, fix: Fix | None = None, drop: tuple[str, ...] = ()) -> Table:
    """`table` with each row passed through `fix` (None drops the row) and the columns
    in `drop` removed."""
    names = table.names
    kept = [c for c in table.columns if c.name not in drop]

    def rows(export):
        for row in table.rows(export):
            values = dict(zip(names, row, strict=True))
            if fix is not None and (values := fix(values)) is None:
                continue
            yield tuple(values[c.name] for c in kept)

    return replace(table, columns=tuple(kept), rows=rows)


def _proposal(values: dict) -> dict:
    if values["is_hidden"]:
        return {k: (v if k in PLACEHOLDER_KEEPS else None) for k, v in values.items()}
    if values["status"] not in DECIDED:
        values["decision_note"] = None
    return values


def _check_in(values: dict) -> dict:
    if values["is_hidden"]:
        return {k: (v if k in CHECK_IN_PLACEHOLDER_KEEPS else None) for k, v in values.items()}
    return values


def _organisation(values: dict) -> dict:
    if not is_web_address(values["website"]):
        values["website"] = None
    return values


def _statistic(values: dict) -> dict | None:
    return None if is_reference_indicator(values["indicator"] or "") else values


FIXES: dict[str, dict] = {
    "proposals": {"fix": _proposal},
    "check_ins": {"fix": _check_in},
    "reviews": {"drop": ("decided_by",)},
    "organisations": {"fix": _organisation},
    "district_statistics": {"fix": _statistic},
}


def _public(table: Table) -> Table:
    return _restricted(table, **FIXES[table.name]) if table.name in FIXES else table


PUBLIC_TABLES: tuple[Table, ...] = tuple(
    _public(t) for t in TABLES if t.name not in LEFT_OUT and not t.staff_only
)
PUBLIC_BY_NAME = {t.name: t for t in PUBLIC_TABLES}

assert set(FIXES) <= set(PUBLIC_BY_NAME) and set(LEFT_OUT) <= set(BY_NAME)
assert set(RESTRICTED) == set(FIXES)
