"""The beschikking letter: a municipal letter in plain Dutch holding every legal element."""

from collections.abc import Mapping

from reportlab.platypus import Flowable, KeepTogether, Spacer

from triage_app.documents.base import (
    KitParagraph,
    Letterhead,
    Recipient,
    Styles,
    content_width,
    grid_table,
    label_table,
    paragraph,
    render,
    signed,
)
from triage_app.domain.letters import DecisionLetter, ProvisionLine
from triage_app.resources import load_json


def _texts() -> dict:
    return load_json("letters", "decision.json")


def _provision_rows(line: ProvisionLine, labels: dict, explained: dict) -> list[tuple[str, str]]:
    rows = [(labels["kind"], line.kind)]
    if line.granted:
        rows += [
            (labels["extent"], line.extent),
            (labels["period"], line.period),
            (labels["delivery"], explained.get(line.delivery, line.delivery)),
            (labels["provider"], line.provider),
        ]
        if line.pgb:
            rows.append((labels["pgb"], line.pgb))
        if line.choice:
            rows.append((labels["choice"], line.choice))
    # The iWmo product code stays in the back-office export: it means nothing to a resident.
    return [(k, v) for k, v in rows if v]


def decision_story(letter: DecisionLetter, styles: Styles, profile: Mapping) -> list[Flowable]:
    """The letter's content, also used inside the printed plan; ``profile`` gives the
    municipality's phone and website."""
    t = {**_texts(), **letter.wording}  # what was issued wins over today's general texts
    width = content_width()
    story: list[Flowable] = [
        label_table(
            [
                (t["reference_label"], letter.number),
                (t["date_label"], letter.decision_date),
                (t["send_label"], letter.send_date),
                (t["dossier_label"], letter.dossier_number),
            ],
            styles,
            width * (1.0 if styles.large else 0.7),
        ),
        Spacer(1, 8),
        paragraph(t["subject"], styles.heading),
        paragraph(t["salutation"].format(name=letter.addressee), styles.body),
        *([paragraph(letter.for_whom, styles.body)] if letter.for_whom else []),
        paragraph(t["intro"].format(application_date=letter.application_date), styles.body),
    ]
    if letter.replaces:
        story.append(paragraph(t["replaces"].format(number=letter.replaces), styles.body))
    outcome = t["outcome"] if letter.wording else t["outcome"][letter.outcome]
    story.append(KitParagraph(f"<b>{outcome}</b>", styles.body))
    if letter.kind == "termination" and not letter.wording:
        story.append(paragraph(t["termination"], styles.body))
    if "notice" in letter.wording:
        story.append(paragraph(t["notice"], styles.body))
    if letter.changes:
        story.append(
            KeepTogether(
                [
                    paragraph(t["changes_heading"], styles.heading),
                    *grid_table(
                        ["", t["was"], t["becomes"]], letter.changes, styles, width, [2, 3, 3]
                    ),
                ]
            )
        )
    story += [paragraph(note, styles.body) for note in letter.change_notes]
    if letter.advice:
        story.append(paragraph(letter.advice, styles.body))
    granted = [p for p in letter.provisions if p.granted]
    refused = [p for p in letter.provisions if not p.granted]
    for heading, lines in ((t["what_heading"], granted), (t["refused_heading"], refused)):
        for i, line in enumerate(lines):
            block = [paragraph(heading, styles.heading)] if i == 0 else [Spacer(1, 6)]
            block.append(
                label_table(
                    _provision_rows(line, t["labels"], t["delivery_explained"]), styles, width
                )
            )
            story.append(KeepTogether(block))
    story += [
        paragraph(t["why_heading"], styles.heading),
        paragraph(letter.motivation, styles.body),
    ]
    if letter.kind != "objection":  # a beslissing op bezwaar grants nothing itself
        story += [
            paragraph(t["lighter_heading"], styles.heading),
            paragraph(t["lighter_intro"], styles.body),
            paragraph(letter.lighter_routes, styles.body),
        ]
    story += [paragraph(text, styles.body) for text in letter.legal_basis]
    if letter.kind != "objection":
        story += [
            paragraph(t["contribution_heading"], styles.heading),
            paragraph(
                letter.contribution_text
                or (
                    t["contribution"].format(amount=letter.contribution)
                    if letter.contribution
                    else t["no_contribution"]
                ),
                styles.body,
            ),
        ]
    if letter.pgb_rules:
        story.append(paragraph(letter.pgb_rules[0], styles.heading))
        story += [paragraph(text, styles.body) for text in letter.pgb_rules[1:]]
    if letter.case_lines:
        story.append(paragraph(letter.case_lines[0], styles.heading))
        story += [paragraph(text, styles.body) for text in letter.case_lines[1:]]
    story += [
        paragraph(t["objection_heading"], styles.heading),
        *[paragraph(text, styles.body) for text in letter.remedies or [letter.objection]],
        *([paragraph(letter.copy_to, styles.body)] if letter.copy_to else []),
        paragraph(t["questions_heading"], styles.heading),
        signed(
            [
                paragraph(
                    t["questions"].format(
                        phone=profile.get("phone", ""),
                        website=profile.get("website", ""),
                        number=letter.number,
                    ),
                    styles.body,
                )
            ],
            [
                Spacer(1, 10),
                paragraph(t["closing"], styles.body),
                paragraph(t["signature"], styles.body),
                paragraph(t["mandate"].format(decider=letter.decider), styles.body),
            ],
        ),
    ]
    return story


def render_decision_letter(
    letter: DecisionLetter, profile: Mapping, large_print: bool = False
) -> bytes:
    styles = Styles.make(large_print)
    return render(
        decision_story(letter, styles, profile),
        title=letter.wording.get("title", _texts()["title"]),
        reference=f"Besluit {letter.number}",
        letterhead=Letterhead.from_profile(profile),
        recipient=Recipient(
            letter.recipient or letter.addressee, letter.street, letter.postcode_city
        ),
        large_print=large_print,
    )
