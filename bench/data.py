"""The benchmark store: 100,000 demo households in an encrypted file, made once and reused."""

import os
import time
from pathlib import Path

from triage_app.demo.accounts import create_demo_accounts
from triage_app.demo.generate import generate_demo
from triage_app.services import accounts
from triage_app.services.context import ServiceContext

DATA_DIR = Path(os.environ.get("TRIAGE_BENCH_DIR", Path(__file__).parent / ".data"))
PASSWORD = "Bench-wachtwoord-2026"


def bench_url(households: int) -> str:
    return f"sqlite:///{DATA_DIR / f'bench-{households}.db'}"


def ensure_store(households: int, seed: int = 42) -> str:
    """Make the store unless it exists already; returns its URL."""
    url = bench_url(households)
    if accounts.store_is_new(url):
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        admin, _, _ = create_demo_accounts(url, PASSWORD)
        generate_demo(admin, households, seed)
        admin.store.dispose()
        print(f"generated {households} households in {time.perf_counter() - started:.1f} s")
    return url


def login(url: str, username: str = "intake") -> ServiceContext:
    return accounts.login(url, username, PASSWORD)
