"""A change decides only what changes: which provisions of a new plan version differ from the
ones in force, what each was and becomes (the letter's was → wordt table), and the gaps in
cover or overlaps the worker is warned about before issuing.

A provision is the same provision across versions when it is for the same person and of the
same kind (one arrangement of a kind per person at a time).
"""

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence

from triage_app.domain.arrangement import kinds, name_of, providers
from triage_app.domain.letters import long_date, money
from triage_app.domain.plan import (
    DELIVERY_LABELS,
    FREQUENCY_LABELS,
    INTENSITY_LABELS,
    UNIT_LABELS,
    ProvisionData,
)

Key = tuple[uuid.UUID, str]


def key(p: ProvisionData) -> Key:
    return (p.person_id, p.kind)


def changed(
    before: Sequence[ProvisionData], after: Sequence[ProvisionData]
) -> list[tuple[ProvisionData | None, ProvisionData]]:
    """The provisions of ``after`` that are new or differ from ``before``, each with the one
    it changes (None when new). Unchanged provisions keep their decision."""
    old = {key(p): p for p in before}
    return [(old.get(key(p)), p) for p in after if old.get(key(p)) != p]


def _extent(p: ProvisionData) -> str:
    if p.volume is None or p.unit is None or p.frequency is None:
        return ""
    return f"{p.volume:g} {UNIT_LABELS[p.unit]} {FREQUENCY_LABELS[p.frequency]}"


def _period(p: ProvisionData) -> str:
    return f"{long_date(p.start_date)} tot en met {long_date(p.end_date)}"


def _intensity(p: ProvisionData, areas: Mapping[str, str]) -> str:
    return ", ".join(
        f"{areas.get(area, area)}: {INTENSITY_LABELS[level].lower()}"
        for area, level in sorted(p.intensities.items())
    )


def change_rows(
    old: ProvisionData, new: ProvisionData, table: Mapping, areas: Mapping[str, str]
) -> list[list[str]]:
    """The letter's was → wordt rows (what, was, wordt) for the parts that differ."""
    provider_options = providers(table)
    parts = [
        ("Soort ondersteuning", lambda p: name_of(kinds(table), p.kind)),
        ("Zwaarte", lambda p: _intensity(p, areas)),
        ("Hoeveel (omvang)", _extent),
        ("Van en tot (duur)", _period),
        ("Vorm", lambda p: DELIVERY_LABELS[p.delivery_form]),
        ("Aanbieder", lambda p: name_of(provider_options, p.provider)),
        ("Pgb per maand", lambda p: money(p.pgb_amount)),
    ]
    return [[label, show(old), show(new)] for label, show in parts if show(old) != show(new)]


def cover_warnings(
    before: Sequence[ProvisionData], after: Sequence[ProvisionData], names: Mapping[str, str]
) -> list[str]:
    """Warnings (Dutch) when the new version leaves a gap in cover between a provision in
    force and its change, or when two provisions of one kind for one person overlap.
    ``names`` maps a person id (as str) to a name."""
    warnings = []
    for was, now in changed(before, after):
        if was is None or not (was.end_date and now.start_date):
            continue
        if now.start_date > was.end_date + dt.timedelta(days=1):
            warnings.append(
                f"{names.get(str(now.person_id), '')}: de ondersteuning stopt op "
                f"{long_date(was.end_date)} en de wijziging begint pas op "
                f"{long_date(now.start_date)}. Daartussen is er geen ondersteuning."
            )
    for i, p in enumerate(after):
        for q in after[i + 1 :]:
            if key(p) == key(q) and _overlap(p, q):
                warnings.append(
                    f"{names.get(str(p.person_id), '')}: twee keer dezelfde soort "
                    f"ondersteuning in dezelfde periode."
                )
    return warnings


def _overlap(p: ProvisionData, q: ProvisionData) -> bool:
    far = dt.date.max
    p_start, q_start = p.start_date or dt.date.min, q.start_date or dt.date.min
    return p_start <= (q.end_date or far) and q_start <= (p.end_date or far)
