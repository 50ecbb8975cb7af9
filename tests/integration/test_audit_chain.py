"""The audit log's hash chain reveals an edited or a deleted row."""

import os
import subprocess
import sys

import pytest
from sqlalchemy import text

from triage_app.demo.accounts import create_demo_accounts
from triage_app.domain.household import HouseholdInput, PersonInput
from triage_app.services import accounts, households
from triage_app.services.audit_review import verify_audit_log

PASSWORD = "Sterk-wachtwoord-2026"


def _logged_work(url):
    """The demo accounts, and an intake worker who registered, opened and searched."""
    create_demo_accounts(url, PASSWORD)[0].store.dispose()
    intake = accounts.login(url, "intake", PASSWORD, sleep=lambda s: None)
    view = households.register_household(
        intake,
        HouseholdInput(
            street="Biltstraat",
            house_number="3",
            postcode="3581 AB",
            city="Utrecht",
            district="Oost",
            members=[PersonInput(first_name="Ans", last_name="Kok", birth_date="01-01-1950")],
        ),
    )
    households.get_household(intake, view.id)
    households.log_search(intake, "kok", 1)
    intake.store.dispose()


@pytest.fixture
def admin(tmp_path, store_templates):
    url = f"sqlite:///{tmp_path / 'triage.db'}"
    store_templates.copy(url, _logged_work)  # built once per session
    ctx = accounts.login(url, "admin", PASSWORD, sleep=lambda s: None)
    yield ctx
    ctx.store.dispose()


def _tamper(ctx, sql):
    with ctx.store.write() as session:
        session.execute(text("DROP TRIGGER audit_log_no_update"))
        session.execute(text("DROP TRIGGER audit_log_no_delete"))
        session.execute(text(sql))


def test_intact_log_verifies(admin):
    assert verify_audit_log(admin) == []


def test_log_is_append_only(admin):
    for sql in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"), admin.store.write() as session:
            session.execute(text(sql))


def test_edited_row_is_detected(admin):
    _tamper(admin, "UPDATE audit_log SET actor = 'iemand-anders' WHERE seq = 3")
    assert any("regel 3" in p and "gewijzigd" in p for p in verify_audit_log(admin))


def test_deleted_row_is_detected(admin):
    _tamper(admin, "DELETE FROM audit_log WHERE seq = 4")
    problems = verify_audit_log(admin)
    assert any("ontbreekt" in p for p in problems)


def test_deleted_last_rows_cannot_hide_in_a_rebuilt_chain(admin):
    # Deleting a row and re-hashing is possible only with the code; the CLI still runs.
    _tamper(
        admin,
        "UPDATE audit_log SET details = '{\"search\": \"iets anders\"}' WHERE action = 'searched'",
    )
    assert verify_audit_log(admin)


def test_cli_audit_verify(admin, tmp_path):
    env = {**os.environ, "TRIAGE_PASSWORD": PASSWORD}
    cmd = [
        sys.executable,
        "-m",
        "triage_app",
        "--db",
        str(tmp_path / "triage.db"),
        "--user",
        "admin",
        "audit",
        "verify",
    ]
    admin.store.dispose()
    ok = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "intact" in ok.stdout
    ctx = accounts.login(
        f"sqlite:///{tmp_path / 'triage.db'}", "admin", PASSWORD, sleep=lambda s: None
    )
    _tamper(ctx, "UPDATE audit_log SET actor = 'x' WHERE seq = 2")
    ctx.store.dispose()
    bad = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert "regel 2" in bad.stdout


def test_many_rows_appended_at_once_chain_sign_and_anchor_like_single_ones(admin):
    """A batched append (one per dossier taken along) extends the same chain: signed rows,
    the anchor on its new head, and ``audit verify`` still finds every edit."""
    from triage_app.domain.audit import AuditAction
    from triage_app.services import audit

    with admin.store.read() as session:
        before = session.execute(text("SELECT max(seq) FROM audit_log")).scalar_one()
    with admin.store.write() as session:
        audit.record_many(
            session,
            admin,
            AuditAction.EXPORTED,
            [{"object_type": "checkout", "object_id": f"c{n}", "laptop": "L"} for n in range(5)],
        )
    with admin.store.write() as session:  # a single append after the batch chains on
        audit.record(session, admin, AuditAction.SEARCHED, search="na de reeks")
    with admin.store.read() as session:
        rows = session.execute(
            text("SELECT seq, action, signature, details FROM audit_log WHERE seq > :s"),
            {"s": before},
        ).all()
    assert [r.seq for r in rows] == list(range(before + 1, before + 7))
    assert [r.action for r in rows] == ["exported"] * 5 + ["searched"]
    assert all(r.signature for r in rows)
    assert '"laptop": "L"' in rows[0].details
    assert verify_audit_log(admin) == []
    assert admin.keyfile.reload().data["anchor"]["seq"] == before + 6
    _tamper(admin, f"UPDATE audit_log SET details = '{{}}' WHERE seq = {before + 3}")
    assert any(f"regel {before + 3}" in p for p in verify_audit_log(admin))


def _anchor_seq(ctx) -> int:
    return ctx.keyfile.reload().data["anchor"]["seq"]


def test_the_anchor_is_written_beside_the_commit_and_replaces_the_key_file_after_it(admin):
    """The anchor's new key file is written while the store commits; it becomes the key file
    only after the commit, leaves no file behind, keeps a change another process made to the
    key file meanwhile, and a transaction that is rolled back anchors nothing."""
    import datetime as dt

    from sqlalchemy import event

    from triage_app.domain.audit import AuditAction
    from triage_app.services import audit
    from triage_app.store.keyfile import KeyFile

    folder = admin.keyfile.path.parent
    files = sorted(p.name for p in folder.iterdir())
    with admin.store.read() as session:
        head = session.execute(text("SELECT max(seq) FROM audit_log")).scalar_one()
    assert _anchor_seq(admin) == head

    with pytest.raises(RuntimeError), admin.store.write() as session:
        audit.record(session, admin, AuditAction.SEARCHED, search="teruggedraaid")
        raise RuntimeError
    assert _anchor_seq(admin) == head

    def failed_login_elsewhere(_session) -> None:  # between writing the anchor and using it
        KeyFile.load(admin.keyfile.path).add_failure(
            "intake", dt.datetime.now(dt.UTC), 5, dt.timedelta(minutes=15)
        )

    with admin.store.write() as session:
        event.listen(session, "after_commit", failed_login_elsewhere)  # runs before the anchor's
        audit.record(session, admin, AuditAction.SEARCHED, search="met een wijziging ernaast")
    assert _anchor_seq(admin) == head + 1
    assert admin.keyfile.reload().failures("intake")[0] == 1

    with admin.store.write() as session:
        audit.record(session, admin, AuditAction.SEARCHED, search="gewoon")
    assert _anchor_seq(admin) == head + 2
    assert sorted(p.name for p in folder.iterdir()) == files
    assert verify_audit_log(admin) == []
