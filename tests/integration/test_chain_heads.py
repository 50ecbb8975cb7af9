"""Each sync keeps the laptop's signed chain head on the team server (a real PostgreSQL
store): a laptop log whose tail is cut, or whose chain is rewritten with every hash
recomputed (so the laptop alone still says intact), is reported at the next sync with the
first bad row, and the team's audit log keeps that it was."""

import json

import pytest
from sqlalchemy import text
from sqlmodel import select

from tests.integration.test_offline_sync import PASSWORD, _laptop, team, team_url  # noqa: F401
from triage_app import cli
from triage_app.domain.audit import GENESIS_HASH, chain_hash, details_digest
from triage_app.services import households, offline
from triage_app.services.audit_review import verify_audit_log
from triage_app.store import audit_log
from triage_app.store.sync_tables import ChainHead
from triage_app.store.tables import AuditLog


def _synced_laptop(tmp_path, team_url):  # noqa: F811
    """Anna's laptop: searches offline, synced twice (nothing wrong: no problem reported)."""
    laptop, team_ctx = _laptop(tmp_path, team_url, "anna")
    for typed in ("Zwanenburg", "Bakker", "Gagelweg"):
        households.log_search(laptop, typed, 1)
    assert offline.sync(laptop, team_ctx).chain_problems == []
    households.log_search(laptop, "Zamenhofdreef", 1)
    assert offline.sync(laptop, team_ctx).chain_problems == []
    return laptop, team_ctx


def _last_seq(ctx) -> int:
    with ctx.store.read() as session:
        return session.exec(select(AuditLog.seq).order_by(AuditLog.seq.desc())).first()


def _team_problem_rows(team_ctx) -> list[dict]:
    with team_ctx.store.read() as session:
        rows = session.exec(select(AuditLog.details).where(AuditLog.object_type == "checkout"))
        return [d for d in map(json.loads, rows) if "audit_log_problems" in d]


def test_a_cut_tail_of_the_laptop_log_is_reported_at_the_next_sync(
    tmp_path,
    team_url,  # noqa: F811
    team,  # noqa: F811
    monkeypatch,
    capsys,
):
    laptop, team_ctx = _synced_laptop(tmp_path, team_url)
    last = _last_seq(laptop)
    with laptop.store.write() as session:  # a key holder cuts the last three rows
        session.execute(text("DROP TRIGGER audit_log_no_delete"))
        session.execute(text("DELETE FROM audit_log WHERE seq > :s"), {"s": last - 3})
        session.execute(
            text("UPDATE counter SET value = :s WHERE name = 'audit_log'"), {"s": last - 3}
        )

    result = offline.sync(laptop, team_ctx)
    (problem,) = result.chain_problems
    assert problem.startswith(f"regel {last - 2} t/m {last} van het auditlog van deze laptop")
    assert "weggehaald" in problem
    (row,) = _team_problem_rows(team_ctx)
    assert row["laptop"] == "laptop-anna" and row["audit_log_problems"] == [problem]
    assert offline.sync(laptop, team_ctx).chain_problems == [problem]  # it stays reported

    monkeypatch.setenv("TRIAGE_PASSWORD", PASSWORD)  # and `triage-app sync` says so, rc 5
    rc = cli.main(["--db", laptop.store.path, "--user", "anna", "sync", "--team", team_url])
    # (its login writes new rows where the cut ones were: now the chain differs from row 2)
    assert rc == 5 and "LET OP, regel 2: het auditlog van deze laptop" in capsys.readouterr().err


def _rewrite_from(ctx, seq: int, details: dict) -> None:
    """Change row ``seq`` and recompute the hash of it and every later row, as someone with
    the laptop's key and plain SQL would."""
    with ctx.store.write() as session:
        session.execute(text("DROP TRIGGER audit_log_no_update"))
        rows = session.exec(select(AuditLog).where(AuditLog.seq >= seq).order_by(AuditLog.seq))
        before = session.get(AuditLog, seq - 1)
        prev = before.hash if before else GENESIS_HASH
        for row in rows.all():
            if row.seq == seq:
                row.details = json.dumps(details, sort_keys=True)
                row.details_digest = details_digest(row.details)
            row.prev_hash = prev
            row.hash = chain_hash(prev, audit_log._entry(row), row.details_digest)
            session.add(row)
            prev = row.hash


def test_a_rewritten_laptop_chain_is_reported_with_its_first_bad_row(tmp_path, team_url, team):  # noqa: F811
    laptop, team_ctx = _synced_laptop(tmp_path, team_url)
    with laptop.store.read() as session:
        searched = session.exec(
            select(AuditLog.seq).where(AuditLog.action == "searched").order_by(AuditLog.seq)
        ).all()[1]  # the search for "Bakker" becomes one for "Jansen"
    _rewrite_from(laptop, searched, {"results": 1, "search": "Jansen"})
    with laptop.store.read() as session:
        assert list(audit_log.verify(session)) == []  # the laptop alone sees nothing wrong

    (problem,) = offline.chain_problems(laptop, team_ctx)  # checked without a sync too
    assert problem.startswith(f"regel {searched}: het auditlog van deze laptop is herschreven")
    assert offline.sync(laptop, team_ctx).chain_problems == [problem]


def test_the_team_keeps_the_heads_unchanged_and_verifies_their_signatures(
    tmp_path,
    team_url,  # noqa: F811
    team,  # noqa: F811
):
    laptop, team_ctx = _synced_laptop(tmp_path, team_url)
    admin = offline.team_login(team_url, "beheer", PASSWORD)
    try:
        assert verify_audit_log(admin) == []
        with admin.store.read() as session:
            heads = session.exec(select(ChainHead).order_by(ChainHead.id)).all()
        assert [h.seq for h in heads] == sorted(h.seq for h in heads) and len(heads) == 2
        assert heads[-1].by == "anna" and heads[-1].signature
        with pytest.raises(Exception, match="append-only"), admin.store.write() as session:
            session.execute(text("UPDATE chain_head SET seq = 1"))
        with admin.store.write() as session:  # a forged deposit, trigger or not
            session.add(
                ChainHead(
                    checkout_id=heads[0].checkout_id,
                    laptop="laptop-anna",
                    seq=1,
                    hash="0" * 64,
                    by="anna",
                    key_id=heads[0].key_id,
                    signature=heads[0].signature,
                )
            )
        assert verify_audit_log(admin) == [
            "de kop van het auditlog van laptop-anna (regel 1) is niet geldig ondertekend door anna"
        ]
    finally:
        admin.store.dispose()
