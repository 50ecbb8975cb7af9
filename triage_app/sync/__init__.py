"""Taking dossiers along from the PostgreSQL team store into a laptop's encrypted store and
bringing the work back (issue 20).

No existing sync library fits SQLCipher + PostgreSQL + SQLModel: sqlite-sync-core is AGPL and
SQLite-only, CouchDB-style systems need their own store. So the core is small and kept here:
``records`` (a dossier's rows as comparable dicts), ``take_along`` (checkout), ``bring_back``
(what each side must write) and ``run`` (one sync in batches). The merge rules themselves are
pure functions in ``triage_app/domain/sync_merge.py``. Layer: below services, above store.
"""
