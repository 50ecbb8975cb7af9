"""Signatures, not trust: a worker who holds the database key and edits it with plain SQL
cannot make a forgery look genuine. Roles come from grants an administrator signed; an issued
decision is signed by its decider; audit rows are signed and their chain's head is anchored,
signed, in the key file outside the store."""

import json

import pytest
from sqlalchemy import text

from triage_app.demo.accounts import create_demo_accounts
from triage_app.demo.generate import generate_demo
from triage_app.domain.audit import AuditEntry, chain_hash, details_digest
from triage_app.domain.errors import DomainError
from triage_app.services import accounts, batch_printing, printing
from triage_app.services.audit_review import verify_audit_log
from triage_app.store.signing import Signer, b64
from triage_app.store.tables import AuditLog

PASSWORD = "Sterk-wachtwoord-2026"


def _login(url, user):
    return accounts.login(url, user, PASSWORD, sleep=lambda s: None)


def _demo_with_decisions(url):
    admin, _, recovery = create_demo_accounts(url, PASSWORD)
    generate_demo(admin, 20, seed=3)
    admin.store.dispose()
    return recovery


@pytest.fixture
def url(tmp_path, store_templates):
    url = f"sqlite:///{tmp_path / 'triage.db'}"
    recovery = store_templates.copy(url, _demo_with_decisions)  # built once per session
    (tmp_path / "recovery.txt").write_text(recovery, encoding="utf-8")
    return url


def _sql(ctx, *statements):
    """What a key holder can do with the key and plain SQL."""
    with ctx.store.engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)


def test_an_intact_store_verifies_and_everything_is_signed(url):
    admin = _login(url, "admin")
    assert verify_audit_log(admin) == []
    with admin.store.read() as session:
        rows = session.exec(text("SELECT signature FROM audit_log")).all()
        decisions = session.exec(text("SELECT signature FROM decision")).all()
    assert rows and all(r[0] for r in rows)
    assert decisions and all(d[0] for d in decisions)
    assert admin.keyfile.reload().data["anchor"]["seq"] == len(rows)
    admin.store.dispose()


def test_a_role_written_with_plain_sql_is_refused_at_login(url):
    admin = _login(url, "admin")
    _sql(admin, "UPDATE worker SET roles = 'admin,intake' WHERE username = 'intake'")
    admin.store.dispose()
    with pytest.raises(accounts.LoginFailed, match="buiten de app gewijzigd"):
        _login(url, "intake")


def test_a_grant_signed_by_a_non_administrator_is_refused(url):
    intake = _login(url, "intake")
    # The intake worker signs a grant of "admin" for themself with their own key.
    grant = {
        "username": "intake",
        "roles": "admin,intake",
        "key_id": intake.signer.key_id,
        "by": intake.signer,
    }
    from triage_app.services import signatures

    with intake.store.write() as session:
        signatures.sign_grant(
            session, grant["by"], grant["username"], grant["roles"], grant["key_id"]
        )
    _sql(intake, "UPDATE worker SET roles = 'admin,intake' WHERE username = 'intake'")
    intake.store.dispose()
    with pytest.raises(accounts.LoginFailed, match="buiten de app gewijzigd"):
        _login(url, "intake")
    admin = _login(url, "admin")
    assert any("niet geldig ondertekend" in p for p in verify_audit_log(admin))
    admin.store.dispose()


def test_an_altered_decision_is_reported_and_never_printed(url):
    admin = _login(url, "admin")
    number = (
        admin.store.engine.connect()
        .exec_driver_sql("SELECT number FROM decision ORDER BY number LIMIT 1")
        .scalar()
    )
    _sql(
        admin,
        "DROP TRIGGER decision_no_update",
        f"UPDATE decision SET motivation = 'Toegekend: 40 uur per week' WHERE number = '{number}'",
    )
    problems = verify_audit_log(admin)
    assert any(number in p and "gewijzigd na vaststelling" in p for p in problems)
    admin.store.dispose()
    worker = _login(url, "casemanager")
    with pytest.raises(DomainError, match=f"Besluit {number} wordt niet afgedrukt"):
        printing.decision_pdf(worker, number)
    with pytest.raises(DomainError, match="niet afgedrukt"):
        printing.decisions_pdf(worker, [number])
    with pytest.raises(DomainError, match=f"Besluit {number} wordt niet afgedrukt"):
        batch_printing.BatchInChild(worker, [number]).run()  # the child checks it too
    worker.store.dispose()


def test_a_decision_signed_again_by_someone_else_is_still_refused(url):
    admin = _login(url, "admin")
    number = (
        admin.store.engine.connect()
        .exec_driver_sql("SELECT number FROM decision ORDER BY number LIMIT 1")
        .scalar()
    )
    forger = Signer.generate("admin")
    _sql(
        admin,
        "DROP TRIGGER decision_no_update",
        f"UPDATE decision SET signature = '{forger.sign(b'x')}', "
        f"signer_key_id = '{forger.key_id}' WHERE number = '{number}'",
    )
    assert any(number in p for p in verify_audit_log(admin))
    admin.store.dispose()


def test_a_cut_tail_with_the_counter_reset_is_reported(url):
    admin = _login(url, "admin")
    with admin.store.read() as session:
        last = session.exec(text("SELECT max(seq) FROM audit_log")).one()[0]
    _sql(
        admin,
        "DROP TRIGGER audit_log_no_delete",
        f"DELETE FROM audit_log WHERE seq > {last - 3}",
        f"UPDATE counter SET value = {last - 3} WHERE name = 'audit_log'",
    )
    problems = verify_audit_log(admin)
    assert any(f"regel {last - 2} t/m {last}" in p and "anker" in p for p in problems), problems
    admin.store.dispose()


def test_a_rewritten_chain_is_reported_from_the_first_bad_row(url):
    """Edit row 2 and recompute every later hash, as a key holder with the code could."""
    admin = _login(url, "admin")
    with admin.store.read() as session:
        rows = session.exec(text("SELECT * FROM audit_log ORDER BY seq")).mappings().all()
    statements = ["DROP TRIGGER audit_log_no_update"]
    prev = rows[0]["hash"]
    for row in rows[1:]:
        details = row["details"]
        if row["seq"] == 2:
            details = json.dumps({"change": "niets gebeurd"})
        entry = AuditEntry(
            **{k: row[k] for k in AuditEntry.__dataclass_fields__ if k != "details"},
            details=details,
        )
        digest = details_digest(details)
        new = chain_hash(prev, entry, digest)
        statements.append(
            "UPDATE audit_log SET details = '{}', details_digest = '{}', prev_hash = '{}', "
            "hash = '{}' WHERE seq = {}".format(
                details.replace("'", "''"), digest, prev, new, row["seq"]
            )
        )
        prev = new
    _sql(admin, *statements)
    problems = verify_audit_log(admin)
    assert problems
    assert "regel 2" in problems[0] or any("regel 2:" in p for p in problems[:2]), problems
    assert any("anker" in p for p in problems)
    admin.store.dispose()


def test_an_unsigned_row_in_a_workers_name_is_reported(url):
    admin = _login(url, "admin")
    with admin.store.write() as session:
        from triage_app.store import audit_log

        row = audit_log.append(session, actor="decider", action="viewed", details={"x": 1})
        seq = row.seq
    problems = verify_audit_log(admin)
    assert any(f"regel {seq}: niet ondertekend door decider" in p for p in problems)
    admin.store.dispose()


def test_recovery_gives_a_new_signed_key_and_the_store_still_verifies(url, tmp_path):
    recovery = (tmp_path / "recovery.txt").read_text(encoding="utf-8")
    ctx = accounts.recover(url, recovery, "admin", "Nieuw-wachtwoord-2027")
    assert ctx.signer is not None
    accounts.reset_password(ctx, "decider", "Tijdelijk-wachtwoord-2027")
    ctx.store.dispose()
    decider = accounts.login(url, "decider", "Tijdelijk-wachtwoord-2027", sleep=lambda s: None)
    assert decider.signer is not None and decider.actor.has(*decider.actor.roles)
    decider.store.dispose()
    admin = accounts.login(url, "admin", "Nieuw-wachtwoord-2027", sleep=lambda s: None)
    assert verify_audit_log(admin) == []
    admin.store.dispose()


def test_own_password_change_keeps_the_signing_key(url):
    intake = _login(url, "intake")
    key = intake.signer.key_id
    accounts.change_password(intake, PASSWORD, "Ander-wachtwoord-2027")
    intake.store.dispose()
    again = accounts.login(url, "intake", "Ander-wachtwoord-2027", sleep=lambda s: None)
    assert again.signer.key_id == key
    again.store.dispose()


def test_role_change_and_disable_are_signed_grants(url):
    admin = _login(url, "admin")
    from triage_app.domain.accounts import Role

    accounts.set_roles(admin, "intake", frozenset({Role.INTAKE, Role.CASEMANAGER}))
    admin.store.dispose()
    intake = _login(url, "intake")
    assert intake.actor.has(Role.CASEMANAGER)
    intake.store.dispose()
    admin = _login(url, "admin")
    assert verify_audit_log(admin) == []
    admin.store.dispose()


def test_root_keys_live_outside_the_store(url):
    admin = _login(url, "admin")
    roots = admin.keyfile.data["roots"]
    assert roots and all(r["public"] != b64(admin.signer.public) for r in roots)
    with admin.store.read() as session:
        assert session.get(AuditLog, 1).signature
    admin.store.dispose()


def test_a_plan_holding_an_altered_decision_is_not_printed(url):
    """A printed plan carries its decisions: one altered after it was issued stops the print,
    as a reprint of that decision alone would."""
    from triage_app.services import plans

    worker = _login(url, "casemanager")
    with worker.store.read() as session:
        households = [
            r[0]
            for r in session.execute(
                text("SELECT DISTINCT household_id FROM plan_version WHERE status = 'issued'")
            )
        ]
    import uuid

    for found in households:
        household = uuid.UUID(hex=found) if isinstance(found, str) else found
        current = plans.get_plan(worker, household).current
        if current is not None and current.decisions:
            break
    number = current.decisions[0].number
    printing.plan_pdf(worker, household)  # intact: printed
    _sql(
        worker,
        "DROP TRIGGER decision_no_update",
        f"UPDATE decision SET motivation = 'Toegekend: 40 uur per week' WHERE number = '{number}'",
    )
    with pytest.raises(DomainError, match=f"Besluit {number} wordt niet afgedrukt"):
        printing.plan_pdf(worker, household)
    worker.store.dispose()


def test_a_key_changed_after_a_print_stops_the_next_print(url):
    """A print reuses what it found out about grants and keys only while they are unchanged:
    the decider's key swapped with plain SQL after one print stops the next, in the same
    process."""
    worker = _login(url, "casemanager")
    number, decider = (
        worker.store.engine.connect()
        .exec_driver_sql("SELECT number, decided_by FROM decision ORDER BY number LIMIT 1")
        .one()
    )
    assert printing.decision_pdf(worker, number).startswith(b"%PDF")
    assert printing.decision_pdf(worker, number).startswith(b"%PDF")  # the same answer again
    forger = Signer.generate(decider)
    _sql(
        worker,
        "DROP TRIGGER worker_key_no_update",
        f"UPDATE worker_key SET public_key = '{b64(forger.public)}' WHERE username = '{decider}'",
    )
    with pytest.raises(DomainError, match=f"Besluit {number} wordt niet afgedrukt"):
        printing.decision_pdf(worker, number)
    worker.store.dispose()
