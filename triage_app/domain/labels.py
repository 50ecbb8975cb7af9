"""Counted nouns as a worker reads them: "1 besluit", "2 besluiten", "0 besluiten"."""


def counted(n: int, one: str, many: str) -> str:
    """``n`` followed by the singular noun for exactly one, else the plural."""
    return f"{n} {one if n == 1 else many}"
