"""The city's generated residents: person<N>@city.example.org, all verified, all with
the one shared password hash (hashing 50,000 passwords would take over an hour), each
living in one arena and a fifth of them also working in another."""

from __future__ import annotations

import secrets
from datetime import timedelta

from arena.accounts.models import ArenaConnection, User
from arena.demo.city_bulk import next_id
from arena.demo.city_plan import CITY_DOMAIN, HOME_SHARES, City

FIRST_NAMES = (
    "Amina", "Erik", "Hodan", "Mikko", "Sara", "Ahmed", "Karin", "Layla", "Johan", "Fatima",
    "Lars", "Aisha", "Anna", "Omar", "Elin", "Yusuf", "Maja", "Hamza", "Ida", "Liisa",
    "Mohamed", "Emma", "Ali", "Sofia", "Farah", "Oskar", "Nasra", "Aino", "Leo", "Zahra",
)  # fmt: skip
LANGUAGES = ("sv", "sv", "sv", "en", "ar", "so", "fi")
SECOND_CONNECTION = 0.2


def add_people(city: City, password_hash: str) -> None:
    """The residents and their connections; fills `city.people_by_arena` and each
    cycle's `people` (who may support there)."""
    users, links = User.__table__, ArenaConnection.__table__
    first = next_id(users)
    slugs = list(HOME_SHARES)
    weights = list(HOME_SHARES.values())
    by_arena: dict[str, list[int]] = {slug: [] for slug in slugs}
    for number in range(1, city.sizes.people + 1):
        user_id = first + number - 1
        joined = city.now - timedelta(days=730 + city.rng.random() * 365)
        city.writer.add(users, _person(city, user_id, number, joined, password_hash))
        home = city.rng.choices(slugs, weights)[0]
        places = [(home, "lives")]
        if city.rng.random() < SECOND_CONNECTION:
            other = city.rng.choice([s for s in slugs if s != home])
            places.append((other, "works"))
        for slug, kind in places:
            by_arena[slug].append(user_id)
            city.writer.add(
                links,
                {
                    "user_id": user_id,
                    "arena_id": city.arena_ids[slug],
                    "kind": kind,
                    "created_at": joined,
                },
            )
    city.writer.flush(users, links)
    city.people_by_arena = by_arena
    for item in city.cycles:
        item.people = by_arena[item.slug]


def _person(city: City, user_id: int, number: int, joined, password_hash: str) -> dict:
    name = f"{city.rng.choice(FIRST_NAMES)} {chr(65 + city.rng.randrange(26))}."
    return {
        "id": user_id,
        "email": f"person{number}@{CITY_DOMAIN}",
        "password_hash": password_hash,
        "display_name": name,
        "preferred_language": city.rng.choice(LANGUAGES),
        "is_admin": False,
        "is_staff": False,
        "created_at": joined,
        "verified_at": joined + timedelta(minutes=10),
        "session_token": secrets.token_hex(32),
    }
