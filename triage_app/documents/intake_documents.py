"""The written report of the onderzoek (the resident is entitled to it) and the referral letter
to a social-base partner, in plain Dutch."""

from dataclasses import dataclass

from triage_app.documents.base import (
    Letterhead,
    Recipient,
    Styles,
    content_width,
    label_table,
    paragraph,
    render,
)


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


@dataclass(frozen=True)
class ReferralLetter:
    reference: str
    organisation: str
    activity: str
    resident: str
    contact: str  # "" when the resident did not agree to share it
    question: str  # "" when the resident did not agree to share it
    follow_up: str
    worker: str


def render_assessment_report(
    r: AssessmentReport, profile: dict, large_print: bool = False
) -> bytes:
    s = Styles.make(large_print)
    story = [
        paragraph("Verslag van ons gesprek", s.title),
        paragraph(f"Beste {r.resident},", s.body),
        paragraph(
            f"Op {r.melding_date} hebt u zich gemeld met een vraag. Op {r.held_on} hebben "
            "we met u gesproken. In dit verslag staat wat we bespraken en wat we "
            "afspraken. Klopt er iets niet, of mist u iets? Laat het ons weten, dan passen "
            "we het aan. U mag ook zelf een plan maken en inleveren.",
            s.body,
        ),
        paragraph("Uw vraag", s.heading),
        paragraph(r.question, s.body),
        paragraph("Hoe het nu gaat", s.heading),
        label_table(
            [(d, f"{lvl}{' — ' + n if n else ''}") for d, lvl, n in r.scores], s, content_width()
        ),
        paragraph("Wat goed gaat", s.heading),
        paragraph(r.strengths or "-", s.body),
        paragraph("Wie u helpt", s.heading),
        paragraph(r.network or "-", s.body),
        paragraph("Wat u zelf wilt", s.heading),
        paragraph(r.wishes or "-", s.body),
        paragraph("Wat we afspreken", s.heading),
        paragraph(f"Ons advies was: {r.advice}. We kiezen samen voor: {r.route}.", s.body),
    ]
    if r.motivation:
        story.append(paragraph(f"Waarom: {r.motivation}", s.body))
    story.append(paragraph(f"Met vriendelijke groet,\n{r.worker}", s.body))
    return render(
        story,
        title="Verslag van het onderzoek",
        reference=f"Verslag {r.dossier_number}",
        letterhead=Letterhead.from_profile(profile),
        recipient=Recipient(r.resident, r.street, r.postcode_city),
        large_print=large_print,
    )


def render_referral_letter(r: ReferralLetter, profile: dict, large_print: bool = False) -> bytes:
    s = Styles.make(large_print)
    rows = [("Voor", r.organisation), ("Aanbod", r.activity), ("Bewoner", r.resident)]
    if r.contact:
        rows.append(("Contact", r.contact))
    story = [
        paragraph(f"Verwijzing naar {r.organisation}", s.title),
        paragraph("Beste collega,", s.body),
        paragraph(
            "Wij verwijzen een bewoner naar u door. Wilt u contact opnemen en ons laten "
            f"weten of het lukt? Wij bellen u na op {r.follow_up}.",
            s.body,
        ),
        label_table(rows, s, content_width()),
    ]
    if r.question:
        story += [
            paragraph("De vraag in de woorden van de bewoner", s.heading),
            paragraph(r.question, s.body),
        ]
    else:
        story.append(
            paragraph(
                "De bewoner heeft geen toestemming gegeven om meer gegevens te "
                "delen. Neem voor contact eerst contact op met ons.",
                s.body,
            )
        )
    story.append(paragraph(f"Met vriendelijke groet,\n{r.worker}", s.body))
    return render(
        story,
        title="Verwijzing",
        reference=r.reference,
        letterhead=Letterhead.from_profile(profile),
        recipient=None,
        large_print=large_print,
    )
