"""`flask decidim import` and `flask decidim export-results`: the same service as the
pages, with --dry-run, --theme-map and the audit log naming the command line."""

from sqlalchemy import select

from arena.audit.models import AuditEntry
from arena.extensions import db
from arena.proposals.models import Proposal
from tests.decidim.helpers import FILES, jarva
from tests.decidim.test_results import EXPECTED_HEADER
from tests.helpers import count


def test_import_dry_run_then_for_real_then_again(make, app):
    _arena, cycle, _facilitator = jarva(make)
    runner = app.test_cli_runner()
    path = str(FILES / "proposals.csv")
    dry = runner.invoke(args=["decidim", "import", "--arena", "jarva", path, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "3 new" in dry.output and "Dry run: nothing was saved." in dry.output
    assert "category 'Energi' -> theme energy" in dry.output
    assert count(Proposal) == 0

    done = runner.invoke(
        args=["decidim", "import", "--arena", "jarva", path, "--theme-map", "Energi=plastics"]
    )
    assert done.exit_code == 0, done.output
    assert "Imported: 3 added, 0 updated." in done.output
    solar = db.session.scalar(select(Proposal).where(Proposal.external_id == "104"))
    assert (solar.theme.key, solar.cycle_id, solar.author_id) == ("plastics", cycle.id, None)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "decidim.import"))
    assert (entry.actor_id, entry.details["source"], entry.details["added"]) == (None, "cli", 3)

    again = runner.invoke(args=["decidim", "import", "--arena", "jarva", path])
    assert again.exit_code != 0 and "0 new, 0 to update, 3 unchanged" in again.output
    assert "Inget att importera" in again.output  # the messages are in the default language
    assert count(Proposal) == 3


def test_import_refuses_bad_input_with_a_message(make, app, tmp_path):
    jarva(make)
    runner = app.test_cli_runner()
    path = str(FILES / "proposals.json")
    unknown = runner.invoke(args=["decidim", "import", "--arena", "nowhere", path])
    assert unknown.exit_code != 0 and "There is no arena 'nowhere'" in unknown.output
    bad_map = runner.invoke(
        args=["decidim", "import", "--arena", "jarva", path, "--theme-map", "Mobilitet=cars"]
    )
    assert bad_map.exit_code != 0 and "cars" in bad_map.output
    not_export = tmp_path / "x.csv"
    not_export.write_text("a;b\n1;2\n")
    result = runner.invoke(args=["decidim", "import", "--arena", "jarva", str(not_export)])
    assert result.exit_code != 0 and "Decidim" in result.output
    assert count(Proposal) == 0


def test_export_results_writes_the_decidim_columns(make, app, tmp_path):
    _arena, cycle, _facilitator = jarva(make, phase="testing")
    out = tmp_path / "results.csv"
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "decidim",
            "export-results",
            "--arena",
            "jarva",
            "--year",
            str(cycle.year),
            "-o",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[0].split(";") == EXPECTED_HEADER
