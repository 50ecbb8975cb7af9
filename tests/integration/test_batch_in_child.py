"""A batch of decisions laid out in a child process: the same letters, the store opened by the
child (the encrypted one with the key handed over on stdin), prints logged once by the parent
only after the whole batch, a Dutch message when the child fails, no PDF left behind."""

import io
import os
import tempfile

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from tests.conftest import TODAY
from tests.gui.test_printing import issue_for
from triage_app.demo.accounts import create_demo_accounts
from triage_app.demo.generate import generate_demo
from triage_app.domain.audit import AuditAction
from triage_app.domain.errors import DomainError
from triage_app.services import accounts, batch_printing, printing
from triage_app.services.audit_review import verify_audit_log

PASSWORD = "Sterk-wachtwoord-2026"


def printed(ctx) -> int:
    with ctx.store.read() as session:
        return session.execute(
            text("SELECT count(*) FROM audit_log WHERE action = :a"),
            {"a": AuditAction.PRINTED.value},
        ).scalar()


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_child_prints_the_batch_and_the_parent_logs_it_once(ctx, monkeypatch):
    issue_for(ctx, 2)
    numbers = printing.decisions_issued_on(ctx, TODAY)
    made, real = [], tempfile.mkstemp

    def mkstemp(**kwargs):
        fd, path = real(**kwargs)
        made.append((path, os.stat(path).st_mode & 0o777))
        return fd, path

    monkeypatch.setattr(batch_printing.tempfile, "mkstemp", mkstemp)
    seen = []
    batch = batch_printing.BatchInChild(ctx, numbers)
    pdf = batch.run(lambda done, total: seen.append((done, total)))
    text_ = pdf_text(pdf)
    assert text_.count("Pagina 1 van") == 4
    assert "Fenna Zwanenburg0" in text_ and "Kees Zwanenburg1" in text_
    assert seen[0] == (0, 4) and seen[-1] == (4, 4)
    assert batch.pid != os.getpid()
    assert printed(ctx) == 4
    [(path, mode)] = made
    assert mode == 0o600  # only the worker can read the PDF
    assert not os.path.exists(path)  # and it is gone once read


def test_a_child_error_is_a_dutch_message_and_nothing_is_logged(ctx):
    issue_for(ctx, 1)
    numbers = [*printing.decisions_issued_on(ctx, TODAY), "B-2026-999999"]
    with pytest.raises(DomainError, match="Er is geen besluit met nummer B-2026-999999."):
        batch_printing.BatchInChild(ctx, numbers).run()
    assert printed(ctx) == 0


@pytest.mark.sqlite_only
def test_child_opens_the_encrypted_store_with_the_key_from_stdin(tmp_path):
    url = f"sqlite:///{tmp_path / 'triage.db'}"
    admin, _, _ = create_demo_accounts(url, PASSWORD)
    generate_demo(admin, 60, seed=3)
    admin.store.dispose()
    ctx = accounts.login(url, "decider", PASSWORD, sleep=lambda s: None)
    try:
        with ctx.store.read() as session:
            numbers = list(
                session.execute(text("SELECT number FROM decision ORDER BY number LIMIT 3"))
                .scalars()
                .all()
            )
        assert numbers and ctx.db_key
        before = printed(ctx)
        batch = batch_printing.BatchInChild(ctx, numbers)
        pdf = batch.run()
        assert pdf_text(pdf).count("Pagina 1 van") == len(numbers)
        assert printed(ctx) == before + len(numbers)
        # The key never appears on the child's command line.
        assert ctx.db_key.hex() not in " ".join(batch.process.args)
    finally:
        ctx.store.dispose()
    admin = accounts.login(url, "admin", PASSWORD, sleep=lambda s: None)
    try:
        assert verify_audit_log(admin) == []  # the print lines are signed and chained
    finally:
        admin.store.dispose()
