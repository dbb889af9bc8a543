"""Authors see on "My page" what became of each of their proposals, in one line."""

import re
from html import unescape

from arena.core.time import utcnow
from arena.extensions import db
from arena.selections import services


def outcome_lines(response) -> dict[str, str]:
    """{proposal title: its outcome line} from My page."""
    html = response.get_data(as_text=True)
    section = html[html.index('id="proposals-title"') :]
    section = section[: section.index("</section>")]
    lines = {}
    for item in re.findall(r"<li>(.*?)</li>", section, re.S):
        title = unescape(re.search(r"<a [^>]*>(.*?)</a>", item, re.S).group(1))
        outcome = re.search(r'<span class="outcome">(.*?)</span>', item, re.S).group(1)
        lines[title] = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", outcome))).strip()
    return lines


def test_each_proposal_shows_its_outcome(make, client_for):
    arena = make.arena("Innerstaden", slug="innerstaden")
    cycle = make.cycle(arena, phase="selection")
    author = make.user(connected_to=arena)
    selected = make.proposal(cycle, author=author, title="Gågata")
    rejected = make.proposal(cycle, author=author, title="Energiråd")
    silent = make.proposal(cycle, author=author, title="Utan motivering")
    hidden = make.proposal(cycle, author=author, title="Dold")
    merged = make.proposal(cycle, author=author, title="Dubblett")
    target = make.proposal(cycle, title="Originalet")
    make.proposal(cycle, author=author, title="Öppen")
    commitment = services.record_selection(
        None,
        selected,
        now=utcnow(),
        motivation="Många vill pröva.",
        title="Bilfri gata",
        description="",
        owner_users=[author],
    )
    services.record_non_selection(None, rejected, now=utcnow(), motivation="Finns redan.")
    services.record_non_selection(None, silent, now=utcnow())
    hidden.hidden_at, hidden.hidden_reason = utcnow(), "Innehöll personuppgifter."
    merged.status, merged.merged_into = "merged", target
    db.session.commit()

    response = client_for(author, accept_language="en").get("/accounts/me")
    assert outcome_lines(response) == {
        "Gågata": "Selected: Många vill pröva. See the commitment",
        "Energiråd": "Not selected: Finns redan.",
        "Utan motivering": "Not selected.",
        "Dold": "Hidden by the facilitators: Innehöll personuppgifter.",
        "Dubblett": "Merged into Originalet",
        "Öppen": "Still open: no decision yet.",
    }
    html = response.get_data(as_text=True)
    assert f'href="/commitments/{commitment.id}"' in html
    assert f'href="/proposals/{target.id}"' in html


def test_outcomes_are_translated(make, client_for):
    arena = make.arena()
    cycle = make.cycle(arena, phase="selection")
    author = make.user(connected_to=arena)
    make.proposal(cycle, author=author, title="Öppen")
    response = client_for(author, accept_language="en").get("/accounts/me")
    assert outcome_lines(response) == {"Öppen": "Still open: no decision yet."}
