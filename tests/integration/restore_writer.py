"""Child process for the restore test: log in and register households until a restore stops
it, printing each committed dossier number; prints STOPPED and the message when stopped.

Usage: python restore_writer.py URL USER PASSWORD
"""

import sys

from triage_app.domain.household import HouseholdInput, PersonInput
from triage_app.services.accounts import login
from triage_app.services.households import register_household
from triage_app.store.engine import StoreBeingRestored


def main() -> None:
    url, user, password = sys.argv[1:4]
    ctx = login(url, user, password, sleep=lambda s: None)
    print("ready", flush=True)
    n = 0
    try:
        while True:
            n += 1
            view = register_household(
                ctx,
                HouseholdInput(
                    street="Terugzetlaan",
                    house_number=str(n),
                    postcode="3511 AB",
                    city="Utrecht",
                    district="Binnenstad",
                    members=[
                        PersonInput(
                            first_name=f"Schrijver{n}", last_name="Door", birth_date="01-01-1970"
                        )
                    ],
                ),
            )
            print(view.dossier_number, flush=True)
    except StoreBeingRestored as exc:
        print(f"STOPPED {exc.message}", flush=True)
        sys.exit(3)


if __name__ == "__main__":
    main()
