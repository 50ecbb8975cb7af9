"""The query planner's statistics: refreshed after migrations and bulk loads (demo data)."""

from sqlalchemy import Engine


def analyze(engine: Engine) -> None:
    """Run ANALYZE. Without statistics SQLite may pick an index that scans all open meldingen
    instead of one household's (issue 19); PostgreSQL plans better with fresh ones too."""
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
