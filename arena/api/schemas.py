"""The shapes of the API's answers, as pydantic models: the same classes serialise each
response and give the OpenAPI document its schemas (pydantic writes JSON Schema 2020-12,
the dialect OpenAPI 3.1 uses), so the document cannot drift from what is sent.

Only what the public pages show: no e-mail address, access code or private answer; a
hidden item is its placeholder; counts of a cycle appear once its voting has closed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Link(Schema):
    id: int
    url: str = Field(description="The item's page on the site")


class Theme(Schema):
    key: str
    label: str = Field(description="In the response’s language")


class Phase(Schema):
    key: str
    label: str
    starts_at: datetime
    ends_at: datetime


class Cycle(Schema):
    id: int
    arena: str = Field(description="The arena's slug")
    year: int
    current_phase: str = Field(
        description="upcoming, proposing, voting, selection, testing, review or closed"
    )
    current_phase_label: str
    support_budget: int = Field(description="Supports each person may give in this cycle")
    phases: list[Phase]
    results_are_public: bool
    url: str


class Arena(Schema):
    id: int
    slug: str
    name: str
    description: str = Field(description="In the response's language where written in it")
    current_cycle: int | None = Field(description="The id of the cycle running now")
    url: str


class Counts(Schema):
    online_supports: int
    workshop_votes: int
    total: int = Field(description="Online supports plus workshop votes")
    external_supports: int | None = Field(
        description="Supports given where the proposal was imported from (Decidim), kept apart"
    )
    external_endorsements: int | None


class Proposal(Schema):
    id: int
    is_hidden: bool
    hidden_reason: str | None = Field(description="The public reason, while hidden")
    arena: str
    year: int
    cycle: int
    theme: str | None
    title: str | None = Field(description="None while hidden")
    summary: str | None
    body: str | None
    climate_effect: str | None
    language: str
    status: str
    source: Literal["online", "workshop", "decidim"]
    external_url: str | None = Field(description="Its page where it was imported from")
    workshop: int | None
    author: str | None = Field(description="The author's public name; None for paper proposals")
    organisation: int | None
    merged_into: int | None
    decision_note: str | None = Field(description="The facilitators' public motivation")
    decided_at: datetime | None
    counts: Counts | None = Field(description="Only once the cycle's voting has closed")
    created_at: datetime
    updated_at: datetime
    url: str


class ResultRow(Schema):
    rank: int
    proposal: int
    title: str
    online_supports: int
    workshop_votes: int
    total: int
    status: str
    commitment: int | None


class Result(Schema):
    cycle: int
    arena: str
    year: int
    rows: list[ResultRow]
    url: str


class Indicator(Schema):
    id: int
    name: str
    unit: str
    direction: Literal["up", "down"] = Field(description="Which way is better")
    baseline_value: float
    baseline_on: date
    target_value: float
    target_on: date
    latest_value: float | None
    latest_on: date | None
    method: str
    reported_by: str
    reporting_interval: Literal["weekly", "monthly", "quarterly", "yearly"] = Field(
        description="How often a new value is expected; the owners are reminded when one is overdue"
    )


class Owner(Schema):
    kind: Literal["organisation", "resident"]
    name: str
    organisation: int | None


class Commitment(Schema):
    id: int
    arena: str
    year: int
    cycle: int
    title: str
    description: str
    language: str
    status: str
    location: str
    climate_effect: str
    changes: str = Field(description="What changed from the previous version")
    starts_on: date | None
    ends_on: date | None
    themes: list[str]
    proposals: list[int] = Field(description="The proposals it was made from")
    previous_version: int | None
    adopted_from: int | None
    owners: list[Owner]
    participants: int = Field(description="People and organisations who joined")
    indicators: list[Indicator]
    review: int | None
    check_in_interval_days: int
    created_at: datetime
    updated_at: datetime
    url: str


class Value(Schema):
    indicator: int
    value: float


class CheckIn(Schema):
    id: int
    commitment: int
    is_hidden: bool
    kind: str
    reported_on: date
    note: str | None = Field(description="None while hidden")
    language: str
    confidence: str | None
    author: str | None = Field(description="Who reported it, by public name; None while hidden")
    organisation: int | None
    values: list[Value]
    created_at: datetime
    url: str


class Review(Schema):
    id: int
    commitment: int
    arena: str
    year: int
    outcome: str
    outcome_label: str
    rationale: str
    measured_result: str
    lessons: str
    decided_at: datetime
    url: str


class Adoption(Schema):
    commitment: int = Field(description="The adopting arena's commitment")
    arena: str
    year: int
    adopted_from: int
    from_arena: str
    from_year: int
    url: str


class Organisation(Schema):
    id: int
    name: str
    kind: str
    description: str
    website: str | None
    activities: str
    is_verified: bool
    arenas: list[str]
    updated_at: datetime
    url: str


class Workshop(Schema):
    id: int
    arena: str
    year: int
    cycle: int
    held_at: datetime
    place: str
    language: str
    participants: int
    proposals: int = Field(description="Proposals collected on paper")
    updated_at: datetime
    url: str


class Statistic(Schema):
    id: int
    arena: str
    indicator: str
    name: str = Field(description="The indicator's name in the response's language")
    year: int
    value: float
    unit: str
    source: str
    is_example: bool = Field(description="Example data, not official statistics")
    imported_at: datetime


Item = TypeVar("Item")


class Page(Schema, Generic[Item]):
    items: list[Item]
    next: str | None = Field(description="The next page, or None on the last")
    language: str


class Problem(Schema):
    """An error, as RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: dict[str, str] = Field(default_factory=dict, description="Per parameter")
