"""The preview of an issue: every beschikking the issue would print, then the plan, each page
marked as a concept that is not yet issued."""

from collections.abc import Mapping

from triage_app.documents.base import Letterhead, Part, Recipient, Styles, render_parts
from triage_app.documents.decision_letter import decision_story
from triage_app.documents.plan_document import plan_parts
from triage_app.domain.letters import DecisionLetter, PlanDocument

CONCEPT_MARK = "CONCEPT - nog niet vastgesteld, niet versturen"


def render_issue_preview(
    letters: list[DecisionLetter], plan: PlanDocument, profile: Mapping, large_print: bool = False
) -> bytes:
    styles = Styles.make(large_print)
    parts = [
        Part(
            decision_story(letter, styles, profile),
            f"Besluit {letter.number}",
            Recipient(letter.addressee, letter.street, letter.postcode_city),
            f"Besluit voor {letter.addressee}",
        )
        for letter in letters
    ]
    parts += plan_parts(plan, profile, styles)
    return render_parts(
        parts,
        title=f"Voorbeeld besluiten en plan {plan.dossier_number} (concept)",
        letterhead=Letterhead.from_profile(profile),
        large_print=large_print,
        watermark=CONCEPT_MARK,
    )
