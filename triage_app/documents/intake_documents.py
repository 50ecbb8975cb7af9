"""The written report of the onderzoek (the resident is entitled to it) and the referral letter
to a social-base partner, in plain Dutch; their wording is in resources/letters/."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from triage_app.documents.base import (
    Letterhead,
    Recipient,
    Styles,
    content_width,
    label_table,
    paragraph,
    render,
)
from triage_app.domain.intake import CarerNote
from triage_app.resources import load_json


@dataclass(frozen=True)
class AssessmentReport:
    dossier_number: str
    resident: str
    street: str
    postcode_city: str
    melding_date: str
    held_on: str
    question: str
    scores: list[tuple[str, str, str]]  # domain, level text, notes
    strengths: str
    network: str
    wishes: str
    advice: str
    route: str
    motivation: str
    worker: str
    carer: CarerNote | None = None
    # Data minimisation: the domains assessed with why (None: every domain was asked, from
    # before domains were marked) and the domains not asked.
    assessed: list[tuple[str, str]] | None = None  # domain, "" (the question) or the reason
    not_asked: list[str] = field(default_factory=list)


def carer_story(carer: CarerNote | None, styles: Styles) -> list:
    """The "Mantelzorg" part of the verslag and the plan (nothing when nothing was said)."""
    if carer is None or not carer.worth_printing:
        return []
    t = load_json("letters", "carer.json")
    lines = [
        t["carers"].format(carers=carer.carers.strip()) if carer.carers.strip() else t["no_carers"],
        t["load"][str(carer.load)],
    ]
    if carer.respite.strip():
        lines.append(t["respite"].format(respite=carer.respite.strip()))
    return [paragraph(t["heading"], styles.heading), paragraph("\n".join(lines), styles.body)]


@dataclass(frozen=True)
class ReferralLetter:
    reference: str  # dossier number and the referral's number in it
    date: str
    organisation: str
    activity: str
    resident: str
    contact: str  # "" when the resident did not agree to share it
    question: str  # "" when the resident did not agree to share it
    consent: str  # the resident's consent in the worker's words ("" when none)
    follow_up: str
    worker: str


def _scope_story(r: AssessmentReport, t: Mapping, s: Styles) -> list:
    """Which life domains were assessed and why, and which were not asked."""
    if r.assessed is None:
        return []
    story = [paragraph(t["scope_heading"], s.heading), paragraph(t["scope_intro"], s.body)]
    if r.assessed:
        rows = [
            (domain, t["other_reason"].format(reason=why) if why else t["in_question"])
            for domain, why in r.assessed
        ]
        story.append(label_table(rows, s, content_width()))
    if r.not_asked:
        story.append(paragraph(t["not_asked"].format(domains=", ".join(r.not_asked)), s.body))
    return story


def render_assessment_report(
    r: AssessmentReport, profile: Mapping, large_print: bool = False
) -> bytes:
    t = load_json("letters", "report.json")
    s = Styles.make(large_print)
    story = [
        paragraph(t["title"], s.title),
        paragraph(t["salutation"].format(name=r.resident), s.body),
        paragraph(t["intro"].format(melding_date=r.melding_date, held_on=r.held_on), s.body),
        paragraph(t["question_heading"], s.heading),
        paragraph(r.question, s.body),
        *_scope_story(r, t, s),
        paragraph(t["now_heading"], s.heading),
        label_table(
            [(d, f"{lvl}{' — ' + n if n else ''}") for d, lvl, n in r.scores], s, content_width()
        ),
        paragraph(t["strengths_heading"], s.heading),
        paragraph(r.strengths or "-", s.body),
        paragraph(t["network_heading"], s.heading),
        paragraph(r.network or "-", s.body),
        *carer_story(r.carer, s),
        paragraph(t["wishes_heading"], s.heading),
        paragraph(r.wishes or "-", s.body),
        paragraph(t["agreed_heading"], s.heading),
        paragraph(
            (t["agreed"] if r.route else t["not_agreed"]).format(advice=r.advice, route=r.route),
            s.body,
        ),
    ]
    if r.motivation:
        story.append(paragraph(t["why"].format(motivation=r.motivation), s.body))
    story.append(paragraph(t["closing"].format(worker=r.worker), s.body))
    return render(
        story,
        title="Verslag van het onderzoek",
        reference=f"Verslag {r.dossier_number}",
        letterhead=Letterhead.from_profile(profile),
        recipient=Recipient(r.resident, r.street, r.postcode_city),
        large_print=large_print,
    )


def render_referral_letter(r: ReferralLetter, profile: Mapping, large_print: bool = False) -> bytes:
    t = load_json("letters", "referral.json")
    s = Styles.make(large_print)
    labels = t["labels"]
    rows = [
        (labels["date"], r.date),
        (labels["reference"], r.reference),
        (labels["for"], r.organisation),
        *([(labels["offer"], r.activity)] if r.activity else []),  # none: not from the list
        (labels["resident"], r.resident),
    ]
    if r.contact:
        rows.append((labels["contact"], r.contact))
    if r.consent:
        rows.append((labels["consent"], r.consent))
    story = [
        paragraph(t["title"].format(organisation=r.organisation), s.title),
        paragraph(t["salutation"], s.body),
        paragraph(t["intro"].format(follow_up=r.follow_up), s.body),
        label_table(rows, s, content_width()),
    ]
    if r.question:
        story += [paragraph(t["question_heading"], s.heading), paragraph(r.question, s.body)]
    else:
        story.append(paragraph(t["no_consent"], s.body))
    story.append(paragraph(t["closing"].format(worker=r.worker), s.body))
    return render(
        story,
        title="Verwijzing",
        reference=r.reference,
        letterhead=Letterhead.from_profile(profile),
        recipient=None,
        large_print=large_print,
    )
