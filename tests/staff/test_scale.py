"""Ready to scale: the list of scaled-up commitments with their evidence and adoptions,
and staff's recommendation for the whole city (audit-logged, validated, withdrawable)."""

import pytest
from sqlalchemy import select

from arena.audit.models import AuditEntry
from arena.extensions import db
from arena.staff.scale_models import CityRecommendation
from tests.helpers import count, flashes, page_text
from tests.staff.scale_builders import scaled_up_scenario


@pytest.fixture
def scenario(make):
    return scaled_up_scenario(make)


def staff_client(make, client_for, **values):
    return client_for(
        make.user(is_staff=True, display_name="Maria", **values), accept_language="en"
    )


def recommend_url(commitment):
    return f"/staff/scale/{commitment.id}/recommendation"


def test_permissions_on_every_scale_page(scenario, make, client_for):
    plastics = scenario["plastics"]
    urls = ["/staff/scale", recommend_url(plastics), recommend_url(plastics) + "/withdraw"]
    for url in urls:
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
        for person in (make.user(), make.facilitator(scenario["jarva"])):
            assert client_for(person).get(url).status_code == 403
            if url != "/staff/scale":
                assert client_for(person).post(url, data={"note": "Ja"}).status_code == 403
    assert count(CityRecommendation) == 0
    for person in (make.user(is_staff=True), make.user(is_admin=True)):
        for url in urls[:2]:
            assert client_for(person).get(url).status_code == 200


def test_unknown_or_not_scaled_up_commitments_are_404(scenario, make, client_for):
    client = staff_client(make, client_for)
    for commitment_id in (999999, 2**31, scenario["energy"].id, scenario["adopted"].id):
        for url in (
            f"/staff/scale/{commitment_id}/recommendation",
            f"/staff/scale/{commitment_id}/recommendation/withdraw",
        ):
            assert client.get(url).status_code == 404
            assert client.post(url, data={"note": "Ja"}).status_code == 404
    assert count(CityRecommendation) == 0


def test_the_list_shows_result_evidence_and_adoptions(scenario, make, client_for):
    response = staff_client(make, client_for).get("/staff/scale")
    assert response.status_code == 200
    text = page_text(response)
    html = response.get_data(as_text=True)
    plastics, adopted = scenario["plastics"], scenario["adopted"]
    assert "Sortera plasten rätt i Tensta" in text
    assert "Energiombud i Husby" not in text  # stopped, not scaled up
    assert "Järva, 2025" in text
    assert "Plasten minskade med en femtedel." in text
    assert "Plastavfall: 3,4 kg (från 4,2, mål 3,0)." in text
    # The latest value against the target: 3.4 from 4.2 towards 3.0 is 67 % of the way.
    assert "Plastavfall i restavfallet (kg) 4.2 3.4" in text and "67%" in text
    # Evidence: three visible check-ins (the hidden one is not counted), the newest first.
    assert "3 check-ins." in text and "Dold" not in text
    assert text.index("Mätning 3") < text.index("Mätning 2") < text.index("Mätning 1")
    assert f'href="/commitments/{plastics.id}#indicators-title"' in html
    assert html.count('<svg class="chart"') == 1
    # Skärholmen took it up: two check-ins since, latest 3.94 of 4.5 → 3.8 is 80 %.
    assert "1 arena took it up" in text
    assert f'href="/commitments/{adopted.id}"' in html
    assert "Skärholmen 2026" in text and "Plastavfall i restavfallet: 3.94 kg" in text
    assert "80%" in text
    assert "Recommend “Sortera plasten rätt i Tensta” for the whole city" in text


def test_empty_state(make, client_for):
    text = page_text(staff_client(make, client_for).get("/staff/scale"))
    assert "Nothing is ready to scale yet." in text
    assert "All (0)" in text


def test_staff_front_page_links_here(make, client_for):
    html = staff_client(make, client_for).get("/staff/").get_data(as_text=True)
    assert 'href="/staff/scale"' in html and 'href="/staff/report"' in html


def test_recommend_then_withdraw_with_audit_entries(scenario, make, client_for):
    plastics = scenario["plastics"]
    client = staff_client(make, client_for)
    assert "Why the whole city should take it up" in page_text(client.get(recommend_url(plastics)))
    response = client.post(recommend_url(plastics), data={"note": "  Enkelt att ta efter.  "})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/staff/scale#commitment-{plastics.id}")
    saved = db.session.scalar(select(CityRecommendation))
    assert saved.commitment_id == plastics.id and saved.note == "Enkelt att ta efter."
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "commitment.recommend_city")
    )
    assert entry.arena_id == scenario["jarva"].id and entry.target_id == plastics.id
    assert entry.reason == "Enkelt att ta efter." and entry.actor_id == saved.recommended_by_id

    page = client.get("/staff/scale")
    assert "“Sortera plasten rätt i Tensta” is recommended for the whole city." in flashes(page)
    text = page_text(page)
    assert "Recommended for the whole city by Maria on" in text and "Enkelt att ta efter." in text
    assert "Recommended for the whole city (1)" in text and "Not recommended yet (0)" in text
    assert "Sortera plasten" in page_text(client.get("/staff/scale?show=recommended"))
    assert "No commitment in this list." in page_text(client.get("/staff/scale?show=not-yet"))
    assert "Sortera plasten" in page_text(client.get("/staff/scale?show=nonsense"))
    # The public page says so too, without the staff member's name.
    public = page_text(client_for(None, accept_language="en").get(f"/commitments/{plastics.id}"))
    assert "Recommended for the whole city" in public and "Enkelt att ta efter." in public
    assert "Maria" not in public

    # Recommending again changes nothing.
    again = client.post(recommend_url(plastics), data={"note": "Igen"})
    assert again.status_code == 303 and count(CityRecommendation) == 1
    assert count(AuditEntry, AuditEntry.action == "commitment.recommend_city") == 1

    confirm = client.get(recommend_url(plastics) + "/withdraw")
    assert confirm.status_code == 200
    assert "Withdraw the recommendation" in page_text(confirm) and count(CityRecommendation) == 1
    done = client.post(recommend_url(plastics) + "/withdraw")
    assert done.status_code == 303 and count(CityRecommendation) == 0
    withdrawn = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "commitment.withdraw_city_recommendation")
    )
    assert withdrawn.target_id == plastics.id and withdrawn.reason == "Enkelt att ta efter."
    assert "is withdrawn" in " ".join(flashes(client.get("/staff/scale")))
    assert "Recommended for the whole city" not in page_text(
        client_for(None, accept_language="en").get(f"/commitments/{plastics.id}")
    )
    # Withdrawing twice: a word, no second entry.
    client.post(recommend_url(plastics) + "/withdraw")
    assert count(AuditEntry, AuditEntry.action == "commitment.withdraw_city_recommendation") == 1


@pytest.mark.parametrize(
    "note, message",
    [
        ("", "Write why the whole city should take it up."),
        ("   ", "Write why the whole city should take it up."),
        ("x" * 1001, "Write at most 1000 characters."),
    ],
)
def test_a_note_is_required_and_short(scenario, make, client_for, note, message):
    plastics = scenario["plastics"]
    response = staff_client(make, client_for).post(recommend_url(plastics), data={"note": note})
    assert response.status_code == 400
    assert message in page_text(response)
    assert "Please correct the following" in page_text(response)
    assert count(CityRecommendation) == 0 and count(AuditEntry) == 0


def test_a_note_of_exactly_1000_characters_is_kept(scenario, make, client_for):
    plastics = scenario["plastics"]
    response = staff_client(make, client_for).post(
        recommend_url(plastics), data={"note": "å" * 1000}
    )
    assert response.status_code == 303
    assert db.session.scalar(select(CityRecommendation.note)) == "å" * 1000


def test_swedish_page(scenario, make, client_for):
    client = client_for(make.user(is_staff=True), accept_language="sv")
    text = page_text(client.get("/staff/scale"))
    assert "Redo att skalas upp" in text
