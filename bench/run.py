"""Every figure a worker feels, measured as felt, beside its floors and its target.

    .venv/bin/python -m bench.run [--households 100000] [--rounds 2] [--postgres]

The store (encrypted SQLite) is generated once into bench/.data/ and reused. Each line gives
median, p95 and n, the target and whether this run met it; the last line counts the targets
met. ``--households 10000`` is the quick check (a few minutes). Nothing here asserts on time.
"""

import argparse
import random
import sys
import time

from bench.data import PASSWORD, ensure_store, login
from bench.stats import FELT_HEADER, Felt


def bench_postgres(count: int) -> list[Felt]:
    """Search and open as felt on a throw-away local PostgreSQL server (Debian's binaries)."""
    from bench.felt import bench_open_felt, bench_search_felt
    from tests.postgres_server import PostgresServer
    from triage_app.demo.accounts import create_demo_accounts
    from triage_app.demo.generate import generate_demo
    from triage_app.services import accounts

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
        figures = bench_search_felt(ctx, 1) + bench_open_felt(ctx, 20)
        ctx.store.dispose()
        for figure in figures:
            figure.name += " [pg]"
        return figures
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2, help="rounds of typed searches")
    parser.add_argument("--opens", type=int, default=40, help="dossiers opened")
    parser.add_argument("--postgres", action="store_true", help="also on a PostgreSQL server")
    args = parser.parse_args(argv)
    random.seed(1)
    url = ensure_store(args.households)

    from bench.felt import bench_open_felt, bench_search_felt
    from bench.print_figures import bench_batch, bench_documents, bench_figures
    from bench.start_figures import bench_memory, bench_start

    started = time.perf_counter()
    figures = bench_start(url, PASSWORD)
    ctx = login(url)
    figures += bench_search_felt(ctx, args.rounds)
    figures += bench_open_felt(ctx, args.opens)
    figures += bench_documents(ctx, 20)
    figures += bench_batch(ctx)
    ctx.store.dispose()
    admin = login(url, "admin")
    figures += bench_figures(admin)
    admin.store.dispose()
    figures += bench_memory(url, PASSWORD)
    lines: list[str] = []
    if args.postgres:
        figures += bench_postgres(args.households)
        from bench.offline_figures import bench_offline

        lines += bench_offline()
    print(
        f"\n{args.households} households, encrypted SQLite store {url}, "
        f"{time.strftime('%Y-%m-%d %H:%M')}, {time.perf_counter() - started:.0f} s\n"
    )
    print(FELT_HEADER)
    for figure in figures:
        print(figure.row())
    for line in lines:
        print(line)
    print(f"targets met: {sum(f.met for f in figures)} of {len(figures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
