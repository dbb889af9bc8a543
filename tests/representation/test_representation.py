"""Who takes part: the representation pages, summarise(), and the suppression of small
groups everywhere (page, chart, rows for exports); permissions; the reference import."""

import re

import pytest

from arena.arenas.models import DistrictStatistic
from arena.extensions import db
from arena.proposals.models import Comment, Support
from arena.representation import questions as q
from arena.representation.models import ProfileAnswer
from arena.representation.queries import summarise
from tests.helpers import page_text

BANDS = list(q.ANSWERS[q.AGE_BAND])


def answer(user, question, value):
    db.session.add(ProfileAnswer(user_id=user.id, question=question, answer=value))


@pytest.fixture
def scene(make):
    """Järva's cycle: 4 people aged 16-24 support, 6 aged 25-34 comment, 10 aged 35-44
    support; 2 without answers; the reference counts 1000 people in each band."""
    with make.batch():
        jarva = make.arena("Järva", slug="jarva")
        other = make.arena("Skärholmen", slug="skarholmen")
        cycle = make.cycle(jarva, phase="voting")
        make.cycle(other, phase="voting", year=cycle.year)
        proposal = make.proposal(cycle)
        people = {"16-24": 4, "25-34": 6, "35-44": 10}
        for band, number in people.items():
            for _ in range(number):
                user = make.user(connected_to=jarva)
                answer(user, q.AGE_BAND, band)
                if band == "25-34":
                    db.session.add(
                        Comment(proposal=proposal, author=user, body="Ja", language="sv")
                    )
                else:
                    db.session.add(Support(proposal=proposal, user_id=user.id))
        for _ in range(2):
            db.session.add(Support(proposal=proposal, user_id=make.user(connected_to=jarva).id))
        for band in BANDS:
            db.session.add(
                DistrictStatistic(
                    arena_id=jarva.id,
                    indicator=q.reference_key(q.AGE_BAND, band),
                    year=cycle.year,
                    value=1000,
                    unit="people",
                    source="SCB",
                )
            )
        roles = {
            "resident": make.user(connected_to=jarva),
            "facilitator_here": make.facilitator(jarva),
            "facilitator_elsewhere": make.facilitator(other),
            "staff": make.user(is_staff=True),
            "admin": make.user(is_admin=True),
        }
    return {"arena": jarva, "cycle": cycle, "proposal": proposal, **roles}


def _row(text: str, label: str) -> str:
    match = re.search(rf"<tr>\s*<th scope=\"row\">{re.escape(label)}</th>(.*?)</tr>", text, re.S)
    assert match, label
    return match.group(1)


def test_a_group_of_4_is_fewer_than_5_everywhere_and_left_out_of_the_figure(scene, client_for):
    summary = summarise(scene["arena"], scene["cycle"].year)
    rows = {(r["question"], r["answer"]): r for r in summary.rows()}
    assert rows[(q.AGE_BAND, "16-24")]["online"] is None
    assert rows[(q.AGE_BAND, "16-24")]["total"] is None
    assert rows[(q.AGE_BAND, "16-24")]["rate"] is None
    assert rows[(q.AGE_BAND, "25-34")]["online"] == 6
    assert rows[(q.AGE_BAND, "35-44")]["online"] == 10
    # The figure: 6 / 10 with equal populations; with the 4 it would be 0.4.
    assert summary.figure == pytest.approx(0.6)
    age = summary.questions[0]
    assert (age.lowest.answer, age.highest.answer) == ("25-34", "35-44")
    assert summary.online_participants == 23  # with the proposal's author
    assert rows[(q.AGE_BAND, q.NOT_ANSWERED)]["online"] is None  # 3 without an answer
    assert all(r["online"] is None or r["online"] >= 5 for r in summary.rows())

    client = client_for(scene["staff"], accept_language="en")
    response = client.get(f"/arenas/jarva/representation?year={scene['cycle'].year}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "fewer than 5" in _row(html, "16–24")
    assert ">6<" in _row(html, "25–34") and ">10<" in _row(html, "35–44")
    assert "4" not in re.sub(r"<[^>]+>", "", _row(html, "16–24"))
    assert "0.60" in page_text(response)
    svg = re.search(r'<svg class="chart chart-bars".*?</svg>', html, re.S).group(0)
    group = svg.split("16–24</text>")[1].split('class="chart-label chart-group"')[0]
    assert "fewer than 5" in group and "chart-bar-participants" not in group
    # The 6 and 10 share 16 answered participants: 37.5 % and 62.5 %.
    assert "37.5%" in svg and "62.5%" in svg


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("resident", "/arenas/jarva/representation", 403),
        ("facilitator_elsewhere", "/arenas/jarva/representation", 403),
        ("facilitator_here", "/arenas/jarva/representation", 200),
        ("staff", "/arenas/jarva/representation", 200),
        ("admin", "/arenas/jarva/representation", 200),
        ("resident", "/representation", 403),
        ("facilitator_here", "/representation", 403),
        ("staff", "/representation", 200),
        ("admin", "/representation", 200),
        ("staff", "/arenas/nowhere/representation", 404),
        ("staff", "/arenas/jarva/representation?year=1999", 404),
        ("staff", "/arenas/jarva/representation?year=abc", 404),
        ("staff", "/representation?year=99999999999999999999", 404),
    ],
)
def test_who_may_see_the_pages(scene, client_for, role, path, status):
    assert client_for(scene[role]).get(path).status_code == status


def test_anonymous_people_are_sent_to_sign_in(scene, client_for):
    assert client_for(None).get("/representation").status_code == 302


def test_the_city_counts_each_person_once(scene, client_for, make):
    summary = summarise(None, scene["cycle"].year)
    assert summary.online_participants == 23  # with the proposal's author
    text = page_text(client_for(scene["staff"], accept_language="en").get("/representation"))
    assert "Who takes part: the whole city" in text


def test_the_manage_hub_links_to_the_page(scene, client_for):
    html = client_for(scene["facilitator_here"]).get("/arenas/jarva/manage").get_data(True)
    assert "/arenas/jarva/representation" in html


def test_no_answer_is_shown_per_person(scene, client_for, make):
    """Answers never reach a public page, nor anyone's page but the person's own."""
    person = make.user(connected_to=scene["arena"], display_name="Hodan")
    db.session.add(
        ProfileAnswer(user_id=person.id, question=q.GENDER, answer="another", free_text="tvåandig")
    )
    db.session.commit()
    for client in (client_for(None), client_for(scene["staff"]), client_for(scene["resident"])):
        for path in (
            "/arenas/jarva",
            "/accounts/me",
            "/representation",
            "/arenas/jarva/representation",
        ):
            response = client.get(path)
            assert "tvåandig" not in response.get_data(as_text=True), path
    assert "tvåandig" in client_for(person).get("/representation/my-answers").get_data(True)
    rows = summarise(None, scene["cycle"].year).rows()
    assert all("user" not in key and "tvåandig" not in str(row) for row in rows for key in row)


def test_exports_leave_a_group_of_4_empty(scene, client_for):
    from tests.exports.files import csv_rows, download, unzip

    client = client_for(scene["staff"], accept_language="en")
    year = scene["cycle"].year
    response = download(client, year=year, arena="jarva", format="csv", table="representation")
    assert response.status_code == 200
    rows = {(r["question"], r["answer"]): r for r in csv_rows(response.data)}
    assert rows[(q.AGE_BAND, "16-24")]["online"] == ""
    assert rows[(q.AGE_BAND, "16-24")]["total"] == ""
    assert rows[(q.AGE_BAND, "25-34")]["online"] == "6"
    assert rows[(q.AGE_BAND, "35-44")]["online"] == "10"
    # The whole city's bundle carries Järva's rows and the city's, suppressed alike.
    files = unzip(download(client, year=year).data)
    city = csv_rows(files["data/representation.csv"])
    ages = [r for r in city if r["question"] == q.AGE_BAND and r["answer"] == "16-24"]
    assert {r["arena"] for r in ages} >= {"jarva", ""}
    assert all(r["online"] == "" for r in ages)
    assert all(r["online"] in ("", "0") or int(r["online"]) >= 5 for r in city)


def test_the_years_report_shows_a_group_of_4_as_fewer_than_5(scene, client_for):
    client = client_for(scene["staff"], accept_language="en")
    response = client.get(f"/staff/report/jarva?year={scene['cycle'].year}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    section = html.split('id="representation-title"')[1]
    assert "fewer than 5" in _row(section, "16–24")
    assert "4" not in re.sub(r"<[^>]+>", "", _row(section, "16–24"))
    assert ">6<" in _row(section, "25–34") and ">10<" in _row(section, "35–44")
    assert "0.60" in re.sub(r"<[^>]+>", " ", section)
