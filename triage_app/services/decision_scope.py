"""Which beschikkingen issuing a plan version makes: a first decision per applicant, and after
that only one per provision that changed (domain/decision_changes.py); a provision that did
not change keeps its decision and its objection term."""

import dataclasses
import uuid
from dataclasses import dataclass

from sqlmodel import Session, select

from triage_app.domain.decision_changes import changed
from triage_app.domain.decision_rules import DecisionFacts
from triage_app.domain.plan import DecisionKind, ProvisionData
from triage_app.services.plan_mapping import draft_of
from triage_app.store.plan_tables import Decision, PlanVersion


@dataclass(frozen=True)
class Pending:
    """One decision to make: for whom, on what, of what kind, and what it replaces."""

    person_id: uuid.UUID
    facts: DecisionFacts
    kind: DecisionKind
    replaces: Decision | None
    was: ProvisionData | None  # the provision in force that this decision changes


def in_force(session: Session, version: PlanVersion) -> list[ProvisionData]:
    """The provisions of the version this draft replaces (none for a first version)."""
    if version.replaces_version_id is None:
        return []
    base = session.get(PlanVersion, version.replaces_version_id)
    return draft_of(session, base).provisions if base else []


def _earlier_decisions(session: Session, version: PlanVersion) -> list[Decision]:
    return list(
        session.exec(
            select(Decision)
            .join(PlanVersion, PlanVersion.id == Decision.plan_version_id)
            .where(
                PlanVersion.plan_id == version.plan_id,
                PlanVersion.id != version.id,
                Decision.kind != DecisionKind.OBJECTION,  # a ruling decides no provision
            )
            .order_by(Decision.decision_date, Decision.number)
        ).all()
    )


def _covering(earlier: list[Decision], person_id: uuid.UUID, kind: str) -> Decision | None:
    """The newest earlier decision of ``person_id`` on a provision of ``kind`` (decisions
    issued before the codes were stored: the person's newest decision)."""
    mine = [d for d in earlier if d.person_id == person_id]
    for d in reversed(mine):
        if kind in d.content.get("provision_codes", [kind]):
            return d
    return mine[-1] if mine else None


def decisions_to_make(
    session: Session, version: PlanVersion, facts: dict[uuid.UUID, DecisionFacts]
) -> list[Pending]:
    earlier = _earlier_decisions(session, version)
    before = in_force(session, version)
    pending = []
    for person_id, f in facts.items():
        if not any(d.person_id == person_id for d in earlier):
            pending.append(Pending(person_id, f, DecisionKind.FIRST, None, None))
            continue
        mine = [p for p in before if p.person_id == person_id]
        for was, now in changed(mine, f.provisions):
            kind = (
                DecisionKind.FIRST
                if was is None
                else DecisionKind.TERMINATION
                if now.terminate
                else DecisionKind.CHANGE
            )
            replaces = _covering(earlier, person_id, now.kind) if was else None
            one = dataclasses.replace(f, provisions=[now])
            pending.append(Pending(person_id, one, kind, replaces, was))
    return pending
