"""The local store is unreadable without a worker's password or the recovery key."""

import sqlite3

import pytest

from triage_app.domain.household import HouseholdInput, PersonInput
from triage_app.services import accounts, households

PASSWORD = "Sterk-wachtwoord-2026"


def test_store_file_is_encrypted(tmp_path, store_templates):
    path = tmp_path / "triage.db"
    store_templates.demo_accounts(f"sqlite:///{path}", PASSWORD)  # create_demo_accounts' store
    ctx = accounts.login(f"sqlite:///{path}", "intake", PASSWORD, sleep=lambda s: None)
    households.register_household(
        ctx,
        HouseholdInput(
            street="Wolgadreef",
            house_number="7",
            postcode="3563 HT",
            city="Utrecht",
            district="Overvecht",
            members=[
                PersonInput(
                    first_name="Fenna",
                    last_name="Zwanenburg",
                    birth_date="14-05-1961",
                    bsn="111222333",
                )
            ],
        ),
    )
    ctx.store.dispose()

    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("triage.db"))
    for secret in (b"Zwanenburg", b"Fenna", b"Wolgadreef", b"111222333", b"SQLite format 3"):
        assert secret not in raw

    plain = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        plain.execute("SELECT count(*) FROM household").fetchall()
    plain.close()

    ctx = accounts.login(f"sqlite:///{path}", "intake", PASSWORD, sleep=lambda s: None)
    assert households.search_households(ctx, "zwanenburg").rows[0].postcode == "3563 HT"
    ctx.store.dispose()


def test_missing_key_file_says_what_to_do(tmp_path, store_templates):
    path = tmp_path / "triage.db"
    store_templates.demo_accounts(f"sqlite:///{path}", PASSWORD)
    (tmp_path / "triage.db.keys").unlink()
    with pytest.raises(accounts.DomainError, match="sleutelbestand"):
        accounts.login(f"sqlite:///{path}", "admin", PASSWORD)
