"""Run every benchmark and print one table: median and p95 beside the floor of each figure.

    .venv/bin/python -m bench.run [--households 100000] [--repeat 200]

The store is generated once into bench/.data/ and reused. Nothing here asserts on time.
"""

import argparse
import random
import resource
import sys
import time

from sqlalchemy import text

from bench.data import PASSWORD, ensure_store, login
from bench.print_figures import bench_batch, bench_documents
from bench.start_figures import bench_start
from bench.stats import HEADER, Figure, summarise, timings
from triage_app.services import accounts, households
from triage_app.store.search import fts_query, normalise

PREFIXES = [
    "j",
    "ja",
    "jan",
    "jans",
    "jansen",
    "d",
    "de",
    "de v",
    "de vr",
    "çel",
    "celik",
    "3561",
    "3561 a",
    "H-2025",
    "H-2025-00012",
    "berg",
    "van den b",
    "moh",
    "yil",
    "overv",
    "12-03",
    "2024",
]


def _raw_search(sqlite: bool, query: str) -> tuple[str, dict]:
    """The indexed query alone: the floor under the service's search."""
    if sqlite:
        sql = "SELECT rowid FROM household_search WHERE household_search MATCH :q LIMIT 101"
        return sql, {"q": fts_query(query)}
    words = normalise(query).split()
    where = " AND ".join(f"doc LIKE :w{i}" for i in range(len(words)))
    return f"SELECT rowid FROM household_search WHERE {where} LIMIT 101", {
        f"w{i}": f"% {w}%" for i, w in enumerate(words)
    }


def bench_search(ctx, repeat: int) -> list[Figure]:
    typed = [p for _ in range(max(1, repeat // len(PREFIXES))) for p in PREFIXES]
    sqlite = ctx.store.is_sqlite
    service, floor = [], []
    with ctx.store.engine.connect() as connection:
        for query in typed:
            sql, params = _raw_search(sqlite, query)
            started = time.perf_counter()
            connection.execute(text(sql), params).all()
            floor.append((time.perf_counter() - started) * 1000)
    for query in typed:
        started = time.perf_counter()
        households.search_households(ctx, query)
        service.append((time.perf_counter() - started) * 1000)
    med, p95 = summarise(service)
    name = "search-as-you-type (service, 100 rows)" + ("" if sqlite else " [pg]")
    floor_name = "raw FTS5 query" if sqlite else "raw trigram query"
    return [
        Figure(
            name,
            med,
            p95,
            floor_name,
            summarise(floor)[0],
            "<= 10 ms median, 30 ms p95 incl. table",
        )
    ]


def bench_open(ctx, repeat: int) -> list[Figure]:
    with ctx.store.read() as session:
        ids = [
            row[0]
            for row in session.execute(
                text("SELECT id FROM household ORDER BY random() LIMIT :n"), {"n": repeat}
            )
        ]
    import uuid

    ids = [uuid.UUID(hex=i) if isinstance(i, str) else i for i in ids]
    it = iter(ids)
    service = timings(lambda: households.get_household(ctx, next(it)), len(ids))
    it2 = iter(ids)
    with ctx.store.engine.connect() as connection:

        def raw() -> None:
            hid = next(it2).hex if ctx.store.is_sqlite else str(next(it2))
            connection.execute(text("SELECT * FROM household WHERE id = :i"), {"i": hid}).all()
            connection.execute(
                text("SELECT * FROM person WHERE household_id = :i"), {"i": hid}
            ).all()

        floor = timings(raw, len(ids))
    med, p95 = summarise(service)
    return [
        Figure(
            "open a household (logged view)" + ("" if ctx.store.is_sqlite else " [pg]"),
            med,
            p95,
            "raw selects, no audit",
            summarise(floor)[0],
            "<= 50 ms",
        )
    ]


def bench_whole_store_figures(url: str) -> list[Figure]:
    """The team lead's figures for a year over all wijken, beside one aggregate query."""
    import datetime as dt

    from triage_app.services import figures

    admin = login(url, "admin")
    year = (dt.date(admin.today().year, 1, 1), admin.today())
    samples = timings(lambda: figures.compute(admin, *year), 5)
    with admin.store.engine.connect() as connection:
        floor = timings(
            lambda: connection.execute(
                text("SELECT chosen_route, count(*) FROM route_decision GROUP BY chosen_route")
            ).all(),
            5,
        )
    admin.store.dispose()
    med, p95 = summarise(samples)
    return [
        Figure(
            "figures over the whole store (a year)",
            med,
            p95,
            "one aggregate query",
            summarise(floor)[0],
            "<= 2 s, off the UI thread",
        )
    ]


def bench_postgres(count: int, repeat: int) -> list[Figure]:
    """The same figures on a throw-away local PostgreSQL server (Debian's binaries)."""
    from tests.postgres_server import PostgresServer
    from triage_app.demo.accounts import create_demo_accounts
    from triage_app.demo.generate import generate_demo

    server = PostgresServer()
    if not server.available:
        print("PostgreSQL is not installed here: no [pg] figures.")
        return []
    url = server.start()
    try:
        started = time.perf_counter()
        admin, _, _ = create_demo_accounts(url, PASSWORD)
        generate_demo(admin, count, 42)
        admin.store.dispose()
        print(
            f"generated {count} households on PostgreSQL in {time.perf_counter() - started:.1f} s"
        )
        ctx = accounts.login(url, "intake", PASSWORD)
        with ctx.store.engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
        figures = bench_search(ctx, repeat) + bench_open(ctx, min(repeat, 100))
        ctx.store.dispose()
        return figures
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument(
        "--no-postgres",
        action="store_true",
        help="skip the PostgreSQL figures (they start a throw-away server)",
    )
    args = parser.parse_args(argv)
    random.seed(1)
    url = ensure_store(args.households)
    ctx = login(url)
    figures = bench_search(ctx, args.repeat) + bench_open(ctx, min(args.repeat, 100))
    figures += bench_documents(ctx, min(args.repeat, 30))
    figures += bench_whole_store_figures(url)
    lines = bench_batch(ctx) + bench_start(url, PASSWORD)
    ctx.store.dispose()
    if not args.no_postgres:
        figures += bench_postgres(args.households, args.repeat)
        from bench.offline_figures import bench_offline

        lines += bench_offline()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{args.households} households, encrypted SQLite store: {url}\n")
    print(HEADER)
    for figure in figures:
        print(figure.row())
    for line in lines:
        print(line)
    print(f"{'peak memory (RSS) of this process':<44} {rss_mb:9.0f} MB{'':>50}<= 300 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
