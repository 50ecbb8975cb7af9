"""What a printed beschikking and plan say, computed from the issued records: plain data for
the renderers in triage_app/documents, so the wording rules are tested without a PDF."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from triage_app.domain.intake import CarerNote
from triage_app.domain.plan_views import DecisionView

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def long_date(date: dt.date | None) -> str:
    """23 november 2026 (as babel's "d MMMM y" in nl_NL, without its ~0.1 ms per date: a
    printed plan holds a few dozen dates)."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}" if date else ""


def money(amount: Decimal | str | None) -> str:
    if amount is None:
        return ""
    whole = f"{Decimal(str(amount)):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"€ {whole}"


@dataclass(frozen=True)
class ProvisionLine:
    kind: str
    extent: str
    period: str
    delivery: str
    provider: str
    pgb: str
    choice: str
    product: str
    granted: bool


@dataclass(frozen=True)
class DecisionLetter:
    number: str
    dossier_number: str
    kind: str  # first / change / termination
    outcome: str  # granted / partly_granted / refused
    addressee: str
    street: str
    postcode_city: str
    application_date: str
    decision_date: str
    send_date: str
    provisions: list[ProvisionLine]
    motivation: str
    lighter_routes: str
    contribution: str  # "" when nothing is granted
    objection: str
    objection_deadline: str
    decider: str
    replaces: str | None
    legal_basis: list[str] = field(default_factory=list)  # empty for letters issued before
    remedies: list[str] = field(default_factory=list)  # empty: ``objection`` holds the clause
    # Subject, intro, outcome and headings of this kind, as issued; empty for older letters,
    # which print the general texts of resources/letters/decision.json.
    wording: dict[str, str] = field(default_factory=dict)
    changes: list[list[str]] = field(default_factory=list)  # a wijziging: what, was, wordt
    change_notes: list[str] = field(default_factory=list)
    advice: str = ""  # a beslissing op bezwaar: the bezwaarcommissie's advice (or none asked)
    contribution_text: str = ""  # the eigen bijdrage as a rule (older letters: ``contribution``)
    pgb_rules: list[str] = field(default_factory=list)  # heading, then paragraphs
    for_whom: str = ""  # a letter to the parents: which child it is about
    case_lines: list[str] = field(default_factory=list)  # heading, then lines; empty if older
    recipient: str = ""  # the envelope's name line when it is not ``addressee`` (a curator...)
    copy_to: str = ""  # a bewindvoerder gets a copy (domain/representative.py)
    copy_recipient: list[str] = field(default_factory=list)  # name, street, postcode + city


def _period(line: dict) -> str:
    start = dt.date.fromisoformat(line["start_date"]) if line.get("start_date") else None
    end = dt.date.fromisoformat(line["end_date"]) if line.get("end_date") else None
    if start and end:
        return f"van {long_date(start)} tot en met {long_date(end)}"
    return f"vanaf {long_date(start)}" if start else ""


def decision_letter(view: DecisionView) -> DecisionLetter:
    """The letter of an issued decision, from what was stored when it was issued."""
    content = view.content
    lines = [
        ProvisionLine(
            kind=p["kind"],
            extent=p.get("extent", ""),
            period=_period(p),
            delivery=p.get("delivery_form", ""),
            provider=p.get("provider", ""),
            pgb=money(p["pgb_amount"]) if p.get("pgb_amount") else "",
            choice=p.get("preferred_provider", ""),
            product=" ".join(filter(None, [p.get("product_category"), p.get("product_code")])),
            granted=bool(p.get("granted", True)),
        )
        for p in content.get("provisions", [])
    ]
    return DecisionLetter(
        number=view.number,
        dossier_number=content.get("dossier_number", ""),
        kind=view.kind,
        outcome=view.outcome,
        addressee=view.addressee,
        street=content.get("address", ""),
        postcode_city=f"{content.get('postcode', '')}  {content.get('city', '').upper()}",
        application_date=long_date(view.application_date),
        decision_date=long_date(view.decision_date),
        send_date=long_date(view.send_date),
        provisions=lines,
        motivation=content.get("resident_motivation") or view.motivation,
        lighter_routes=view.lighter_routes,
        contribution=money(view.contribution) if view.contribution is not None else "",
        objection=content.get("objection", ""),
        objection_deadline=long_date(view.objection_deadline),
        decider=view.decided_by_name,
        replaces=view.replaces_number,
        legal_basis=list(content.get("legal_basis", [])),
        remedies=list(content.get("remedies", [])),
        wording=dict(content.get("wording", {})),
        changes=[list(row) for row in content.get("changes", [])],
        change_notes=list(content.get("change_notes", [])),
        advice=content.get("advice", ""),
        contribution_text=content.get("contribution_text", ""),
        pgb_rules=list(content.get("pgb_rules", [])),
        for_whom=content.get("for_whom", ""),
        case_lines=list(content.get("case_lines", [])),
        recipient=content.get("recipient", ""),
        copy_to=content.get("copy_to", ""),
        copy_recipient=list(content.get("copy_recipient", [])),
    )


@dataclass(frozen=True)
class GoalLine:
    domain: str
    result: str
    actions: str
    performer: str
    responsible: str
    target: str


@dataclass(frozen=True)
class PlanDocument:
    household: str
    dossier_number: str
    street: str
    postcode_city: str
    members: list[str]
    question: str
    goals: list[GoalLine]
    case_lead: str
    main_provider: str
    evaluation_date: str
    end_date: str
    version_line: str
    decisions: list[DecisionLetter] = field(default_factory=list)
    addressees: list["PlanAddressee"] = field(default_factory=list)
    carer: CarerNote | None = None  # from the household's latest gesprek


@dataclass(frozen=True)
class PlanAddressee:
    """An adult who receives the plan: the shared parts and only the decisions about them
    (and about the household's children)."""

    name: str
    decisions: list[DecisionLetter]


FAMILY = frozenset({"main", "partner", "child", "parent"})


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def plan_addressees(members, decisions, on: dt.date) -> tuple[list, list[PlanAddressee]]:  # type: ignore[no-untyped-def]
    """Who the plan is about and who receives it. Family members are in the plan; a housemate
    or other member only when a decision is about them. Every adult in the plan receives it,
    with the decisions about them; decisions about a child go to the family's adults."""
    decided = {d.person_id for d in decisions}
    in_plan = [m for m in members if str(m.role) in FAMILY or m.id in decided]
    adults = [m for m in in_plan if _age(m.birth_date, on) >= 18]
    minors = {m.id for m in in_plan if m not in adults}
    addressees = []
    for adult in adults:
        own = [
            d
            for d in decisions
            if d.person_id == adult.id or (d.person_id in minors and str(adult.role) in FAMILY)
        ]
        addressees.append(PlanAddressee(adult.name, [decision_letter(d) for d in own]))
    return in_plan, addressees


def plan_document(
    plan,
    household,
    domain_names: dict[str, str],
    performer_labels: dict,  # type: ignore[no-untyped-def]
    case_lead: str,
    provider_name: str,
    on: dt.date,
) -> PlanDocument:
    """The printed plan of the version in force (or the draft when none is issued yet), with
    its addressees as of ``on`` (today)."""
    version = plan.current or plan.draft
    draft = version.draft
    if version.issued_at:
        line = f"Versie {version.number}, vastgesteld op {long_date(version.issued_at.date())}"
    else:
        line = f"Versie {version.number} (concept, nog niet vastgesteld)"
    in_plan, addressees = plan_addressees(household.members, version.decisions, on)
    return PlanDocument(
        household=household.name,
        dossier_number=household.dossier_number,
        street=household.address,
        postcode_city=f"{household.postcode}  {household.city.upper()}",
        members=[f"{m.name} (geboren {long_date(m.birth_date)})" for m in in_plan],
        question=draft.question,
        goals=[
            GoalLine(
                domain_names.get(g.life_domain, g.life_domain),
                g.result,
                g.actions,
                performer_labels[g.performer],
                g.responsible,
                long_date(g.target_date),
            )
            for g in draft.goals
        ],
        case_lead=case_lead,
        main_provider=provider_name,
        evaluation_date=long_date(draft.evaluation_date),
        end_date=long_date(draft.end_date),
        version_line=line,
        decisions=[decision_letter(d) for d in version.decisions],
        addressees=addressees,
    )
