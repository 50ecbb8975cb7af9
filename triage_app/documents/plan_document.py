"""The printed ondersteuningsplan for a household, with its beschikkingen in the same document."""

from collections.abc import Mapping

from reportlab.platypus import Flowable, PageBreak

from triage_app.documents.base import (
    Letterhead,
    Recipient,
    Styles,
    content_width,
    grid_table,
    paragraph,
    render,
)
from triage_app.documents.decision_letter import decision_story
from triage_app.domain.letters import PlanDocument
from triage_app.resources import load_json


def render_plan(plan: PlanDocument, profile: Mapping, large_print: bool = False) -> bytes:
    t = load_json("letters", "plan.json")
    styles = Styles.make(large_print)
    width = content_width()
    story: list[Flowable] = [
        paragraph(f"{t['title']} — {plan.household}", styles.title),
        paragraph(plan.version_line, styles.small),
        paragraph(t["intro"], styles.body),
        paragraph(t["who_heading"], styles.heading),
        paragraph("\n".join(plan.members), styles.body),
        paragraph(t["question_heading"], styles.heading),
        paragraph(plan.question or "—", styles.body),
        paragraph(t["goals_heading"], styles.heading),
    ]
    domains: dict[str, list] = {}
    for goal in plan.goals:
        domains.setdefault(goal.domain, []).append(goal)
    for domain, goals in domains.items():
        story.append(paragraph(domain, styles.subheading))
        story += grid_table(
            t["goal_columns"],
            [(g.result, g.actions, g.performer, g.responsible, g.target) for g in goals],
            styles,
            width,
            weights=(0.3, 0.3, 0.14, 0.14, 0.12),
            whole=(4,),  # a date is never broken
        )
    story.append(paragraph(t["lead_heading"], styles.heading))
    for key, value in (
        ("case_lead", plan.case_lead),
        ("main_provider", plan.main_provider),
        ("evaluation", plan.evaluation_date),
        ("end_date", plan.end_date),
    ):
        if value:
            story.append(paragraph(t[key].format(name=value, date=value), styles.body))
    if plan.decisions:
        story += [
            paragraph(t["decisions_heading"], styles.heading),
            paragraph(t["decisions_intro"], styles.body),
            paragraph("\n".join(f"{d.number}: {d.addressee}" for d in plan.decisions), styles.body),
        ]
        for letter in plan.decisions:
            story.append(PageBreak())
            story += decision_story(letter, styles, profile)
    return render(
        story,
        title=f"{t['title']} {plan.dossier_number}",
        reference=f"Plan {plan.dossier_number}",
        letterhead=Letterhead.from_profile(profile),
        recipient=Recipient(plan.household, plan.street, plan.postcode_city),
        large_print=large_print,
    )
