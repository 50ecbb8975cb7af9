"""Offline work at scale: take a wijk of 2,000 households along from a PostgreSQL team store
into an encrypted laptop store, change 200 dossiers offline and sync them back.

    .venv/bin/python -m bench.offline_figures [--households 2000] [--changed 200]

Starts a throw-away PostgreSQL server; prints its figures, asserts nothing.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench.data import PASSWORD
from triage_app.domain.household import HouseholdInput, PersonInput
from triage_app.services import households, offline

WIJK = "Overvecht"


def _edit(view, phone: str) -> HouseholdInput:  # type: ignore[no-untyped-def]
    return HouseholdInput(
        street=view.street,
        house_number=f"{view.house_number}{view.house_number_addition}",
        postcode=view.postcode,
        city=view.city,
        district=view.district,
        phone=phone,
        id=view.id,
        version=view.version,
        members=[
            PersonInput(
                first_name=m.first_name,
                prefix=m.prefix,
                last_name=m.last_name,
                birth_date=m.birth_date.strftime("%d-%m-%Y"),
                role=m.role,
                phone=m.phone or "",
                email=m.email or "",
                is_carer=m.is_carer,
                id=m.id,
                version=m.version,
            )
            for m in view.members
        ],
    )


def bench_offline(count: int = 2000, changed: int = 200) -> list[str]:
    """Lines to print: take-along of ``count`` households, sync of ``changed`` dossiers."""
    from tests.postgres_server import PostgresServer
    from triage_app.demo.accounts import create_demo_accounts
    from triage_app.demo.generate import generate_demo

    server = PostgresServer()
    if not server.available:
        return ["PostgreSQL is not installed here: no offline figures."]
    url = server.start()
    folder = Path(tempfile.mkdtemp(prefix="triage-offline-"))
    try:
        admin, _, _ = create_demo_accounts(url, PASSWORD)
        generate_demo(admin, count, 42)
        with admin.store.engine.begin() as connection:  # one wijk of ``count`` households
            connection.exec_driver_sql(f"UPDATE household SET district = '{WIJK}'")
        admin.store.dispose()
        team = offline.team_login(url, "decider", PASSWORD)
        laptop, _ = offline.new_laptop_store(f"sqlite:///{folder / 'laptop.db'}", team, PASSWORD)

        started = time.perf_counter()
        taken = offline.take_along(laptop, team, laptop_name="bench", team_url=url, district=WIJK)
        take_s = time.perf_counter() - started

        ids = [h.id for h in households.search_households(laptop, "utrecht", limit=changed).rows]
        for n, hid in enumerate(ids):
            view = households.get_household(laptop, hid)
            households.update_household(laptop, _edit(view, f"06{n:08d}"))
        started = time.perf_counter()
        result = offline.sync(laptop, team)
        sync_s = time.perf_counter() - started
        started = time.perf_counter()
        offline.sync(laptop, team)
        idle_s = time.perf_counter() - started
        team.store.dispose()
        laptop.store.dispose()
        return [
            f"{'take along a wijk of ' + str(taken) + ' households':<44} {take_s:9.1f} s"
            f"{'':>50}<= 30 s",
            f"{'sync ' + str(len(ids)) + ' changed dossiers (of ' + str(taken) + ')':<44} "
            f"{sync_s:9.1f} s{'':>50}<= 10 s   ({result.to_team} records to the team)",
            f"{'sync again, nothing changed':<44} {idle_s:9.1f} s",
        ]
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=2000)
    parser.add_argument("--changed", type=int, default=200)
    args = parser.parse_args(argv)
    for line in bench_offline(args.households, args.changed):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
