"""The staff area is for city staff and administrators; everyone else is turned away."""

from tests.helpers import page_text


def test_anonymous_is_sent_to_sign_in(make, client_for):
    response = client_for(None).get("/staff/")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_residents_and_facilitators_get_403(make, client_for):
    arena = make.arena("Järva", slug="jarva")
    for person in (make.user(), make.facilitator(arena)):
        response = client_for(person, accept_language="en").get("/staff/")
        assert response.status_code == 403
        assert "Only city staff and administrators" in page_text(response)
        assert "/staff/" not in client_for(person).get("/").get_data(as_text=True)


def test_staff_and_admins_find_their_tools(make, client_for):
    make.arena("Järva", slug="jarva")
    make.arena("Skärholmen", slug="skarholmen")
    for person in (make.user(is_staff=True), make.user(is_admin=True)):
        client = client_for(person, accept_language="en")
        assert 'href="/staff/"' in client.get("/").get_data(as_text=True)
        page = client.get("/staff/")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        for link in (
            "/exports",
            "/statistics/import",
            "/moderation/jarva/audit",
            "/moderation/skarholmen/audit",
        ):
            assert f'href="{link}' in html
