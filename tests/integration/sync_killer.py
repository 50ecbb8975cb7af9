"""Child process for the offline-sync test: sync a laptop and kill itself (SIGKILL) once the
team store has taken the first batch and before the laptop's store records it.

Usage: python sync_killer.py LAPTOP_URL TEAM_URL USER PASSWORD
"""

import os
import signal
import sys

from triage_app.services import accounts, offline


def main() -> None:
    laptop_url, team_url, user, password = sys.argv[1:5]
    laptop = accounts.login(laptop_url, user, password)
    team = offline.team_login(team_url, user, password)

    def kill(stage: str) -> None:
        if stage == "team":
            print("killed", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    offline.sync(laptop, team, checkpoint=kill, batch_size=1)


if __name__ == "__main__":
    main()
