"""Nothing lost: a writer killed at random moments leaves a sound store with every reported
write whole, and two processes can write to one store at once."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, text
from sqlmodel import select

from triage_app.demo.accounts import create_demo_accounts
from triage_app.services import accounts
from triage_app.services.audit_review import verify_audit_log
from triage_app.store.tables import Household, Person

PASSWORD = "Sterk-wachtwoord-2026"
WRITER = Path(__file__).with_name("crash_writer.py")
ROOT = Path(__file__).resolve().parents[2]


def _spawn(url, key, start):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(WRITER), url, key.hex(), str(start)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout.readline().strip() == "ready"
    return child


def _check(url, reported):
    ctx = accounts.login(url, "admin", PASSWORD, sleep=lambda s: None)
    try:
        with ctx.store.read() as session:
            assert [r[0] for r in session.execute(text("PRAGMA integrity_check"))] == ["ok"]
            sizes = dict(
                session.exec(
                    select(Household.dossier_number, func.count(Person.id))
                    .join(Person, Person.household_id == Household.id)
                    .group_by(Household.dossier_number)
                ).all()
            )
            households = session.exec(select(func.count()).select_from(Household)).one()
            indexed = session.execute(text("SELECT count(*) FROM household_search")).scalar()
        assert reported <= set(sizes), "a write reported as done is missing"
        assert set(sizes.values()) <= {3}, "a household is half-present"
        assert households == len(sizes) == indexed
        assert verify_audit_log(ctx) == []
    finally:
        ctx.store.dispose()
    return households


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'triage.db'}"
    admin, _, _ = create_demo_accounts(url, PASSWORD)
    key = admin.db_key
    admin.store.dispose()
    rng = random.Random(7)
    reported: set[str] = set()
    for kill in range(50):
        child = _spawn(url, key, kill * 10_000)
        time.sleep(rng.uniform(0.02, 0.4))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        reported |= {line.split()[1] for line in out.splitlines() if line.startswith("ok ")}
        if kill % 10 == 9:
            _check(url, reported)
    assert len(reported) > 50  # the writers did get work done between kills
    assert _check(url, reported) >= len(reported)


def test_two_processes_write_to_one_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'triage.db'}"
    admin, _, _ = create_demo_accounts(url, PASSWORD)
    key = admin.db_key
    admin.store.dispose()
    first, second = _spawn(url, key, 0), _spawn(url, key, 50_000)
    time.sleep(1.5)
    for child in (first, second):
        child.send_signal(signal.SIGTERM)
    outputs = [child.communicate()[0] for child in (first, second)]
    done = [
        {line.split()[1] for line in out.splitlines() if line.startswith("ok ")} for out in outputs
    ]
    assert done[0] and done[1], "both instances got their writes in"
    assert not done[0] & done[1], "dossier numbers stay unique across instances"
    _check(url, done[0] | done[1])
