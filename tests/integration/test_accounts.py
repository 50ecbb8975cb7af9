"""Log in, lock-out, roles and passwords on a real encrypted store."""

import datetime as dt

import pytest

from triage_app.demo.accounts import DEMO_ACCOUNTS, create_demo_accounts
from triage_app.domain.accounts import Role
from triage_app.domain.errors import DomainError, InvalidValue, NotAllowed
from triage_app.domain.household import HouseholdInput, PersonInput
from triage_app.services import accounts, households
from triage_app.services.audit_review import verify_audit_log

PASSWORD = "Sterk-wachtwoord-2026"


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'triage.db'}"


@pytest.fixture
def demo(url, store_templates):
    """A store with the demo accounts (a copy of one set up once per session)."""
    recovery = store_templates.demo_accounts(url, PASSWORD)
    return {username: PASSWORD for username, _, _ in DEMO_ACCOUNTS}, recovery


class Clock:
    def __init__(self):
        self.now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
        self.slept: list[float] = []

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += dt.timedelta(seconds=seconds)


def _login(url, username, password, clock=None):
    clock = clock or Clock()
    return accounts.login(url, username, password, sleep=clock.sleep, now=lambda: clock.now)


def test_login_succeeds_and_is_logged(url, demo):
    ctx = _login(url, "intake", PASSWORD)
    assert ctx.actor.username == "intake"
    assert ctx.actor.roles == {Role.INTAKE}
    ctx.store.dispose()
    admin = _login(url, "ADMIN", PASSWORD)  # user names are case-insensitive
    assert verify_audit_log(admin) == []
    admin.store.dispose()


def test_wrong_password_is_refused_with_a_growing_delay_then_locked(url, demo):
    clock = Clock()
    for _ in range(5):
        with pytest.raises(accounts.LoginFailed, match="onjuist wachtwoord"):
            _login(url, "intake", "verkeerd", clock)
    assert clock.slept == [0.0, 1.0, 2.0, 4.0, 8.0]
    # Locked: even the right password is refused, with the time it opens again.
    with pytest.raises(accounts.LoginFailed, match="geblokkeerd tot"):
        _login(url, "intake", PASSWORD, clock)
    clock.now += dt.timedelta(minutes=16)
    ctx = _login(url, "intake", PASSWORD, clock)
    ctx.store.dispose()
    # A successful login resets the counter: the next wrong password has no delay.
    clock.slept.clear()
    with pytest.raises(accounts.LoginFailed):
        _login(url, "intake", "verkeerd", clock)
    assert clock.slept == [0.0]


def test_unknown_user_gets_the_same_message(url, demo):
    with pytest.raises(accounts.LoginFailed, match="Onbekende gebruikersnaam of onjuist"):
        _login(url, "niemand", PASSWORD)


def test_weak_passwords_are_refused(url, demo):
    admin = _login(url, "admin", PASSWORD)
    for weak in ("kort1A!", "alleenklein1", "piet-Wachtwoord-1"):
        with pytest.raises(InvalidValue):
            accounts.add_worker(admin, "piet", "Piet", frozenset({Role.INTAKE}), weak)
    admin.store.dispose()


def test_change_password_rewraps_the_key(url, demo):
    ctx = _login(url, "casemanager", PASSWORD)
    key = ctx.db_key
    with pytest.raises(InvalidValue, match="huidige wachtwoord"):
        accounts.change_password(ctx, "fout", "Nieuw-wachtwoord-42")
    accounts.change_password(ctx, PASSWORD, "Nieuw-wachtwoord-42")
    ctx.store.dispose()
    with pytest.raises(accounts.LoginFailed):
        _login(url, "casemanager", PASSWORD)
    again = _login(url, "casemanager", "Nieuw-wachtwoord-42")
    assert again.db_key == key  # the store was not re-encrypted
    again.store.dispose()


def test_admin_reset_makes_a_temporary_password(url, demo):
    admin = _login(url, "admin", PASSWORD)
    accounts.reset_password(admin, "intake", "Tijdelijk-wachtwoord-7")
    admin.store.dispose()
    ctx = _login(url, "intake", "Tijdelijk-wachtwoord-7")
    assert accounts.must_change_password(ctx)
    accounts.change_password(ctx, "Tijdelijk-wachtwoord-7", "Eigen-wachtwoord-8")
    assert not accounts.must_change_password(ctx)
    ctx.store.dispose()


def test_disabled_worker_loses_the_key(url, demo):
    admin = _login(url, "admin", PASSWORD)
    accounts.disable_worker(admin, "intake")
    assert not admin.keyfile.has_worker("intake")
    with pytest.raises(DomainError, match="eigen account"):
        accounts.disable_worker(admin, "admin")
    admin.store.dispose()
    with pytest.raises(accounts.LoginFailed):
        _login(url, "intake", PASSWORD)


def test_recovery_key_unlocks_and_sets_a_new_password(url, demo):
    _, recovery = demo
    with pytest.raises(DomainError, match="herstelsleutel klopt niet"):
        accounts.recover(url, "AAAAA-BBBBB", "admin", "Hersteld-wachtwoord-1")
    ctx = accounts.recover(
        url, recovery.lower().replace("-", " "), "admin", "Hersteld-wachtwoord-1"
    )
    ctx.store.dispose()
    _login(url, "admin", "Hersteld-wachtwoord-1").store.dispose()


def test_first_admin_only_once(url, demo):
    with pytest.raises(DomainError, match="al gegevens"):
        accounts.create_first_admin(url, "admin2", "Tweede", PASSWORD)


def _household():
    return HouseholdInput(
        street="Zamenhofdreef",
        house_number="12",
        postcode="3562 AB",
        city="Utrecht",
        district="Overvecht",
        members=[PersonInput(first_name="Jan", last_name="Zwanenburg", birth_date="01-02-1970")],
    )


@pytest.mark.parametrize(
    ("username", "may_register", "may_manage_accounts", "may_verify_audit"),
    [
        ("intake", True, False, False),
        ("casemanager", True, False, False),
        ("decider", True, False, False),  # the demo decider is casemanager too
        ("admin", False, True, True),
    ],
)
def test_roles_are_enforced_in_services(
    url, demo, username, may_register, may_manage_accounts, may_verify_audit
):
    ctx = _login(url, username, PASSWORD)
    checks = [
        (may_register, lambda: households.register_household(ctx, _household())),
        (may_manage_accounts, lambda: accounts.list_workers(ctx)),
        (
            may_manage_accounts,
            lambda: accounts.add_worker(
                ctx, "nieuw", "Nieuw", frozenset({Role.INTAKE}), "Ander-wachtwoord-55"
            ),
        ),
        (may_verify_audit, lambda: verify_audit_log(ctx)),
    ]
    for allowed, call in checks:
        if allowed:
            call()
        else:
            with pytest.raises(NotAllowed, match="U mag niet"):
                call()
    ctx.store.dispose()


def test_decider_only_worker_cannot_register(url, demo):
    admin = _login(url, "admin", PASSWORD)
    accounts.add_worker(
        admin,
        "gm",
        "Gea Mandaat",
        frozenset({Role.DECIDER}),
        "Mandaat-wachtwoord-1",
        temporary=False,
    )
    admin.store.dispose()
    ctx = _login(url, "gm", "Mandaat-wachtwoord-1")
    with pytest.raises(NotAllowed):
        households.register_household(ctx, _household())
    assert households.search_households(ctx, "zwanen").rows == []  # may search
    ctx.store.dispose()


def test_server_store_checks_the_password_hash_and_locks_out(postgres_store_url):
    """On a team's PostgreSQL store there is no key file: the worker table counts failures."""
    url = postgres_store_url
    assert accounts.store_is_new(url)
    create_demo_accounts(url, PASSWORD)[0].store.dispose()
    clock = Clock()
    ctx = _login(url, "intake", PASSWORD, clock)
    assert ctx.keyfile is None and ctx.actor.roles == {Role.INTAKE}
    ctx.store.dispose()
    clock.slept.clear()
    for _ in range(5):
        with pytest.raises(accounts.LoginFailed, match="onjuist wachtwoord"):
            _login(url, "intake", "verkeerd", clock)
    assert clock.slept == [0.0, 1.0, 2.0, 4.0, 8.0]
    with pytest.raises(accounts.LoginFailed, match="geblokkeerd"):
        _login(url, "intake", PASSWORD, clock)
    clock.now += dt.timedelta(minutes=16)
    admin = _login(url, "admin", PASSWORD, clock)
    assert verify_audit_log(admin) == []
    admin.store.dispose()


def test_a_failure_counter_reset_in_the_key_file_is_reported(url, demo):
    """Deleting the failed attempts from the key file's JSON (or putting an old copy back)
    does not go unnoticed: the store remembers how many failures a login saw."""
    import json
    from pathlib import Path

    from sqlmodel import select

    from triage_app.store.tables import AuditLog

    clock = Clock()
    for _ in range(3):
        with pytest.raises(accounts.LoginFailed):
            _login(url, "intake", "verkeerd", clock)
    ctx = _login(url, "admin", PASSWORD, clock)
    assert ctx.notices == []
    ctx.store.dispose()
    with pytest.raises(accounts.LoginFailed):
        _login(url, "intake", "verkeerd", clock)

    keys = Path(url.removeprefix("sqlite:///") + ".keys")
    data = json.loads(keys.read_text())
    assert data["failures"]["intake"]["count"] == 4
    del data["failures"], data["pending_events"]
    data["failure_total"] = 0
    keys.write_text(json.dumps(data))

    ctx = _login(url, "intake", PASSWORD, clock)  # the count was wiped by the edit, but ...
    assert any("mislukte inlogpogingen" in n and "teruggezet" in n for n in ctx.notices)
    with ctx.store.read() as session:
        rows = session.exec(select(AuditLog).where(AuditLog.object_type == "keyfile")).all()
    assert [json.loads(r.details)["failures_before"] for r in rows] == [3]
    ctx.store.dispose()
    again = _login(url, "admin", PASSWORD, clock)
    assert again.notices == []  # reported once
    assert verify_audit_log(again) == []
    again.store.dispose()
