"""Fictional demo data for trying the app and for benchmarks (``triage-app demo``, the first
start's "Eerst proberen"). Built through the same domain rules as real work, so demo letters
are real letters.

    generate.py    generate_demo: chunks of households, each part's rows bulk-inserted
    rows.py        Part: the base of every part; seeded ids; Core bulk insert
    households.py  households and members (HouseholdInput.validate)
    intake.py      meldingen, gesprekken, routes, referrals
    acute.py       open acute meldingen of the last days (the queue starts with them)
    plans.py       plans, versions, goals, evaluations, open applications
    decisions.py   beschikkingen, issued like a decider issues them
    accounts.py    one demo account per role
"""
