"""My page: my proposals, the proposals I support, and supports left per arena."""

import re

from tests.helpers import page_text


def section(response, heading_id: str) -> str:
    """The text of one <section> of the page, found by its heading's id."""
    html = response.get_data(as_text=True)
    found = re.search(rf'<section aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    assert found, f"no section {heading_id}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()


def test_my_page_needs_sign_in(client_for):
    response = client_for(None).get("/accounts/me")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/sign-in?next=")


def test_my_page_lists_my_proposals_supports_and_budgets(client_for, make):
    jarva, skarholmen, elsewhere = (
        make.arena("Järva"),
        make.arena("Skärholmen"),
        make.arena("Kista"),
    )
    voting = make.cycle(jarva, phase="voting")
    proposing = make.cycle(skarholmen, phase="proposing", support_budget=3)
    make.cycle(elsewhere, phase="voting")
    me = make.user(connected_to=[jarva, skarholmen], display_name="Layla")
    neighbour = make.user(connected_to=jarva)

    mine = make.proposal(proposing, author=me, title="Min idé")
    theirs = make.proposal(voting, author=neighbour, title="Grannens idé")
    make.proposal(voting, author=neighbour, title="Inte min")
    client = client_for(me, accept_language="en")
    assert client.post(f"/proposals/{theirs.id}/support").status_code == 303

    page = client.get("/accounts/me")
    assert page.status_code == 200
    assert "Min idé" in section(page, "proposals-title")
    assert f'href="/proposals/{mine.id}"' in page.get_data(as_text=True)
    supports = section(page, "supports-title")
    assert "Grannens idé" in supports
    assert "Inte min" not in supports
    budgets = section(page, "budget-title")
    # One row per connected arena with a cycle; none for arenas I am not part of.
    assert "Järva Voting 4 of 5" in budgets
    assert "Skärholmen Proposing 3 of 3" in budgets
    assert "Kista" not in budgets


def test_an_empty_page_says_what_to_do(client_for, make):
    page = client_for(make.user(), accept_language="en").get("/accounts/me")
    assert "Connect to an arena to take part there." in page_text(page)
    assert "You have not written any proposals yet." in page_text(page)
    assert "You do not support any proposals yet." in page_text(page)
