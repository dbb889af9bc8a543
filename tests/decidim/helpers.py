"""A Järva-like arena with its themes and a facilitator, and the Decidim export files.

tests/decidim/files/proposals.csv has the columns of Decidim's ProposalSerializer
(decidim/decidim, decidim-proposals/lib/decidim/proposals/proposal_serializer.rb
at commit 001e8d88ec26afeb502c2a613683453f4a1d31b6) as Decidim::Exporters::CSV
(decidim-core/lib/decidim/exporters/csv.rb) writes them: keys joined by "/",
";" between columns. Its proposals: 101 (sv and en, "Transport och resor", 12
supports, 3 endorsements), 102 (English only, "Mat och odling", HTML body),
103 (withdrawn: a state in that version) and 104 (rejected in Decidim, a ";" in
its title and a paragraph break in its body).

tests/decidim/files/proposals.json has the open data layout
(decidim-proposals/lib/decidim/proposals/open_data_proposal_serializer.rb at
commit 33e656b3e1ffae85e7ed314971db44524e2c1af6): taxonomies instead of
categories, `votes`, `likes/total_count`, `withdrawn`. Its proposals: 201 (sv and
en, "Mobilitet", 7 votes, 2 likes), 202 (English only, "Återbruk", votes hidden),
203 (withdrawn).
"""

import io
import re
from pathlib import Path

from arena.extensions import db

FILES = Path(__file__).parent / "files"
THEMES = ("transport", "energy", "plastics", "consumption", "local_food")


def export_file(name: str) -> bytes:
    return (FILES / name).read_bytes()


def jarva(make, phase="proposing"):
    """Järva with a cycle in `phase`, the five themes and a facilitator."""
    with make.batch():
        for order, key in enumerate(THEMES):
            make.theme(key, sort_order=order)
        arena = make.arena("Järva", slug="jarva")
        cycle = make.cycle(arena, phase=phase)
    facilitator = make.facilitator(arena)
    return arena, cycle, facilitator


def upload(client, content: bytes, name="proposals.csv", slug="jarva"):
    return client.post(
        f"/arenas/{slug}/manage/decidim/import",
        data={"file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def token_of(response) -> str:
    found = re.search(r'name="token"[^>]*value="([^"]+)"', response.get_data(as_text=True))
    assert found, "the preview has no confirm form"
    return found.group(1)


def mapping_of(response) -> dict[str, str]:
    """The preview's categories and the theme selected for each."""
    html = response.get_data(as_text=True)
    categories = dict(re.findall(r'name="category-(\d+)" value="([^"]*)"', html))
    chosen = {}
    for number, category in categories.items():
        select = re.search(rf'<select id="theme-{number}".*?</select>', html, re.S).group(0)
        chosen[category] = re.search(r'value="([^"]+)" selected', select).group(1)
    return chosen


def confirm(client, response, changes=None, slug="jarva"):
    """Confirm the preview with its own choices, changed by `changes` (category: theme)."""
    chosen = {**mapping_of(response), **(changes or {})}
    data = {"token": token_of(response)}
    for number, (category, theme) in enumerate(chosen.items(), start=1):
        data[f"category-{number}"] = category
        data[f"theme-{number}"] = theme
    return client.post(f"/arenas/{slug}/manage/decidim/import/confirm", data=data)


def move_cycle(cycle, phase):
    from tests.factories import cycle_dates

    for name, value in cycle_dates(phase).items():
        setattr(cycle, name, value)
    db.session.commit()
