"""The store answers what the screens ask with the right indexes and a fixed number of
queries: a household's open melding by its own index, statistics for the planner after demo
data, prefix indexes for one to three typed characters, "Mijn werk" limited in SQL, the
figures counted in the database (not one query per decision), a search in one statement, and
the connection with warm pages handed out first."""

import pytest
from sqlalchemy import event, text

from tests.conftest import TODAY
from tests.store_templates import demo_households
from triage_app.services import figures, households, work_queue


@pytest.fixture
def store_path(tmp_path, store_templates):
    """The ``ctx`` fixture's SQLite store, holding 80 demo households (generated once)."""
    path = tmp_path / "store.db"
    store_templates.copy(f"sqlite:///{path}", demo_households(80, seed=9, today=TODAY))
    return path


@pytest.fixture
def postgres_store_url(postgres_store_built):
    """The ``ctx`` fixture's PostgreSQL store, the same 80 demo households (generated once)."""
    url, _ = postgres_store_built(demo_households(80, seed=9, today=TODAY))
    return url


@pytest.fixture
def demo(ctx):
    return ctx


@pytest.mark.sqlite_only
def test_open_melding_of_a_household_uses_its_own_index(demo):
    some = households.search_households(demo, "utrecht").rows[0]
    with demo.store.read() as session:
        plan = session.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT * FROM request WHERE household_id = :h "
                "AND outcome = 'open' ORDER BY created_at DESC LIMIT 1"
            ),
            {"h": some.id.hex},
        ).all()
        stats = session.execute(
            text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'request'")
        ).scalar()
    details = " ".join(row[-1] for row in plan)
    assert "ix_request_household_outcome" in details, details
    assert stats > 0  # ANALYZE ran after the demo data went in


@pytest.mark.sqlite_only
def test_search_table_has_prefix_indexes_and_short_prefixes_find(demo):
    with demo.store.read() as session:
        sql = session.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'household_search'")
        ).scalar()
    assert "prefix" in sql and "1 2 3" in sql
    assert households.search_households(demo, "1").rows  # one digit: house numbers, dates
    number = households.search_households(demo, "utrecht").rows[0].dossier_number
    found = households.search_households(demo, number[:3]).rows  # "H-2"
    assert found


def test_my_work_is_limited_in_the_query(demo, monkeypatch):
    team = work_queue.work_queue(demo)
    worker = next(i.worker for i in team if i.worker)
    seen: list = []
    real = work_queue._items

    def items(session, rows, kind):  # type: ignore[no-untyped-def]
        seen.extend(rows)
        return real(session, rows, kind)

    monkeypatch.setattr(work_queue, "_items", items)
    mine = work_queue.work_queue(demo, worker)
    assert mine and all(i.worker == worker for i in mine)
    assert {row[2] for row in seen} == {worker}  # nobody else's rows left the database
    assert len(mine) == sum(1 for i in team if i.worker == worker)


def _statements(ctx, since, until):  # type: ignore[no-untyped-def]
    statements: list[str] = []
    listen = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(ctx.store.engine, "before_cursor_execute", listen)
    try:
        result = figures.compute(ctx, since, until)
    finally:
        event.remove(ctx.store.engine, "before_cursor_execute", listen)
    return result.counts["Besluiten"], len(statements)


def test_figures_take_the_same_number_of_queries_however_many_decisions(demo):
    import datetime as dt

    today = demo.today()
    few = _statements(demo, today - dt.timedelta(days=30), today)
    many = _statements(demo, dt.date(today.year - 10, 1, 1), today)
    assert many[0] > few[0] + 3  # more decisions in the longer period
    assert many[1] == few[1]  # and not one more query


def test_a_search_is_one_statement_however_many_it_finds(demo):
    """Matches, households and their members come in one SELECT, for one household found
    as for a hundred (no query per household, no second query for the members)."""
    selects: list[str] = []

    def listen(*args):  # type: ignore[no-untyped-def]
        if args[2].lstrip().upper().startswith("SELECT"):
            selects.append(args[2])

    event.listen(demo.store.engine, "before_cursor_execute", listen)
    try:
        many = households.search_households(demo, "utrecht")
        count_many = len(selects)
        one = households.search_households(demo, many.rows[0].dossier_number)
    finally:
        event.remove(demo.store.engine, "before_cursor_execute", listen)
    assert len(many.rows) > 10 and len(one.rows) == 1
    assert count_many == 1 and len(selects) == 2


@pytest.mark.sqlite_only
def test_the_pool_hands_out_the_connection_used_last(demo):
    """Of two idle connections, a read gets the one given back last: its decrypted pages are
    warm."""
    with demo.store.read() as outer:
        given_back_last = outer.connection().connection.dbapi_connection
        with demo.store.read() as inner:
            given_back_first = inner.connection().connection.dbapi_connection
    assert given_back_first is not given_back_last
    for _ in range(2):
        with demo.store.read() as session:
            assert session.connection().connection.dbapi_connection is given_back_last
