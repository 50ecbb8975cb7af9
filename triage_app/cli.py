"""The ``triage-app`` command: no arguments start the GUI; subcommands serve administrators.

Commands that open a store log in as ``--user`` (or ``TRIAGE_USER``) with the password from
``TRIAGE_PASSWORD`` or standard input, never from an argument.
"""

import argparse
import getpass
import os
import socket
import sys
import time

from triage_app import paths
from triage_app.domain.errors import DomainError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="triage-app",
        description="Triage en ondersteuningsplannen voor het sociaal wijkteam.",
        epilog="Passwords come from TRIAGE_PASSWORD or standard input; new passwords for other "
        "workers from TRIAGE_NEW_PASSWORD, else they are generated and shown once.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="store: a file path or an SQLAlchemy URL "
        "(default: TRIAGE_DB_URL, else triage.db in the data directory)",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="folder for the store and backups")
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=os.environ.get("TRIAGE_USER"),
        help="the acting worker (default: TRIAGE_USER)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help="set up a new store with its first administrator")
    init.add_argument("--name", required=True, help="the administrator's full name")

    db = commands.add_parser("db", help="manage the store's schema")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="apply all migrations (also done when the app opens)")

    demo = commands.add_parser(
        "demo",
        help="fill the store with fictional demo households (a new store also gets demo accounts)",
    )
    demo.add_argument("--households", type=int, default=500, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")

    user = commands.add_parser("user", help="manage workers' accounts")
    user_commands = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = user_commands.add_parser("add", help="add a worker")
    add.add_argument("username")
    add.add_argument("--name", required=True)
    add.add_argument(
        "--roles", required=True, help="comma-separated: intake, casemanager, decider, admin"
    )
    user_commands.add_parser("list", help="list workers")
    disable = user_commands.add_parser("disable", help="disable a worker and remove their key")
    disable.add_argument("username")
    reset = user_commands.add_parser("reset-password", help="set a temporary password")
    reset.add_argument("username")

    audit = commands.add_parser("audit", help="the audit log")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    audit_commands.add_parser("verify", help="check the hash chain: edited or deleted rows")

    export = commands.add_parser(
        "export",
        help="granted provisions for the back office (iWmo "
        "WMO301 shape), as .json or .csv by the file's extension",
    )
    export.add_argument("--out", metavar="FILE", required=True)
    export.add_argument("--since", metavar="YYYY-MM-DD", help="decided on or after this day")
    export.add_argument("--force", action="store_true", help="overwrite an existing file")

    printer = commands.add_parser("print", help="print decisions to one PDF")
    which = printer.add_mutually_exclusive_group(required=True)
    which.add_argument("--decision", metavar="NUMBER", help="one decision, e.g. B-2026-000123")
    which.add_argument("--issued-on", metavar="YYYY-MM-DD", help="all decisions of that day")
    printer.add_argument("--out", metavar="FILE.pdf", required=True)
    printer.add_argument(
        "--large-print",
        "--large",
        dest="large_print",
        action="store_const",
        const=True,
        default=None,
        help="every letter in large print (16 pt and up); without it, as each resident prefers",
    )
    printer.add_argument("--force", action="store_true", help="overwrite an existing file")

    queue = commands.add_parser(
        "queue",
        help="the work queue as the screen shows it: acute first, then late, due and later",
    )
    scope = queue.add_mutually_exclusive_group()
    scope.add_argument("--mine", action="store_true", help="your own work (the default)")
    scope.add_argument("--team", action="store_true", help="the work of the whole team")
    queue.add_argument("--csv", action="store_true", help="as CSV on standard output")

    backup = commands.add_parser("backup", help="make an encrypted, checksummed backup now")
    backup.add_argument("--to", metavar="DIR", help="folder (default: backups/ beside the store)")
    restore = commands.add_parser(
        "restore",
        help="check a backup and put it in place of the store (the replaced store is kept aside)",
    )
    restore.add_argument("file", metavar="FILE")
    restore.add_argument(
        "--other-store",
        action="store_true",
        help="the backup is of another store: put it in place all the same",
    )

    checkout = commands.add_parser(
        "checkout",
        help="take dossiers along from the team store into this laptop's store (--db)",
    )
    checkout.add_argument("--team", metavar="URL", required=True, help="the team store")
    chosen = checkout.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--wijk", metavar="NAME", help="all dossiers of a wijk")
    chosen.add_argument("--household", metavar="DOSSIER", nargs="+", help="dossier numbers")
    chosen.add_argument("--mine", action="store_true", help="the dossiers you lead or took in")
    checkout.add_argument(
        "--laptop", metavar="NAME", default=socket.gethostname(), help="this laptop's name"
    )
    sync = commands.add_parser(
        "sync",
        help="bring the work back and fetch the team's; exit 3 when conflicts wait, "
        "4 when the team store cannot be reached",
    )
    sync.add_argument("--team", metavar="URL", required=True, help="the team store")

    commands.add_parser(
        "check",
        help="check the whole store now (a start does so only after an unclean end or restore)",
    )
    commands.add_parser(
        "recover",
        help="set a new password for --user with the recovery key "
        "(TRIAGE_RECOVERY_KEY or standard input)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    os.umask(0o077)  # every file this process makes (store, exports, backups) is the owner's
    paths.set_data_dir(args.data_dir)
    _check_own_life_domains()
    url = paths.store_url(args.db)
    if args.command is None:
        from triage_app.app import run_gui

        return run_gui(url)
    try:
        return _run_command(args, url)
    except DomainError as exc:
        print(f"triage-app: {exc.message}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"triage-app: {exc}", file=sys.stderr)
        return 2


def _check_own_life_domains() -> None:
    """A municipality with a licence for other level texts (e.g. the ZRM) puts its own
    life_domains.json in the data folder (services/reference.py uses it); a file that does
    not check out is not used, and said so here."""
    from triage_app.services.reference import own_life_domains

    try:
        own_life_domains()
    except DomainError as exc:
        print(
            f"triage-app: {exc.message} De standaard leefgebieden worden gebruikt.",
            file=sys.stderr,
        )


def _secret(env: str, prompt: str) -> str:
    if os.environ.get(env):
        return os.environ[env]
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise DomainError(f"Geen wachtwoord: zet {env} of geef het op standaardinvoer.")
    return line.rstrip("\n")


def _new_password() -> tuple[str, bool]:
    """A password for another worker: TRIAGE_NEW_PASSWORD, else generated (to show once)."""
    from triage_app.domain.accounts import generate_password

    given = os.environ.get("TRIAGE_NEW_PASSWORD")
    return (given, False) if given else (generate_password(), True)


def _login(args: argparse.Namespace, url: str):  # type: ignore[no-untyped-def]
    from triage_app.services.accounts import login, store_is_new

    if store_is_new(url):
        raise DomainError(
            "Er zijn nog geen gegevens. Begin met 'triage-app init' of "
            "'triage-app demo', of start de app."
        )
    if not args.user:
        raise DomainError("Geef de gebruiker met --user of TRIAGE_USER.")
    ctx = login(url, args.user, _secret("TRIAGE_PASSWORD", "Wachtwoord: "))
    for notice in ctx.notices:
        print(f"triage-app: {notice}", file=sys.stderr)
    return ctx


def _print_recovery(recovery: str | None) -> None:
    if recovery:
        print(
            "\nHerstelsleutel (schrijf hem op en bewaar hem veilig, bijvoorbeeld in de kluis;\n"
            "hij wordt niet nog eens getoond en is de enige weg terug als alle\n"
            f"wachtwoorden kwijt zijn):\n\n    {recovery}\n"
        )


def _run_command(args: argparse.Namespace, url: str) -> int:
    from triage_app.services import accounts

    if args.command == "init":
        ctx, recovery = accounts.create_first_admin(
            url, args.user or "admin", args.name, _secret("TRIAGE_PASSWORD", "Nieuw wachtwoord: ")
        )
        ctx.store.dispose()
        print(f"Store {url} is set up; administrator: {ctx.actor.username}.")
        _print_recovery(recovery)
        return 0
    if args.command == "demo":
        return _demo(args, url)
    if args.command == "recover":
        ctx = accounts.recover(
            url,
            _secret("TRIAGE_RECOVERY_KEY", "Herstelsleutel: "),
            args.user or "",
            _secret("TRIAGE_NEW_PASSWORD", "Nieuw wachtwoord: "),
        )
        ctx.store.dispose()
        print(f"New password set for {ctx.actor.username}.")
        return 0
    if args.command == "check":
        from triage_app.services import backup

        ctx = _login(args, url)
        try:
            problems = backup.store_problems(ctx)
        finally:
            ctx.store.dispose()
        print("\n".join(problems) if problems else "De gegevens zijn in orde.")
        return 1 if problems else 0
    if args.command == "restore":
        from pathlib import Path

        from triage_app.services.backup import restore

        if not args.user:
            raise DomainError("Geef de beheerder met --user of TRIAGE_USER.")
        aside = restore(
            url,
            Path(args.file),
            args.user,
            _secret("TRIAGE_PASSWORD", "Wachtwoord: "),
            other_store=args.other_store,
        )
        print(f"Restored {args.file}. The replaced store is kept in {aside}.")
        return 0
    if args.command in ("checkout", "sync"):
        return _offline(args, url)
    ctx = _login(args, url)
    try:
        return _logged_in_command(args, ctx)
    finally:
        ctx.store.dispose()


def _logged_in_command(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from triage_app.domain.accounts import ROLE_LABELS, parse_roles
    from triage_app.services import accounts
    from triage_app.services.audit_review import verify_audit_log

    if args.command == "db":
        from triage_app.store.migrations import head_revision

        print(f"Store is at revision {head_revision()}.")
        return 0
    if args.command == "user":
        if args.user_command == "add":
            password, generated = _new_password()
            accounts.add_worker(ctx, args.username, args.name, parse_roles(args.roles), password)
            print(
                f"Added {args.username}."
                + (f" Temporary password: {password}" if generated else "")
            )
        elif args.user_command == "list":
            for w in accounts.list_workers(ctx):
                roles = ", ".join(ROLE_LABELS[r] for r in sorted(w.roles))
                state = "actief" if w.active else "uitgeschakeld"
                state += ", geblokkeerd" if w.locked else ""
                print(f"{w.username:<16} {w.display_name:<28} {roles:<45} {state}")
        elif args.user_command == "disable":
            accounts.disable_worker(ctx, args.username)
            print(f"Disabled {args.username}.")
        elif args.user_command == "reset-password":
            password, generated = _new_password()
            accounts.reset_password(ctx, args.username, password)
            print(
                f"Temporary password set for {args.username}."
                + (f" Password: {password}" if generated else "")
            )
        return 0
    if args.command == "export":
        import datetime as dt
        from pathlib import Path

        from triage_app.services import iwmo_export, output_files

        since = dt.date.fromisoformat(args.since) if args.since else None
        out = output_files.check_output(Path(args.out), _store_file(ctx), args.force)
        records = iwmo_export.toewijzingen(ctx, since)
        text = iwmo_export.as_csv(records) if out.suffix == ".csv" else iwmo_export.as_json(records)
        output_files.save(ctx, out, text.encode("utf-8"), args.force)
        print(f"Exported {len(records)} toewijzingen to {out}.")
        return 0
    if args.command == "print":
        import datetime as dt
        from pathlib import Path

        from triage_app.services import output_files, printing

        output_files.check_output(Path(args.out), _store_file(ctx), args.force)
        if args.decision:
            numbers = [args.decision]
        else:
            numbers = printing.decisions_issued_on(ctx, dt.date.fromisoformat(args.issued_on))
        pdf = printing.decisions_pdf(ctx, numbers, large_print=args.large_print)
        output_files.save(ctx, Path(args.out), pdf or b"", args.force)
        print(f"Printed {len(numbers)} decision(s) to {args.out}.")
        return 0
    if args.command == "queue":
        from triage_app.domain.work_queue import as_csv, as_table
        from triage_app.services.work_queue import work_queue

        worker = None if args.team else ctx.actor.username
        items = work_queue(ctx, worker, shown_as="csv" if args.csv else "tabel")
        if args.csv:
            sys.stdout.write(as_csv(items, ctx.today()))
        else:
            print(as_table(items, ctx.today()))
        return 0
    if args.command == "backup":
        from pathlib import Path

        from triage_app.services.backup import backup_now

        print(f"Backup written to {backup_now(ctx, Path(args.to) if args.to else None)}.")
        return 0
    if args.command == "audit":
        problems = verify_audit_log(ctx)
        if problems:
            print("The audit log has been tampered with:")
            for problem in problems:
                print(f"  - {problem}")
            return 1
        print("The audit log is intact.")
        return 0
    raise AssertionError(args.command)


def _store_file(ctx):  # type: ignore[no-untyped-def]
    from pathlib import Path

    return Path(ctx.store.path) if ctx.store.path else None


def _offline(args: argparse.Namespace, url: str) -> int:
    """``checkout`` and ``sync``: the worker's one password opens both stores."""
    from triage_app.services import offline
    from triage_app.services.accounts import login, store_is_new

    if not args.user:
        raise DomainError("Geef de gebruiker met --user of TRIAGE_USER.")
    password = _secret("TRIAGE_PASSWORD", "Wachtwoord: ")
    try:
        team = offline.team_login(args.team, args.user, password)
    except offline.TeamUnreachable as exc:
        print(f"triage-app: {exc.message}", file=sys.stderr)
        return 4
    laptop = None
    try:
        if args.command == "checkout":
            if store_is_new(url):
                laptop, recovery = offline.new_laptop_store(url, team, password)
                _print_recovery(recovery)
            else:
                laptop = login(url, args.user, password)
            taken = offline.take_along(
                laptop,
                team,
                laptop_name=args.laptop,
                team_url=args.team,
                district=args.wijk,
                dossier_numbers=args.household,
                mine=args.mine,
            )
            print(f"{taken} dossiers meegenomen naar deze laptop.")
            return 0
        laptop = login(url, args.user, password)
        try:
            result = offline.sync(laptop, team)
        except offline.TeamUnreachable as exc:
            print(f"triage-app: {exc.message}", file=sys.stderr)
            return 4
        print(
            f"Gesynchroniseerd: {result.to_team} wijzigingen naar het team, "
            f"{result.to_laptop} naar deze laptop, {result.audit_rows} logregels."
        )
        if result.open_conflicts:
            print(
                f"{result.open_conflicts} conflict(en) wachten op een keuze: open de app en kies "
                "Bestand > Synchroniseren."
            )
        for problem in result.chain_problems:
            print(f"triage-app: LET OP, {problem}.", file=sys.stderr)
        if result.chain_problems:
            return 5
        return 3 if result.open_conflicts else 0
    finally:
        team.store.dispose()
        if laptop is not None:
            laptop.store.dispose()


def _demo(args: argparse.Namespace, url: str) -> int:
    from triage_app.demo.accounts import create_demo_accounts
    from triage_app.demo.generate import generate_demo
    from triage_app.services.accounts import store_is_new

    if store_is_new(url):
        ctx, passwords, recovery = create_demo_accounts(url, os.environ.get("TRIAGE_PASSWORD"))
        if not os.environ.get("TRIAGE_PASSWORD"):
            print("Demo accounts (passwords are shown once):")
            for username, password in passwords.items():
                print(f"    {username:<12} {password}")
            _print_recovery(recovery)
        else:
            print(f"Demo accounts: {', '.join(passwords)} (password from TRIAGE_PASSWORD).")
    else:
        ctx = _login(args, url)
    try:
        started = time.perf_counter()
        added = generate_demo(ctx, args.households, args.seed)
        print(f"Added {added} demo households in {time.perf_counter() - started:.1f} s.")
    finally:
        ctx.store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
