"""Child process for the crash test: once told "go" on standard input, register households
(COUNT of them, or until killed when COUNT is 0), reporting each commit.

Usage: python crash_writer.py URL KEY_HEX START [COUNT]
"""

import sys

from triage_app.domain.accounts import Actor, Role
from triage_app.domain.household import HouseholdInput, MemberRole, PersonInput
from triage_app.services.context import ServiceContext
from triage_app.services.households import register_household
from triage_app.store.engine import open_store


def main(argv: list[str]) -> None:
    url, key_hex, start = argv[0], argv[1], int(argv[2])
    count = int(argv[3]) if len(argv) > 3 else 0
    store = open_store(url, bytes.fromhex(key_hex), upgrade=False)
    ctx = ServiceContext(store, Actor("crash", "Crash Test", frozenset({Role.INTAKE})))
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        return
    n = start
    while not count or n < start + count:
        view = register_household(
            ctx,
            HouseholdInput(
                street="Crashlaan",
                house_number=str(n % 999 + 1),
                postcode="3511 AB",
                city="Utrecht",
                district="Binnenstad",
                members=[
                    PersonInput(first_name=f"Een{n}", last_name="Crash", birth_date="01-01-1970"),
                    PersonInput(
                        first_name=f"Twee{n}",
                        last_name="Crash",
                        birth_date="02-02-1972",
                        role=MemberRole.PARTNER,
                    ),
                    PersonInput(
                        first_name=f"Drie{n}",
                        last_name="Crash",
                        birth_date="03-03-2010",
                        role=MemberRole.CHILD,
                    ),
                ],
            ),
            allow_duplicate=True,
        )
        print(f"ok {view.dossier_number}", flush=True)
        n += 1


if __name__ == "__main__":
    main(sys.argv[1:])
