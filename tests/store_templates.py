"""Demo stores made once per test session and copied for each test.

Setting up a store with its demo accounts runs every migration and a dozen argon2id
derivations (about a second); generating demo households takes a second or more too. A test
that only needs such a store to start from gets a copy of one made earlier in the session by
the same build function: the store file (and key file), byte for byte. The copy is a store of
its own (its own folder, locks, backups and data directory); it only shares its keys and
passwords with the other copies, so a test about two *different* stores must still build the
second one itself.
"""

import datetime as dt
import functools
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from triage_app.demo.accounts import create_demo_accounts
from triage_app.demo.generate import generate_demo
from triage_app.domain.accounts import Actor, Role
from triage_app.services.accounts import local_store_path
from triage_app.services.context import ServiceContext
from triage_app.store.engine import open_store

# What a closed store leaves beside its file besides the file itself: locks are made anew.
_NOT_COPIED = (".lock", "-shm")


@functools.cache
def _demo_accounts(password: str) -> Callable[[str], str | None]:
    def build(url: str) -> str | None:
        ctx, _, recovery = create_demo_accounts(url, password)
        ctx.store.dispose()
        return recovery

    return build


@functools.cache
def demo_households(households: int, seed: int, today: dt.date) -> Callable[[str], None]:
    """A build function: ``households`` demo households generated with ``seed`` by the
    ``ctx`` fixture's worker (every role) on ``today``, in the (new or migrated) store at the
    URL it is given, SQLite or PostgreSQL."""

    def build(url: str) -> None:
        store = open_store(url)
        everyone = Actor(username="tester", display_name="Tester", roles=frozenset(Role))
        generate_demo(ServiceContext(store, everyone, today=lambda: today), households, seed)
        store.dispose()

    return build


class StoreTemplates:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._made: dict[Callable[[str], Any], tuple[Path, Any]] = {}

    def copy(self, url: str, build: Callable[[str], Any]) -> Any:
        """Put at ``url`` a copy of the store ``build(url)`` makes (built once per session)
        and return what that build returned. ``build`` must close its store."""
        if build not in self._made:
            folder = self.folder / str(len(self._made))
            folder.mkdir(parents=True)
            template = folder / "triage.db"
            result = build(f"sqlite:///{template}")
            wal = Path(f"{template}-wal")
            assert not wal.exists() or not wal.stat().st_size, "build left its store open"
            self._made[build] = (folder, result)
        folder, result = self._made[build]
        target = local_store_path(url)
        assert target is not None and not target.exists(), url
        target.parent.mkdir(parents=True, exist_ok=True)
        for path in folder.iterdir():
            if path.name.endswith(_NOT_COPIED) or path.name.endswith("-wal"):
                continue
            name = path.name.replace("triage.db", target.name, 1)
            if path.is_dir():
                shutil.copytree(path, target.parent / name)
            else:
                shutil.copy2(path, target.parent / name)
        return result

    def demo_accounts(self, url: str, password: str) -> str | None:
        """Put at ``url`` a store with the demo accounts, each with ``password``, as
        ``create_demo_accounts`` sets it up; returns its recovery key."""
        return self.copy(url, _demo_accounts(password))

    def demo_households(self, url: str, households: int, seed: int, today: dt.date) -> None:
        """Put at ``url`` a plain store with ``households`` demo households, as the ``ctx``
        fixture's worker (every role, on ``today``) generates them with ``seed``."""
        self.copy(url, demo_households(households, seed, today))
