"""Demo data: the five Scale Stockholm arenas with a current cycle each.

Idempotent: every row is looked up by a natural key before it is added, so
running the seed twice changes nothing. Dates are set relative to the first
run, so that at least one arena is proposing, one voting and one testing.
"""

from datetime import datetime, timedelta

from sqlalchemy import select, update

from arena.accounts.models import ArenaConnection, FacilitatorRole, User
from arena.arenas.models import Arena, CoBenefit, Cycle, Theme
from arena.extensions import db
from arena.organisations.models import Organisation, OrganisationMember
from arena.proposals.models import Participation, Proposal, Support

THEMES = ["transport", "energy", "plastics", "consumption", "local_food"]
CO_BENEFITS = [
    "fewer_car_trips",
    "physical_activity",
    "less_waste",
    "cleaner_air",
    "social_contact",
    "healthier_food",
    "lower_costs",
]

# (slug, name, description in Swedish, in English, phase the current cycle is in at first seed)
ARENAS = [
    (
        "jarva",
        "Järva",
        "Järvaområdet i nordvästra Stockholm med Akalla, Husby, Kista, Hjulsta, Tensta och "
        "Rinkeby. "
        "Här bor omkring 90 000 människor, och många föreningar och bostadsbolag är aktiva i "
        "omställningen.",
        "The Järva area in north-west Stockholm: Akalla, Husby, Kista, Hjulsta, Tensta and "
        "Rinkeby. "
        "About 90,000 people live here, and many associations and housing companies take part.",
        "voting",
    ),
    (
        "skarholmen",
        "Skärholmen",
        "Stadsdelsområdet Skärholmen i sydvästra Stockholm med Bredäng, Sätra, Skärholmen och "
        "Vårberg.",
        "The Skärholmen district in south-west Stockholm: Bredäng, Sätra, Skärholmen and Vårberg.",
        "proposing",
    ),
    (
        "norra-djurgardsstaden",
        "Norra Djurgårdsstaden",
        "Ett av Stockholms största stadsutvecklingsområden, i Hjorthagen, Värtahamnen och "
        "Frihamnen, "
        "byggt med höga krav på miljö och klimat.",
        "One of Stockholm's largest urban development areas, in Hjorthagen, Värtahamnen and "
        "Frihamnen, "
        "built to high environmental standards.",
        "proposing",
    ),
    (
        "innerstaden",
        "Innerstaden",
        "Stockholms innerstad: Norrmalm, Östermalm, Kungsholmen och Södermalm, med många "
        "verksamheter, "
        "besökare och boende på liten yta.",
        "Stockholm's inner city: Norrmalm, Östermalm, Kungsholmen and Södermalm, with many "
        "businesses, "
        "visitors and residents in a small area.",
        "selection",
    ),
    (
        "sgid",
        "Stockholm Green Innovation District",
        "Området från Årsta till Sickla, där företag, fastighetsägare, forskning och boende "
        "samarbetar för att pröva nya klimatlösningar.",
        "The area from Årsta to Sickla, where businesses, property owners, researchers and "
        "residents "
        "work together to test new climate solutions.",
        "testing",
    ),
]

DEMO_ACCOUNTS = [
    # (e-mail, public name, password, role)
    ("resident@example.org", "Amina (demo)", "demo-resident-2026", "resident"),
    (
        "facilitator@example.org",
        "Johan, facilitator (demo)",
        "demo-facilitator-2026",
        "facilitator",
    ),
    ("staff@example.org", "Maria, Stockholms stad (demo)", "demo-staff-2026", "staff"),
    ("admin@example.org", "Admin (demo)", "demo-admin-2026", "admin"),
]

NEIGHBOURS = [
    ("layla@example.org", "Layla"),
    ("erik@example.org", "Erik"),
    ("hodan@example.org", "Hodan"),
    ("mikko@example.org", "Mikko"),
    ("sara@example.org", "Sara"),
    ("ahmed@example.org", "Ahmed"),
    ("karin@example.org", "Karin"),
]

# (arena slug, theme, language, title, summary, co-benefits, supports from the first N neighbours)
PROPOSALS = [
    (
        "jarva",
        "transport",
        "sv",
        "Lånecyklar vid Tensta centrum",
        "En pool med lådcyklar och vanliga cyklar som boende kan låna gratis för inköp och "
        "utflykter.",
        ["fewer_car_trips", "physical_activity"],
        6,
    ),
    (
        "jarva",
        "local_food",
        "sv",
        "Odlingslotter på taket i Husby",
        "Gör om outnyttjade tak och gårdar till odlingar som sköts av boende och skolor "
        "tillsammans.",
        ["healthier_food", "social_contact"],
        5,
    ),
    (
        "jarva",
        "plastics",
        "sv",
        "Pantstation för plast i Rinkeby",
        "En bemannad station där hushållen lämnar plast och får hjälp att sortera rätt.",
        ["less_waste"],
        4,
    ),
    (
        "jarva",
        "energy",
        "sv",
        "Energiombud i varje trappuppgång",
        "Utbilda boende som ombud som hjälper grannar att sänka elförbrukningen, på flera språk.",
        ["lower_costs", "social_contact"],
        4,
    ),
    (
        "jarva",
        "consumption",
        "sv",
        "Reparationskafé i Akalla",
        "Ett månatligt kafé där vi lagar kläder, cyklar och elektronik tillsammans i stället för "
        "att köpa nytt.",
        ["less_waste", "social_contact", "lower_costs"],
        3,
    ),
    (
        "jarva",
        "transport",
        "sv",
        "Säkra skolvägar i Hjulsta",
        "Bilfria gator vid skolstart och skolslut så att fler barn kan gå och cykla till skolan.",
        ["physical_activity", "cleaner_air", "fewer_car_trips"],
        3,
    ),
    (
        "jarva",
        "consumption",
        "en",
        "Clothes swap at Kista library",
        "A quarterly clothes swap for families, run together with the library and local "
        "associations.",
        ["less_waste", "lower_costs"],
        2,
    ),
    (
        "jarva",
        "local_food",
        "sv",
        "Gemensamt växthus vid Järvafältet",
        "Ett växthus där föreningar odlar grönsaker och håller kurser för barn och vuxna.",
        ["healthier_food", "physical_activity"],
        2,
    ),
    (
        "jarva",
        "energy",
        "sv",
        "Solceller på förskolornas tak",
        "Stadens förskolor i Järva får solceller, och barnen följer hur mycket el som produceras.",
        ["lower_costs"],
        1,
    ),
    (
        "jarva",
        "plastics",
        "sv",
        "Plastfri marknad på Husby torg",
        "Torghandlarna går ihop och slutar med engångsplast, med gemensamma påsar och burkar att "
        "låna.",
        ["less_waste"],
        1,
    ),
    (
        "jarva",
        "transport",
        "sv",
        "Bilpool för bostadsrättsföreningar",
        "Föreningarna delar några elbilar så att fler kan avstå från egen bil.",
        ["fewer_car_trips", "lower_costs"],
        0,
    ),
    (
        "jarva",
        "consumption",
        "sv",
        "Verktygsbibliotek i Tensta",
        "Låna borrmaskin, stege och symaskin i stället för att köpa. Drivs av hyresgästföreningen.",
        ["less_waste", "lower_costs", "social_contact"],
        0,
    ),
    (
        "skarholmen",
        "transport",
        "sv",
        "Cykelkurser för vuxna i Vårberg",
        "Kurser för vuxna som vill lära sig cykla, med lånecyklar och hjälmar.",
        ["physical_activity", "fewer_car_trips"],
        0,
    ),
    (
        "skarholmen",
        "local_food",
        "sv",
        "Skolträdgård i Sätra",
        "Eleverna odlar grönsaker som serveras i skolmatsalen.",
        ["healthier_food"],
        0,
    ),
    (
        "skarholmen",
        "plastics",
        "en",
        "Refill stations in Skärholmen centre",
        "Shops offer refills of detergent and dry goods so that customers can bring their own "
        "containers.",
        ["less_waste"],
        0,
    ),
    (
        "norra-djurgardsstaden",
        "energy",
        "sv",
        "Delad energilagring i kvarteret",
        "Bostadsrättsföreningar delar batterier som lagrar solel till kvällen.",
        ["lower_costs"],
        0,
    ),
    (
        "norra-djurgardsstaden",
        "transport",
        "sv",
        "Lastcykelpool vid Hjorthagen",
        "Lådcyklar som boende bokar i en app eller på papper i porten.",
        ["fewer_car_trips", "physical_activity"],
        0,
    ),
    (
        "innerstaden",
        "consumption",
        "sv",
        "Second hand-karta för Södermalm",
        "En tryckt och digital karta över second hand-butiker, reparatörer och lånetjänster.",
        ["less_waste", "lower_costs"],
        6,
    ),
    (
        "innerstaden",
        "transport",
        "sv",
        "Sommargågata på Kungsholmen",
        "En gata blir gågata under sommaren, med bänkar, växter och plats för lek.",
        ["cleaner_air", "social_contact", "physical_activity"],
        5,
    ),
    (
        "innerstaden",
        "plastics",
        "sv",
        "Återbrukbara muggar på kaféerna",
        "Kaféerna går ihop i ett pantsystem för muggar så att engångsmuggarna försvinner.",
        ["less_waste"],
        3,
    ),
    (
        "innerstaden",
        "energy",
        "en",
        "Energy advice for small shops",
        "Free energy check-ups for small shops and restaurants, with follow-up after six months.",
        ["lower_costs"],
        1,
    ),
    (
        "sgid",
        "energy",
        "sv",
        "Spillvärme från serverhallen i Sickla",
        "Värmen från en serverhall värmer närliggande bostäder i stället för att släppas ut.",
        ["lower_costs"],
        4,
    ),
    (
        "sgid",
        "transport",
        "sv",
        "Samlastning av leveranser i Årsta",
        "Paket till butiker och kontor samlas i en hubb och körs ut med elcykel.",
        ["cleaner_air", "fewer_car_trips"],
        3,
    ),
    (
        "sgid",
        "local_food",
        "sv",
        "Matsvinnsbutik i Hammarby sjöstad",
        "En butik som säljer mat som annars skulle slängas, i samarbete med grossister.",
        ["less_waste", "lower_costs", "healthier_food"],
        2,
    ),
]


def _phase_dates(phase: str, now: datetime) -> dict:
    """Cycle dates that put the cycle in `phase` at `now`."""
    offsets = {
        # days from now: proposing, voting opens, voting closes, testing, review, closes
        "proposing": (-20, 25, 55, 75, 380, 440),
        "voting": (-50, -10, 20, 45, 350, 410),
        "selection": (-70, -35, -5, 25, 330, 390),
        "testing": (-200, -170, -140, -120, 200, 260),
        "review": (-395, -365, -335, -320, -14, 42),
    }[phase]
    names = [
        "proposing_opens_at",
        "voting_opens_at",
        "voting_closes_at",
        "testing_starts_at",
        "review_starts_at",
        "closes_at",
    ]
    start_of_day = now.replace(hour=8, minute=0, second=0, microsecond=0)
    return {
        name: start_of_day + timedelta(days=days) for name, days in zip(names, offsets, strict=True)
    }


def _get_or_add(model, lookup: dict, **values):
    found = db.session.scalar(select(model).filter_by(**lookup))
    if found is not None:
        return found, False
    row = model(**lookup, **values)
    db.session.add(row)
    db.session.flush()
    return row, True


def _add_user(email: str, name: str, password: str) -> User:
    user, created = _get_or_add(User, {"email": email}, display_name=name, preferred_language="sv")
    if created:
        user.set_password(password)
    return user


def seed_demo(now: datetime) -> list[tuple[str, str, str]]:
    """Load the demo data; returns the demo accounts as (role, e-mail, password)."""
    themes = {
        key: _get_or_add(Theme, {"key": key}, sort_order=i)[0] for i, key in enumerate(THEMES)
    }
    benefits = {
        key: _get_or_add(CoBenefit, {"key": key}, sort_order=i)[0]
        for i, key in enumerate(CO_BENEFITS)
    }

    arenas, cycles = {}, {}
    for order, (slug, name, description, description_en, phase) in enumerate(ARENAS):
        arena, _ = _get_or_add(
            Arena,
            {"slug": slug},
            name=name,
            description=description,
            description_en=description_en,
            sort_order=order,
        )
        arenas[slug] = arena
        cycles[slug], _ = _get_or_add(
            Cycle,
            {"arena_id": arena.id, "year": now.year},
            support_budget=5,
            introduction="",
            **_phase_dates(phase, now),
        )

    accounts = []
    for email, name, password, role in DEMO_ACCOUNTS:
        user = _add_user(email, name, password)
        user.is_staff = role == "staff"
        user.is_admin = role == "admin"
        accounts.append((role, email, password))
    resident = db.session.scalar(select(User).where(User.email == "resident@example.org"))
    facilitator = db.session.scalar(select(User).where(User.email == "facilitator@example.org"))
    _get_or_add(
        ArenaConnection, {"user_id": resident.id, "arena_id": arenas["jarva"].id}, kind="lives"
    )
    _get_or_add(
        ArenaConnection, {"user_id": facilitator.id, "arena_id": arenas["jarva"].id}, kind="works"
    )
    _get_or_add(FacilitatorRole, {"user_id": facilitator.id, "arena_id": arenas["jarva"].id})

    neighbours = []
    for email, name in NEIGHBOURS:
        user = _add_user(email, name, "demo-neighbour-2026")
        for arena in arenas.values():
            _get_or_add(ArenaConnection, {"user_id": user.id, "arena_id": arena.id}, kind="lives")
        neighbours.append(user)

    association, _ = _get_or_add(
        Organisation,
        {"name": "Hyresgästföreningen Tensta (demo)"},
        kind="association",
        description="Hyresgästförening som driver verktygsbibliotek och odlingar.",
    )
    if not association.arenas:
        association.arenas.append(arenas["jarva"])
    _get_or_add(
        OrganisationMember,
        {"organisation_id": association.id, "user_id": neighbours[0].id},
        is_admin=True,
    )

    for index, (slug, theme, language, title, summary, tags, support_from) in enumerate(PROPOSALS):
        cycle = cycles[slug]
        proposal, created = _get_or_add(
            Proposal,
            {"cycle_id": cycle.id, "title": title},
            theme_id=themes[theme].id,
            author_id=neighbours[index % len(neighbours)].id,
            summary=summary,
            language=language,
            # Spread creation times over the proposing phase, newest last.
            created_at=cycle.proposing_opens_at + timedelta(hours=6 * index + 1),
            updated_at=cycle.proposing_opens_at + timedelta(hours=6 * index + 1),
        )
        if created:
            proposal.co_benefits = [benefits[tag] for tag in tags]
            for supporter in neighbours[:support_from]:
                _add_demo_support(supporter, proposal, cycle)
    db.session.flush()
    _seed_facilitation_demo(now)
    from arena.representation.demo import seed_representation_demo

    seed_representation_demo(now)
    return accounts


def _seed_facilitation_demo(now: datetime) -> None:
    """What facilitators add: a workshop, a discussion with a report, a hidden
    comment and a merge in Järva, and the selection in Innerstaden."""
    from arena.commitments.demo import seed_selection_demo
    from arena.commitments.followup_demo import seed_followup_demo
    from arena.moderation.demo import seed_moderation_demo
    from arena.workshops.demo import seed_workshop_demo

    seed_workshop_demo(now)
    seed_moderation_demo(now)
    seed_selection_demo(now)
    seed_followup_demo(now)
    db.session.flush()


def _add_demo_support(user: User, proposal: Proposal, cycle: Cycle) -> None:
    """Supports given in the past: written directly, with the counters kept in step."""
    used = db.session.scalar(
        select(Participation).where(
            Participation.user_id == user.id, Participation.cycle_id == cycle.id
        )
    )
    if used is None:
        used = Participation(user_id=user.id, cycle_id=cycle.id, supports_used=0)
        db.session.add(used)
    if used.supports_used >= cycle.support_budget:
        return
    used.supports_used += 1
    db.session.add(
        Support(proposal_id=proposal.id, user_id=user.id, created_at=cycle.voting_opens_at)
    )
    db.session.flush()
    db.session.execute(
        update(Proposal)
        .where(Proposal.id == proposal.id)
        .values(support_count=Proposal.support_count + 1)
    )
