"""Taking dossiers along from the team store into a laptop store and bringing the work back
(used by services/offline.py; the merge rules are pure functions in domain/sync_merge.py)."""
