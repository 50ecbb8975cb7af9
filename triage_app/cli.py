"""The ``triage-app`` command: no arguments start the GUI; subcommands serve administrators."""

import argparse
import sys
import time

from triage_app import paths
from triage_app.domain.errors import DomainError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="triage-app",
        description="Triage en ondersteuningsplannen voor het sociaal wijkteam.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="store: a file path or an SQLAlchemy URL "
        "(default: TRIAGE_DB_URL, else triage.db in the data directory)",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="folder for the store and backups")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    db = commands.add_parser("db", help="manage the store's schema")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="apply all migrations (also done when the app opens)")

    demo = commands.add_parser("demo", help="fill the store with fictional demo households")
    demo.add_argument("--households", type=int, default=500, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    paths.set_data_dir(args.data_dir)
    url = paths.store_url(args.db)
    if args.command is None:
        from triage_app.app import run_gui

        return run_gui(url)
    try:
        return _run_command(args, url)
    except DomainError as exc:
        print(f"triage-app: {exc.message}", file=sys.stderr)
        return 1


def _run_command(args: argparse.Namespace, url: str) -> int:
    from triage_app.services.session import open_context

    if args.command == "db":
        from triage_app.store.engine import open_store
        from triage_app.store.migrations import head_revision

        open_store(url).dispose()
        print(f"Store {url} is at revision {head_revision()}.")
        return 0
    if args.command == "demo":
        from triage_app.services.demo import generate_demo

        ctx = open_context(url)
        started = time.perf_counter()
        added = generate_demo(ctx, args.households, args.seed)
        ctx.store.dispose()
        print(f"Added {added} demo households in {time.perf_counter() - started:.1f} s.")
        return 0
    raise AssertionError(args.command)


if __name__ == "__main__":
    sys.exit(main())
