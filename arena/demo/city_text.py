"""Invented Swedish text for the city data set: titles, summaries, bodies and
comments of believable length, put together from a few parts."""

from __future__ import annotations

import random

ACTIONS = (
    "Lånecyklar", "Odlingslotter", "Pantstation", "Solpaneler", "Reparationscafé",
    "Bytesdag", "Cykelverkstad", "Laddplatser", "Kompost", "Klädbibliotek",
    "Verktygspool", "Samåkning", "Matsvinnsbutik", "Gröna tak", "Energirådgivning",
    "Bilfria söndagar", "Skolodling", "Regnträdgård", "Lastcykelpool", "Delningsförråd",
)  # fmt: skip
PLACES = (
    "Tensta centrum", "Husby torg", "Rinkeby", "Akalla", "Kista", "Hjulsta", "Södermalm",
    "Kungsholmen", "Östermalm", "Norrmalm", "Hammarby sjöstad", "Sickla", "Årsta",
    "Skärholmen", "Vårberg", "Bredäng", "Sätra", "Hjorthagen", "Värtahamnen", "Frihamnen",
)  # fmt: skip
FOR_WHOM = (
    "för alla boende", "för skolor och fritidsgårdar", "för äldre", "för barnfamiljer",
    "för föreningar", "för småföretag", "för hyresgäster", "för unga",
)  # fmt: skip
SENTENCES = (
    "Vi vill göra det enkelt att välja ett klimatsmart alternativ i vardagen.",
    "Förslaget bygger på det som redan fungerar i grannskapet.",
    "Bostadsbolaget och föreningen kan dela på kostnaden för att komma i gång.",
    "Många av oss saknar bil och behöver andra sätt att ta oss fram och handla.",
    "En mötesplats där grannar lär känna varandra gör att fler vill vara med.",
    "Vi räknar med att det minskar avfallet märkbart redan första året.",
    "Det behövs en plats inomhus under vintern och en person som håller i nycklarna.",
    "Skolorna i området har lovat att låta eleverna delta som en del av undervisningen.",
    "Vi vill pröva i liten skala först och sedan växa om det fungerar.",
    "Informationen ska finnas på flera språk så att alla kan delta.",
    "Kommunen kan bidra med lokal och med kontakter till andra stadsdelar.",
    "Vi följer upp hur många som använder det varje månad och berättar här.",
)
CLIMATE = (
    "Färre bilresor och mindre utsläpp från transporter.",
    "Mindre avfall till förbränning och mer material som används igen.",
    "Lägre energianvändning i husen och mer förnybar el.",
    "Mindre matsvinn och mer lokalt odlad mat.",
)
COMMENTS = (
    "Bra idé, jag vill gärna vara med och hjälpa till.",
    "Hur ska det skötas på vintern?",
    "Vi gjorde något liknande i vår förening och det fungerade bra.",
    "Jag undrar vem som ska betala för det efter första året.",
    "Viktigt att det finns information på fler språk än svenska.",
    "Kan man koppla ihop det med skolan på andra sidan torget?",
    "Jag bor i närheten och skulle använda det varje vecka.",
    "Tänk på att det måste vara tillgängligt för rullstol.",
)


def title(rng: random.Random) -> str:
    return f"{rng.choice(ACTIONS)} vid {rng.choice(PLACES)} {rng.choice(FOR_WHOM)}"[:120]


def summary(rng: random.Random) -> str:
    return " ".join(rng.sample(SENTENCES, 2))[:300]


def body(rng: random.Random) -> str:
    """Two short paragraphs, about 500 characters: what a careful proposer writes."""
    first, second = rng.sample(SENTENCES, 3), rng.sample(SENTENCES, 3)
    return f"{' '.join(first)}\n\n{' '.join(second)}"


def climate_effect(rng: random.Random) -> str:
    return rng.choice(CLIMATE)


def comment(rng: random.Random) -> str:
    return rng.choice(COMMENTS)
