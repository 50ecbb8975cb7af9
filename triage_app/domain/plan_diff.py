"""What changed between two plan versions, for the side-by-side view."""

from triage_app.domain.plan import PlanDraft
from triage_app.domain.plan_views import Difference
from triage_app.domain.values import format_date


def _goal_lines(draft: PlanDraft) -> dict[str, str]:
    return {
        f"{g.life_domain}: {g.result}": f"{g.actions} | {g.performer} | {g.responsible} | "
        f"{format_date(g.target_date)}"
        for g in draft.goals
    }


def _provision_lines(draft: PlanDraft) -> dict[str, str]:
    lines = {}
    for p in draft.provisions:
        key = f"{p.kind} ({p.person_id.hex[:6]})"
        levels = ", ".join(f"{a}={lvl}" for a, lvl in sorted(p.intensities.items()))
        lines[key] = (
            f"{p.segment}; {levels}; {p.delivery_form}; {p.provider or ''}; "
            f"{p.volume or ''} {p.unit or ''} {p.frequency or ''}; "
            f"{format_date(p.start_date)} - {format_date(p.end_date)}"
            + ("" if p.granted else "; afgewezen")
            + ("; beëindigd" if p.terminate else "")
        )
    return lines


def _compare(section: str, before: dict[str, str], after: dict[str, str]) -> list[Difference]:
    result = []
    for key in list(dict.fromkeys([*before, *after])):
        old, new = before.get(key, ""), after.get(key, "")
        if old != new:
            result.append(Difference(section, key, old, new))
    return result


def diff_drafts(before: PlanDraft, after: PlanDraft) -> list[Difference]:
    plan_fields = {
        "Casusregisseur": (before.case_lead, after.case_lead),
        "Hulpvraag": (before.question, after.question),
        "Hoofdaanbieder": (before.main_provider or "", after.main_provider or ""),
        "Evaluatiedatum": (format_date(before.evaluation_date), format_date(after.evaluation_date)),
        "Einddatum": (format_date(before.end_date), format_date(after.end_date)),
    }
    result = [
        Difference("Plan", name, old, new) for name, (old, new) in plan_fields.items() if old != new
    ]
    result += _compare("Doel", _goal_lines(before), _goal_lines(after))
    result += _compare("Maatwerk", _provision_lines(before), _provision_lines(after))
    return result
