"""Two laptops take the same wijk along from a real PostgreSQL team store, work offline and
bring the work back: merged fields, one conflict kept with both values and resolved, a person
created twice offered for merging, distinct decision numbers, a sync cut off and run again."""

import dataclasses
import datetime as dt
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.conftest import TODAY
from tests.integration.test_plans import draft_for
from triage_app.domain.accounts import Role
from triage_app.domain.errors import NotFound
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput
from triage_app.services import accounts, households, offline, plans
from triage_app.store.plan_tables import Decision
from triage_app.store.tables import AuditLog, Person

PASSWORD = "Buurthuis-Overvecht-2026"
WORKERS = {"anna": "Anna de Boer", "bert": "Bert Jansen"}


def _today(ctx):
    ctx.today = lambda: TODAY
    return ctx


def _team_accounts(url):
    admin, _ = accounts.create_first_admin(url, "beheer", "Beheer", PASSWORD)
    roles = frozenset({Role.INTAKE, Role.CASEMANAGER, Role.DECIDER})
    for username, name in WORKERS.items():
        accounts.add_worker(admin, username, name, roles, PASSWORD, temporary=False)
    admin.store.dispose()


@pytest.fixture
def team_url(postgres_store_built):
    """A team store with its administrator and workers (set up once per session, copied)."""
    url, _ = postgres_store_built(_team_accounts)
    return url


def _household(street, number, postcode, members):
    return HouseholdInput(
        street=street,
        house_number=str(number),
        postcode=postcode,
        city="Utrecht",
        district="Overvecht",
        members=members,
    )


@pytest.fixture
def team(team_url):
    """Anna at the team store, with two households of Overvecht, each with a saved plan."""
    ctx = _today(offline.team_login(team_url, "anna", PASSWORD))
    zwanenburg = households.register_household(
        ctx,
        _household(
            "Zamenhofdreef",
            12,
            "3562 AB",
            [
                PersonInput(first_name="Fenna", last_name="Zwanenburg", birth_date="14-05-1951"),
                PersonInput(
                    first_name="Kees",
                    last_name="Zwanenburg",
                    birth_date="02-02-1949",
                    role=MemberRole.PARTNER,
                    is_carer=True,
                ),
            ],
        ),
    )
    bakker = households.register_household(
        ctx,
        _household(
            "Gagelweg",
            3,
            "3562 CD",
            [
                PersonInput(first_name="Fenna", last_name="Bakker", birth_date="01-03-1950"),
                PersonInput(
                    first_name="Hans",
                    last_name="Bakker",
                    birth_date="05-06-1948",
                    role=MemberRole.PARTNER,
                    is_carer=True,
                ),
            ],
        ),
    )
    for household in (zwanenburg, bakker):
        plan = plans.start_plan(ctx, household.id, "Zorg voor mevrouw")
        plans.save_draft(
            ctx, plan.draft.id, plan.draft.version, draft_for(household, case_lead="anna")
        )
    yield ctx, zwanenburg, bakker
    ctx.store.dispose()


def _laptop(tmp_path, team_url, username):
    team_ctx = _today(offline.team_login(team_url, username, PASSWORD))
    url = f"sqlite:///{tmp_path / username / 'laptop.db'}"
    laptop, recovery = offline.new_laptop_store(url, team_ctx, PASSWORD)
    assert recovery
    _today(laptop)
    taken = offline.take_along(
        laptop, team_ctx, laptop_name=f"laptop-{username}", team_url=team_url, district="Overvecht"
    )
    assert taken == 2
    return laptop, team_ctx


def _edit(view, *, phone=None, addition=None, member_phone=None, new_member=None):
    members = [
        PersonInput(
            first_name=m.first_name,
            last_name=m.last_name,
            birth_date=m.birth_date.strftime("%d-%m-%Y"),
            role=m.role,
            phone=(member_phone or {}).get(m.first_name, m.phone or ""),
            is_carer=m.is_carer,
            id=m.id,
            version=m.version,
        )
        for m in view.members
    ]
    if new_member:
        members.append(new_member)
    return HouseholdInput(
        street=view.street,
        house_number=f"{view.house_number}{addition or view.house_number_addition}",
        postcode=view.postcode,
        city=view.city,
        district=view.district,
        phone=phone if phone is not None else (view.phone or ""),
        id=view.id,
        version=view.version,
        members=members,
    )


def _sanne():
    return PersonInput(
        first_name="Sanne", last_name="Zwanenburg", birth_date="01-04-2010", role=MemberRole.CHILD
    )


def _issue(ctx, household_id):
    plan = plans.get_plan(ctx, household_id)
    issued = plans.issue_version(ctx, plan.draft.id, plan.draft.version, TODAY, TODAY)
    return sorted(d.number for d in issued.current.decisions)


def _team_rows(team_ctx, query):
    with team_ctx.store.read() as session:
        return session.execute(query).all()


def test_two_laptops_work_offline_on_one_wijk_and_bring_it_back(tmp_path, team_url, team):
    desk, zwanenburg, bakker = team
    anna, anna_team = _laptop(tmp_path, team_url, "anna")
    bert, bert_team = _laptop(tmp_path, team_url, "bert")
    note = offline.taken_along_note(desk, zwanenburg.id)
    assert "Meegenomen door Anna de Boer (laptop laptop-anna) sinds" in note
    assert "Bert Jansen" in note

    # Offline: both edit the Zwanenburg household and add the same daughter; each issues
    # the plan of a different household.
    view = households.get_household(anna, zwanenburg.id)
    households.update_household(
        anna,
        _edit(view, phone="0301112222", member_phone={"Kees": "0611111111"}, new_member=_sanne()),
    )
    view = households.get_household(bert, zwanenburg.id)
    households.update_household(
        bert, _edit(view, addition="A", member_phone={"Kees": "0622222222"}, new_member=_sanne())
    )
    anna_numbers = _issue(anna, zwanenburg.id)
    bert_numbers = _issue(bert, bakker.id)
    assert not set(anna_numbers) & set(bert_numbers)
    assert offline.status(anna).changes_waiting > 0

    # Anna's sync is killed (SIGKILL) after the team store took the first dossier and before
    # her laptop recorded it; then she runs it again.
    killer = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).with_name("sync_killer.py")),
            anna.store.url,
            team_url,
            "anna",
            PASSWORD,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert killer.returncode == -signal.SIGKILL, killer.stderr
    assert "killed" in killer.stdout
    result = offline.sync(anna, anna_team, batch_size=1)
    assert result.open_conflicts == 0
    again = offline.sync(anna, anna_team, batch_size=1)
    assert (again.to_team, again.to_laptop, again.audit_rows) == (0, 0, 0)

    # Meanwhile at the office Anna changes the Bakker draft that Bert issued offline.
    draft = plans.get_plan(desk, bakker.id).draft
    plans.save_draft(
        desk, draft.id, draft.version, draft_for(bakker, case_lead="anna", question="Andere vraag")
    )

    # Bert brings his work back: one conflict (Kees's phone), one look-alike (Sanne), and the
    # office's change to a version he issued (it cannot be taken over, but is not lost).
    result = offline.sync(bert, bert_team)
    assert result.open_conflicts == 3
    conflicts = {c.kind: c for c in offline.open_conflicts(bert)}
    sealed = conflicts["sealed"]
    assert (sealed.table_name, sealed.team) == ("plan_version", {"question": "Andere vraag"})
    issued = plans.get_plan(desk, bakker.id).current
    assert issued.draft.question == "Zorg voor mevrouw en rust voor meneer."
    field = conflicts["field"]
    assert (field.table_name, field.field) == ("person", "phone")
    assert (field.laptop, field.team) == ("0622222222", "0611111111")
    assert field.laptop_by == "bert" and field.team_by == "anna"
    duplicate = conflicts["duplicate"]
    assert duplicate.laptop["name"] == duplicate.team["name"] == "Sanne Zwanenburg"
    assert offline.sync(bert, bert_team).open_conflicts == 3  # listed once, not again

    # Different fields of the one record merged without a question; the laptop's value of the
    # conflicting field is still there, not overwritten.
    merged = households.get_household(desk, zwanenburg.id)
    assert (merged.phone, merged.house_number_addition) == ("0301112222", "A")
    kees = next(
        m for m in households.get_household(bert, zwanenburg.id).members if m.first_name == "Kees"
    )
    assert kees.phone == "0622222222"

    # Bert resolves both; the next sync brings the choice to the team store.
    offline.resolve_conflict(bert, field.id, "typed", "0633333333")
    offline.merge_duplicate(bert, duplicate.id)
    offline.acknowledge(bert, sealed.id)
    result = offline.sync(bert, bert_team)
    assert result.open_conflicts == 0
    merged = households.get_household(desk, zwanenburg.id)
    assert [m.first_name for m in merged.members].count("Sanne") == 1
    assert next(m for m in merged.members if m.first_name == "Kees").phone == "0633333333"
    assert [m.first_name for m in households.get_household(bert, zwanenburg.id).members].count(
        "Sanne"
    ) == 1

    # Decisions: all four in the team store once, under the numbers printed offline.
    numbers = sorted(n for (n,) in _team_rows(desk, select(Decision.number)))
    assert numbers == sorted(anna_numbers + bert_numbers)
    assert len(set(numbers)) == 4

    # Nothing doubled by the cut-off sync; the audit log took each laptop row once, and the
    # resolution is in it.
    assert _team_rows(desk, select(func.count()).select_from(Person))[0][0] == 5
    pushed = [
        json.loads(d)
        for (d,) in _team_rows(
            desk, select(AuditLog.details).where(AuditLog.details.like('%"laptop_seq"%'))
        )
    ]
    keys = [(p["laptop"], p["laptop_seq"]) for p in pushed]
    assert len(keys) == len(set(keys))
    assert any(p.get("resolution") == "typed" and p.get("chosen") == "0633333333" for p in pushed)
    assert accounts_audit_intact(desk)


def accounts_audit_intact(ctx) -> bool:
    from triage_app.services.audit_review import verify_audit_log

    admin = dataclasses.replace(ctx, actor=dataclasses.replace(ctx.actor, roles=frozenset(Role)))
    return verify_audit_log(admin) == []


def test_a_revoked_laptop_is_refused_and_says_what_was_never_brought_back(tmp_path, team_url, team):
    desk, zwanenburg, _ = team
    anna, anna_team = _laptop(tmp_path, team_url, "anna")
    view = households.get_household(anna, zwanenburg.id)
    households.update_household(anna, _edit(view, phone="0309998888"))
    taken = offline.status(anna).taken_at
    assert not offline.status(anna, now=taken + dt.timedelta(days=14)).too_old
    assert offline.status(anna, now=taken + dt.timedelta(days=15)).too_old
    lead = offline.team_login(team_url, "beheer", PASSWORD)
    (checkout,) = offline.checkouts(lead)
    offline.revoke(lead, checkout.id)
    with pytest.raises(offline.run.CheckoutRevoked, match="ingetrokken door beheer"):
        offline.sync(anna, anna_team)
    assert households.get_household(desk, zwanenburg.id).phone != "0309998888"
    assert offline.status(anna).changes_waiting >= 1
    lead.store.dispose()


def test_an_unreachable_team_store_is_a_dutch_message(tmp_path):
    with pytest.raises(offline.TeamUnreachable, match="niet bereikbaar"):
        offline.team_login("postgresql+psycopg://nobody@127.0.0.1:1/none", "anna", PASSWORD)


def test_a_laptop_cannot_give_out_numbers_beyond_its_block(tmp_path, team_url, team):
    _, zwanenburg, _ = team
    anna, _ = _laptop(tmp_path, team_url, "anna")
    with anna.store.write() as session:
        session.execute(text("UPDATE number_block SET last_value = next_value - 1"))
    with pytest.raises(offline.DomainError, match="geen nummers meer"):
        _issue(anna, zwanenburg.id)
    assert plans.get_plan(anna, zwanenburg.id).current is None


def test_checkout_and_sync_from_the_command_line_on_a_demo_team_store(tmp_path, postgres_store_url):
    from tests.integration.test_cli import run

    env = {"TRIAGE_PASSWORD": PASSWORD, "TRIAGE_USER": "decider"}
    demo = run("--db", postgres_store_url, "demo", "--households", "30", env=env)
    assert demo.returncode == 0, demo.stderr
    laptop = str(tmp_path / "laptop.db")
    taken = run(
        "--db", laptop, "checkout", "--team", postgres_store_url, "--wijk", "Overvecht", env=env
    )
    assert taken.returncode == 0, taken.stderr
    assert "dossiers meegenomen" in taken.stdout and "Herstelsleutel" in taken.stdout
    synced = run("--db", laptop, "sync", "--team", postgres_store_url, env=env)
    assert synced.returncode == 0, synced.stderr
    assert "Gesynchroniseerd" in synced.stdout
    away = run("--db", laptop, "sync", "--team", "postgresql+psycopg://x@127.0.0.1:1/x", env=env)
    assert away.returncode == 4
    assert "niet bereikbaar" in away.stderr and "niets verloren" in away.stderr


def test_a_sync_skips_untouched_dossiers_but_never_a_change_made_on_either_side(
    tmp_path, team_url, team, monkeypatch
):
    """Change counters kept by triggers let a sync pass over dossiers nobody touched; a
    change to any record (here a member's phone at the desk, a household's phone on the
    laptop) still makes its dossier merge, and a store without the triggers compares all."""
    from triage_app.sync import records as sync_records

    desk, zwanenburg, bakker = team
    anna, anna_team = _laptop(tmp_path, team_url, "anna")
    read = []
    real_read = sync_records.read_dossiers
    monkeypatch.setattr(
        sync_records, "read_dossiers", lambda s, ids: read.append(sorted(ids)) or real_read(s, ids)
    )
    assert offline.sync(anna, anna_team).open_conflicts == 0
    assert read == []  # nothing changed anywhere since taking along: no dossier read

    households.update_household(
        desk, _edit(households.get_household(desk, bakker.id), member_phone={"Hans": "0301234567"})
    )
    households.update_household(
        anna, _edit(households.get_household(anna, zwanenburg.id), phone="0612345678")
    )
    result = offline.sync(anna, anna_team)
    assert result.to_team > 0 and result.to_laptop > 0
    assert sorted(read[0]) == sorted([str(zwanenburg.id), str(bakker.id)])
    hans = next(
        m for m in households.get_household(anna, bakker.id).members if m.first_name == "Hans"
    )
    assert hans.phone == "0301234567"
    assert households.get_household(desk, zwanenburg.id).phone == "0612345678"

    read.clear()
    offline.sync(anna, anna_team)
    assert read == []  # both sides merged: quiet again

    for ctx, phone in ((desk, "0611111111"), (anna, "0622222222")):  # one conflict
        households.update_household(
            ctx, _edit(households.get_household(ctx, bakker.id), phone=phone)
        )
    assert offline.sync(anna, anna_team).open_conflicts == 1
    read.clear()
    assert offline.sync(anna, anna_team).open_conflicts == 1
    # the dossier with a conflict waiting is read (on both sides), and only that one
    assert {h for ids in read for h in ids} == {str(bakker.id)}
    (conflict,) = offline.open_conflicts(anna)
    offline.resolve_conflict(anna, conflict.id, "team")
    offline.sync(anna, anna_team)
    read.clear()
    offline.sync(anna, anna_team)
    assert read == []  # settled and merged: quiet again

    with anna.store.engine.begin() as connection:  # a table without its trigger
        connection.exec_driver_sql("DROP TRIGGER person_change_update")
    offline.sync(anna, anna_team)
    assert read and len(read[0]) == 2  # compared in full, as before the counters


def _vissers(*members):
    return _household("Zamenhofdreef", 40, "3562 AB", list(members))


def _piet():
    return PersonInput(first_name="Piet", last_name="Visser", birth_date="03-03-1960")


def test_a_household_registered_offline_and_at_the_desk_is_merged_never_doubled(
    tmp_path, team_url, team
):
    """After taking along, the desk registers the Vissers; offline Anna registers them too,
    with Joke and a phone number. The sync holds hers back and offers the team's household;
    merging brings Joke and the phone into the team's household: one household, no one twice."""
    from triage_app.store.tables import Household

    desk, _zwanenburg, _bakker = team
    anna, anna_team = _laptop(tmp_path, team_url, "anna")
    at_desk = households.register_household(desk, _vissers(_piet()))
    joke = PersonInput(
        first_name="Joke", last_name="Visser", birth_date="04-04-1962", role=MemberRole.PARTNER
    )
    offline_one = households.register_household(
        anna, dataclasses.replace(_vissers(_piet(), joke), phone="0301234567")
    )

    def at_number_40(ctx):
        with ctx.store.read() as session:
            return (
                session.execute(select(Household.id).where(Household.house_number == 40))
                .scalars()
                .all()
            )

    result = offline.sync(anna, anna_team)
    assert result.open_conflicts == 1
    assert at_number_40(desk) == [at_desk.id]  # held back, not added twice
    (conflict,) = offline.open_conflicts(anna)
    assert conflict.kind == "duplicate" and conflict.table_name == "household"
    assert conflict.team["name"] == "Piet Visser"

    offline.merge_duplicate(anna, conflict.id)
    assert offline.sync(anna, anna_team).open_conflicts == 0
    assert offline.sync(anna, anna_team).open_conflicts == 0  # again: nothing doubled
    assert at_number_40(desk) == [at_desk.id]
    assert at_number_40(anna) == [at_desk.id]
    merged = households.get_household(desk, at_desk.id)
    assert sorted(m.first_name for m in merged.members) == ["Joke", "Piet"]
    assert merged.phone == "0301234567"
    on_laptop = households.get_household(anna, at_desk.id)
    assert sorted(m.first_name for m in on_laptop.members) == ["Joke", "Piet"]
    with pytest.raises(NotFound):  # the offline copy is gone
        households.get_household(anna, offline_one.id)
    assert offline.open_conflicts(anna) == []


def test_a_household_registered_twice_offline_merges_at_once_into_the_one_taken_along(
    tmp_path, team_url, team
):
    """The Zwanenburgs were taken along; offline Anna registers them again anyway (the
    duplicate warning passed over). Merging right away in the conflict view leaves one
    household on both sides, with the new child moved into it."""
    desk, zwanenburg, _bakker = team
    anna, anna_team = _laptop(tmp_path, team_url, "anna")
    fenna = PersonInput(first_name="Fenna", last_name="Zwanenburg", birth_date="14-05-1951")
    again = households.register_household(
        anna,
        _household("Zamenhofdreef", 12, "3562 AB", [fenna, _sanne()]),
        allow_duplicate=True,
    )
    assert offline.sync(anna, anna_team).open_conflicts == 1
    (conflict,) = offline.open_conflicts(anna)
    offline.merge_duplicate(anna, conflict.id)
    with pytest.raises(NotFound):
        households.get_household(anna, again.id)
    assert offline.sync(anna, anna_team).open_conflicts == 0
    for ctx in (anna, desk):
        names = sorted(m.first_name for m in households.get_household(ctx, zwanenburg.id).members)
        assert names == ["Fenna", "Kees", "Sanne"]
    assert households.count_households(desk) == 2
