"""The printed ondersteuningsplan for a household, with its beschikkingen in the same document."""

from collections.abc import Mapping

from reportlab.platypus import Flowable, PageBreak

from triage_app.documents.base import (
    Letterhead,
    Part,
    Recipient,
    Styles,
    content_width,
    grid_table,
    paragraph,
    render_parts,
)
from triage_app.documents.decision_letter import decision_story
from triage_app.documents.intake_documents import carer_story
from triage_app.domain.letters import PlanDocument
from triage_app.resources import load_json


def _story(plan: PlanDocument, decisions: list, profile: Mapping, styles: Styles) -> list:
    """The shared parts of the plan, then the decisions for one addressee."""
    t = load_json("letters", "plan.json")
    width = content_width()
    story: list[Flowable] = [
        paragraph(f"{t['title']} — {plan.household}", styles.title),
        paragraph(plan.version_line, styles.small),
        paragraph(t["intro"], styles.body),
        paragraph(t["who_heading"], styles.heading),
        paragraph("\n".join(plan.members), styles.body),
        paragraph(t["question_heading"], styles.heading),
        paragraph(plan.question or "—", styles.body),
        *carer_story(plan.carer, styles),
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
    if decisions:
        story += [
            paragraph(t["decisions_heading"], styles.heading),
            paragraph(t["decisions_intro"], styles.body),
            paragraph("\n".join(f"{d.number}: {d.addressee}" for d in decisions), styles.body),
        ]
        for letter in decisions:
            story.append(PageBreak())
            story += decision_story(letter, styles, profile)
    return story


def render_plan(plan: PlanDocument, profile: Mapping, large_print: bool = False) -> bytes:
    """One copy of the plan per adult addressee, each with only the decisions about them (and
    the household's children); each copy starts on a front side."""
    t = load_json("letters", "plan.json")
    return render_parts(
        plan_parts(plan, profile, Styles.make(large_print)),
        title=f"{t['title']} {plan.dossier_number}",
        letterhead=Letterhead.from_profile(profile),
        large_print=large_print,
    )


def plan_parts(plan: PlanDocument, profile: Mapping, styles: Styles) -> list[Part]:
    """The copies of the plan (one per adult addressee) as parts of a document."""
    t = load_json("letters", "plan.json")
    reference = f"Plan {plan.dossier_number}"
    if plan.addressees:
        parts = [
            Part(
                _story(plan, a.decisions, profile, styles),
                reference,
                Recipient(a.name, plan.street, plan.postcode_city),
                f"{t['title']} voor {a.name}",
            )
            for a in plan.addressees
        ]
    else:
        parts = [
            Part(
                _story(plan, plan.decisions, profile, styles),
                reference,
                Recipient(plan.household, plan.street, plan.postcode_city),
                t["title"],
            )
        ]
    return parts
