"""Commitments with their lineage, owners, indicators, check-ins, pledges and reviews."""

from __future__ import annotations

from sqlalchemy import func, select

from arena.exports.schema import table
from arena.exports.sources import (
    Arena,
    CheckIn,
    Commitment,
    Cycle,
    Indicator,
    IndicatorValue,
    Organisation,
    Pledge,
    Review,
    User,
    commitment_owner_organisations,
    commitment_owner_users,
    commitment_proposals,
)
from arena.exports.streaming import stream


def _in_scope(export):
    return select(Commitment.id).where(Commitment.cycle_id.in_(export.cycle_ids))


def _name(export, user_id, display_name, deleted_at):
    return export.pseudonyms.public_name(user_id, display_name, deleted_at is not None)


def _commitments(export):
    links = select(commitment_proposals).where(
        commitment_proposals.c.commitment_id.in_(_in_scope(export))
    )
    proposals: dict[int, list[str]] = {}
    for commitment_id, proposal_id in stream(links.order_by(*commitment_proposals.c)):
        proposals.setdefault(commitment_id, []).append(str(proposal_id))
    query = (
        select(Commitment, Arena.slug, Cycle.year)
        .join(Cycle, Cycle.id == Commitment.cycle_id)
        .join(Arena, Arena.id == Commitment.arena_id)
        .where(Commitment.cycle_id.in_(export.cycle_ids))
        .order_by(Arena.slug, Commitment.id)
    )
    for c, slug, year in stream(query):
        yield (
            c.id,
            slug,
            year,
            c.title,
            c.description,
            c.language,
            c.status,
            c.location,
            c.climate_effect,
            c.changes,
            c.starts_on,
            c.ends_on,
            c.previous_id,
            c.origin_id,
            " ".join(proposals.get(c.id, [])),
            c.created_at,
        )


def _owners(export):
    scope = _in_scope(export)
    organisations = (
        select(commitment_owner_organisations.c.commitment_id, Organisation.id, Organisation.name)
        .join(Organisation, Organisation.id == commitment_owner_organisations.c.organisation_id)
        .where(commitment_owner_organisations.c.commitment_id.in_(scope))
        .order_by(commitment_owner_organisations.c.commitment_id, Organisation.name)
    )
    for commitment_id, organisation_id, name in stream(organisations):
        yield commitment_id, "organisation", organisation_id, name
    people = (
        select(commitment_owner_users.c.commitment_id, User.id, User.display_name, User.deleted_at)
        .join(User, User.id == commitment_owner_users.c.user_id)
        .where(commitment_owner_users.c.commitment_id.in_(scope))
        .order_by(commitment_owner_users.c.commitment_id, User.id)
    )
    for commitment_id, user_id, display_name, deleted_at in stream(people):
        yield commitment_id, "person", None, _name(export, user_id, display_name, deleted_at)


def _indicators(export):
    query = (
        select(
            Indicator.id,
            Indicator.commitment_id,
            Indicator.name,
            Indicator.unit,
            Indicator.direction,
            Indicator.baseline_value,
            Indicator.baseline_on,
            Indicator.target_value,
            Indicator.target_on,
            Indicator.method,
            Indicator.reported_by,
            Indicator.reporting_interval,
        )
        .where(Indicator.commitment_id.in_(_in_scope(export)))
        .order_by(Indicator.commitment_id, Indicator.sort_order, Indicator.id)
    )
    yield from stream(query)


def _check_ins(export):
    query = (
        select(CheckIn, User.display_name, User.deleted_at, Organisation.name)
        .outerjoin(User, User.id == CheckIn.author_id)
        .outerjoin(Organisation, Organisation.id == CheckIn.organisation_id)
        .where(CheckIn.commitment_id.in_(_in_scope(export)))
        .order_by(CheckIn.commitment_id, CheckIn.reported_on, CheckIn.id)
    )
    for check_in, display_name, deleted_at, organisation in stream(query):
        hidden = check_in.hidden_at is not None
        yield (
            check_in.id,
            check_in.commitment_id,
            check_in.kind,
            check_in.reported_on,
            _name(export, check_in.author_id, display_name, deleted_at),
            organisation,
            None if hidden else check_in.note,
            check_in.language,
            check_in.confidence,
            hidden,
            check_in.created_at,
        )


def _values(export):
    query = (
        select(IndicatorValue.check_in_id, IndicatorValue.indicator_id, IndicatorValue.value)
        .join(CheckIn, CheckIn.id == IndicatorValue.check_in_id)
        .where(CheckIn.commitment_id.in_(_in_scope(export)), CheckIn.hidden_at.is_(None))
        .order_by(IndicatorValue.check_in_id, IndicatorValue.indicator_id)
    )
    yield from stream(query)


def _pledges(export):
    query = (
        select(Pledge.commitment_id, func.count(Pledge.user_id), func.count(Pledge.organisation_id))
        .where(Pledge.commitment_id.in_(_in_scope(export)))
        .group_by(Pledge.commitment_id)
        .order_by(Pledge.commitment_id)
    )
    for commitment_id, people, organisations in stream(query):
        yield commitment_id, int(people), int(organisations)


def _reviews(export):
    query = (
        select(Review, User.display_name, User.deleted_at)
        .outerjoin(User, User.id == Review.decided_by_id)
        .where(Review.commitment_id.in_(_in_scope(export)))
        .order_by(Review.commitment_id)
    )
    for r, display_name, deleted_at in stream(query):
        decided_by = _name(export, r.decided_by_id, display_name, deleted_at)
        yield (
            r.commitment_id,
            r.outcome,
            r.rationale,
            r.measured_result,
            r.lessons,
            decided_by,
            r.decided_at,
        )


TABLES = (
    table(
        _commitments,
        """
        commitments | Commitments, their versions and lineage
            | Åtaganden, deras versioner och ursprung
        id | integer | Identifier in the platform | Id i plattformen
        arena | string | The arena's short name (slug) | Arenans kortnamn (slug)
        year | integer | The cycle's year | Cykelns år
        title | string | Title | Rubrik
        description | string | Description | Beskrivning
        language | string | Language written in | Språk
        status | string | Status | Status
        location | string | Where | Plats
        climate_effect | string | Expected climate effect | Förväntad klimateffekt
        changes | string | What changed from the previous version, and why
            | Vad som ändrats sedan förra versionen och varför
        starts_on | date | Starts | Börjar
        ends_on | date | Ends | Slutar
        previous_id | integer | The version this one revises (last year's)
            | Versionen som detta reviderar (förra årets)
        origin_id | integer | The commitment it was scaled up from, in another arena
            | Åtagandet det skalades upp från, i en annan arena
        proposal_ids | string | Proposals it came from (ids, space-separated)
            | Förslag det kom från (id:n)
        created_at | datetime | Created (UTC) | Skapat (UTC)
        """,
    ),
    table(
        _owners,
        """
        owners | Commitment owners | Ägare av åtaganden
        commitment_id | integer | The commitment (commitments.id) | Åtagandet (commitments.id)
        kind | string | organisation or person | organisation eller person
        organisation_id | integer | The organisation (organisations.id)
            | Organisationen (organisations.id)
        name | string | Organisation's name, or the person's public name or pseudonym
            | Organisationens namn, eller personens offentliga namn eller pseudonym
        """,
    ),
    table(
        _indicators,
        """
        indicators | Indicators | Indikatorer
        id | integer | Identifier in the platform | Id i plattformen
        commitment_id | integer | The commitment (commitments.id) | Åtagandet (commitments.id)
        name | string | What is measured | Vad som mäts
        unit | string | Unit | Enhet
        direction | string | up: more is better; down: less is better
            | up: mer är bättre; down: mindre är bättre
        baseline_value | number | Baseline value | Utgångsvärde
        baseline_on | date | Date of the baseline | Datum för utgångsvärdet
        target_value | number | Target value | Målvärde
        target_on | date | Target date | Måldatum
        method | string | How it is measured | Hur det mäts
        reported_by | string | Who reports it | Vem som rapporterar
        reporting_interval | string
            | How often a value is expected: weekly, monthly, quarterly or yearly
            | Hur ofta ett värde väntas: weekly, monthly, quarterly eller yearly
        """,
    ),
    table(
        _check_ins,
        """
        check_ins | Check-ins | Avstämningar
        id | integer | Identifier in the platform | Id i plattformen
        commitment_id | integer | The commitment (commitments.id) | Åtagandet (commitments.id)
        kind | string | measurement or resident | measurement (mätning) eller resident (invånare)
        reported_on | date | Date reported on | Datum som rapporten gäller
        author | string | Author's public name or pseudonym
            | Författarens offentliga namn eller pseudonym
        organisation | string | On behalf of this organisation | För denna organisations räkning
        note | string | Note; empty while hidden | Anteckning; tom medan den är dold
        language | string | Language written in | Språk
        confidence | string | low, medium or high | low, medium eller high (säkerhet)
        is_hidden | boolean | Hidden by moderation | Dold av moderering
        created_at | datetime | Posted (UTC) | Publicerad (UTC)
        """,
    ),
    table(
        _values,
        """
        check_in_values | Measured values in check-ins | Uppmätta värden i avstämningar
        check_in_id | integer | The check-in (check_ins.id) | Avstämningen (check_ins.id)
        indicator_id | integer | The indicator (indicators.id) | Indikatorn (indicators.id)
        value | number | Measured value | Uppmätt värde
        """,
    ),
    table(
        _pledges,
        """
        pledge_counts | Pledges per commitment (counts only)
            | Anslutningar per åtagande (endast antal)
        commitment_id | integer | The commitment (commitments.id) | Åtagandet (commitments.id)
        people | integer | People who joined | Personer som anslutit sig
        organisations | integer | Organisations that joined | Organisationer som anslutit sig
        """,
    ),
    table(
        _reviews,
        """
        reviews | Reviews: outcome and rationale | Utvärderingar: beslut och motivering
        commitment_id | integer | The commitment (commitments.id) | Åtagandet (commitments.id)
        outcome | string | continue, revise, scale_up or stop
            | continue, revise, scale_up eller stop
        rationale | string | Why | Motivering
        measured_result | string | Measured result | Uppmätt resultat
        lessons | string | Lessons learnt | Lärdomar
        decided_by | string | Decided by (public name or pseudonym)
            | Beslutat av (offentligt namn eller pseudonym)
        decided_at | datetime | Decided (UTC) | Beslutat (UTC)
        """,
    ),
)
