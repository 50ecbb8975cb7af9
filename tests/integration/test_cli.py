"""The triage-app command as an administrator's script uses it."""

import os
import re
import sqlite3
import subprocess
import sys

import pytest

PASSWORD = "Script-wachtwoord-2026"


def run(*args, env=None, stdin=None):
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "triage_app", *args],
        capture_output=True,
        text=True,
        env=environment,
        input=stdin,
        check=False,
    )


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in (
        "init",
        "db",
        "demo",
        "user",
        "audit",
        "backup",
        "restore",
        "recover",
        "check",
        "queue",
    ):
        assert command in result.stdout


@pytest.mark.slow
def test_demo_is_deterministic_and_accounts_work(tmp_path):
    env = {"TRIAGE_PASSWORD": PASSWORD}
    for name in ("a", "b"):
        result = run(
            "--db",
            str(tmp_path / f"{name}.db"),
            "demo",
            "--households",
            "50",
            "--seed",
            "3",
            env=env,
        )
        assert result.returncode == 0, result.stderr
        assert "Added 50 demo households" in result.stdout

    def households(name):
        from triage_app.services import accounts, households

        ctx = accounts.login(
            f"sqlite:///{tmp_path / f'{name}.db'}", "intake", PASSWORD, sleep=lambda s: None
        )
        rows = households.search_households(ctx, "utrecht", limit=500).rows
        ctx.store.dispose()
        return sorted((r.dossier_number, r.name, r.address, r.members) for r in rows)

    assert households("a") == households("b")

    listed = run("--db", str(tmp_path / "a.db"), "--user", "admin", "user", "list", env=env)
    assert "intake" in listed.stdout and "Gemandateerde" in listed.stdout
    refused = run("--db", str(tmp_path / "a.db"), "--user", "intake", "user", "list", env=env)
    assert refused.returncode == 1 and "U mag niet" in refused.stderr


def test_init_with_password_on_stdin_and_user_add(tmp_path):
    db = str(tmp_path / "triage.db")
    made = run(
        "--db", db, "--user", "beheer", "init", "--name", "Team Leider", stdin=PASSWORD + "\n"
    )
    assert made.returncode == 0, made.stderr
    assert "Herstelsleutel" in made.stdout
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db).execute("SELECT * FROM worker").fetchall()
    added = run(
        "--db",
        db,
        "--user",
        "beheer",
        "user",
        "add",
        "els",
        "--name",
        "Els Intake",
        "--roles",
        "intake",
        env={"TRIAGE_PASSWORD": PASSWORD},
    )
    assert added.returncode == 0, added.stderr
    assert "Temporary password:" in added.stdout
    wrong = run(
        "--db", db, "--user", "beheer", "user", "list", env={"TRIAGE_PASSWORD": "fout-wachtwoord"}
    )
    assert wrong.returncode == 1 and "onjuist wachtwoord" in wrong.stderr
    upgraded = run(
        "--db", db, "--user", "beheer", "db", "upgrade", env={"TRIAGE_PASSWORD": PASSWORD}
    )
    assert upgraded.returncode == 0 and "revision" in upgraded.stdout


def test_store_location_from_environment(tmp_path):
    db = tmp_path / "elders.db"
    result = run(
        "demo", "--households", "3", env={"TRIAGE_DB_URL": str(db), "TRIAGE_PASSWORD": PASSWORD}
    )
    assert result.returncode == 0, result.stderr
    assert db.exists() and (tmp_path / "elders.db.keys").exists()


def test_own_life_domains_file_in_the_data_folder(tmp_path):
    import json

    from triage_app.resources import load_json

    data = json.loads(json.dumps(load_json("life_domains.json")))
    data["domains"][0]["name"] = "Geld en administratie (eigen)"
    (tmp_path / "life_domains.json").write_text(json.dumps(data), encoding="utf-8")
    code = (
        "from triage_app import cli, paths; import sys; paths.set_data_dir(sys.argv[1]); "
        "cli._check_own_life_domains(); from triage_app.services import accounts; "
        "ctx, _ = accounts.create_first_admin(sys.argv[2], 'admin', 'Anne', sys.argv[3]); "
        "print(ctx.reference.life_domains[0].name)"
    )

    def first_domain(db: str) -> subprocess.CompletedProcess:
        url = f"sqlite:///{tmp_path / db}"
        args = [sys.executable, "-c", code, str(tmp_path), url, PASSWORD]
        return subprocess.run(args, capture_output=True, text=True, check=True)

    out = first_domain("a.db")
    assert out.stdout.strip() == "Geld en administratie (eigen)"
    (tmp_path / "life_domains.json").write_text("{kapot", encoding="utf-8")
    bad = first_domain("b.db")
    assert "standaard leefgebieden" in bad.stderr and bad.stdout.strip() != (
        "Geld en administratie (eigen)"
    )


@pytest.mark.slow
def test_print_one_decision_of_the_demo(tmp_path, monkeypatch, capsys):
    """`print --decision` writes the letter of every kind in the demo store (grant, partial
    grant, refusal, change, ending, decision on objection), each with the legal basis, the
    remedies and the last day to object."""
    from pypdf import PdfReader
    from sqlmodel import select

    from triage_app import cli
    from triage_app.services import accounts
    from triage_app.store.plan_tables import Decision

    monkeypatch.setenv("TRIAGE_PASSWORD", PASSWORD)
    db = str(tmp_path / "demo.db")
    made = run("--db", db, "demo", "--households", "500", "--seed", "3")
    assert made.returncode == 0, made.stderr
    ctx = accounts.login(f"sqlite:///{db}", "decider", PASSWORD, sleep=lambda s: None)
    with ctx.store.read() as session:
        rows = session.exec(select(Decision).order_by(Decision.number)).all()
        numbers = {(d.kind, d.outcome): d.number for d in rows}
    ctx.store.dispose()
    kinds = {kind: number for (kind, _), number in numbers.items()}
    for (kind, outcome), phrase in (
        (("first", "granted"), "Wij geven u de ondersteuning die hieronder staat."),
        (("first", "refused"), "Wij geven u de ondersteuning die u vroeg niet."),
        (("first", "partly_granted"), "wij geven u een deel van de ondersteuning (Wmo)"),
        (("change", None), "Onderwerp: wij wijzigen uw ondersteuning (Wmo)"),
        (("termination", None), "Onderwerp: uw ondersteuning stopt (Wmo)"),
        (("objection", None), "Onderwerp: beslissing op uw bezwaar (Wmo)"),
    ):
        number = numbers[(kind, outcome)] if outcome else kinds[kind]
        out = tmp_path / f"{kind}-{outcome}.pdf"
        args = ["--db", db, "--user", "decider", "print", "--decision", number]
        assert cli.main([*args, "--out", str(out)]) == 0
        assert "Printed 1 decision(s)" in capsys.readouterr().out
        flat = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
        assert phrase in flat
        assert "artikel" in flat and "Verordening maatschappelijke ondersteuning" in flat
        assert "voorlopige voorziening" in flat
        assert re.search(
            r"uiterlijk (maandag|dinsdag|woensdag|donderdag|vrijdag) \d{1,2} "
            r"(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
            r"november|december) \d{4}",
            flat,
        )
        if kind != "objection":  # a ruling on an objection grants nothing itself
            assert "Wijzigingen doorgeven" in flat and "cliëntondersteuner" in flat
