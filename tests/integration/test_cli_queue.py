"""`triage-app queue`: the work queue as the screen shows it, for a team lead's daily list."""

import csv
import datetime as dt
import io

import pytest

from triage_app import cli
from triage_app.domain.accounts import Role
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput
from triage_app.domain.intake import Channel, RequestInput, Source
from triage_app.domain.values import format_date
from triage_app.services import accounts, households, intake

PASSWORD = "Script-wachtwoord-2026"
HEADER = "urgentie,wanneer,datum,wat,dossier,huishouden,wie,toelichting"


@pytest.fixture
def built(tmp_path, monkeypatch):
    """A store with a late melding, an acute one and a girl who turns 18 in 8 months."""
    monkeypatch.setenv("TRIAGE_PASSWORD", PASSWORD)
    db = tmp_path / "team.db"
    admin, _ = accounts.create_first_admin(f"sqlite:///{db}", "beheer", "Team Leider", PASSWORD)
    accounts.add_worker(admin, "ilse", "Ilse de Vries", frozenset({Role.INTAKE}), PASSWORD)
    admin.store.dispose()
    ilse = accounts.login(f"sqlite:///{db}", "ilse", PASSWORD, sleep=lambda s: None)
    today = dt.date.today()
    for n, (weeks_ago, urgent, child) in enumerate(
        ((7, False, None), (0, False, 0), (0, True, None))
    ):
        members = [PersonInput(first_name="Ans", last_name=f"=Kok{n}", birth_date="01-01-1970")]
        if child is not None:
            born = dt.date(today.year - 17, today.month, 1) - dt.timedelta(days=240)
            members.append(
                PersonInput(
                    first_name="Sanne",
                    last_name=f"Kok{n}",
                    birth_date=format_date(born),
                    role=MemberRole.CHILD,
                )
            )
        home = households.register_household(
            ilse,
            HouseholdInput(
                street="Drift",
                house_number=str(n + 1),
                postcode="3512 BS",
                city="Utrecht",
                district="Binnenstad",
                members=members,
            ),
        )
        if child is None:
            intake.register_request(
                ilse,
                home.id,
                RequestInput(
                    today - dt.timedelta(weeks=weeks_ago),
                    Source.RESIDENT,
                    Channel.PHONE,
                    "Er komt een deurwaarder" if urgent else "Hulp bij de post",
                    urgent=urgent,
                    told_client_support=True,
                    told_personal_plan=True,
                ),
            )
    ilse.store.dispose()
    return str(db)


def test_team_csv_lists_acute_first_and_a_turning_18_row(built, capsys):
    assert cli.main(["--db", built, "--user", "beheer", "queue", "--team", "--csv"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == HEADER
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["urgentie"], r["wat"]) for r in rows][:2] == [
        ("Acuut", "Acute melding"),
        ("Te laat", "Onderzoek en verslag"),
    ]
    assert rows[0]["wie"] == "Ilse de Vries" and rows[0]["toelichting"].startswith("Acuut: spoed;")
    eighteen = [r for r in rows if r["wat"] == "Wordt 18"]
    assert len(eighteen) == 1 and eighteen[0]["toelichting"].startswith("Wordt 18 op ")
    assert all(r["huishouden"].startswith("Huishouden") for r in rows)
    assert len(rows) == 4  # acute, late onderzoek, the acute melding's onderzoek, 18


def test_mine_is_the_default_and_a_table_without_csv(built, capsys):
    assert cli.main(["--db", built, "--user", "ilse", "queue"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [c.capitalize() for c in HEADER.split(",")]
    assert lines[1].startswith("Acuut") and "Acute melding" in lines[1]
    assert not any("Wordt 18" in line for line in lines)  # the team's, not Ilse's
    assert cli.main(["--db", built, "--user", "beheer", "queue", "--mine"]) == 0
    assert capsys.readouterr().out.strip() == "Er staat geen werk klaar."


def test_the_list_is_logged_like_the_screen(built, capsys):
    from sqlmodel import select

    from triage_app.store.tables import AuditLog

    assert cli.main(["--db", built, "--user", "beheer", "queue", "--team", "--csv"]) == 0
    ctx = accounts.login(f"sqlite:///{built}", "beheer", PASSWORD, sleep=lambda s: None)
    with ctx.store.read() as session:
        rows = session.exec(select(AuditLog).where(AuditLog.object_type == "work_queue")).all()
    ctx.store.dispose()
    assert [(r.actor, r.action) for r in rows] == [("beheer", "viewed")]
    assert '"csv"' in rows[0].details and '"werk van het team"' in rows[0].details


@pytest.mark.slow
def test_team_csv_on_a_demo_store(tmp_path, monkeypatch, capsys):
    """The demo store's list starts with acute work and has a "Wordt 18" row."""
    import subprocess
    import sys

    monkeypatch.setenv("TRIAGE_PASSWORD", PASSWORD)
    db = str(tmp_path / "demo.db")
    made = subprocess.run(
        [sys.executable, "-m", "triage_app", "--db", db, "demo", "--households", "150"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert cli.main(["--db", db, "--user", "admin", "queue", "--team", "--csv"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == HEADER
    rows = list(csv.DictReader(io.StringIO(text)))
    urgencies = [r["urgentie"] for r in rows]
    acute = urgencies.count("Acuut")
    assert acute >= 1 and urgencies[:acute] == ["Acuut"] * acute
    assert all(r["wat"] == "Acute melding" for r in rows[:acute])
    assert any(r["wat"] == "Wordt 18" for r in rows)
    assert "Te laat" in urgencies[acute:] and urgencies[acute] == "Te laat"
