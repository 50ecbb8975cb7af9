"""The answer to a request for access: what is stored about the resident, and who looked."""

from collections.abc import Mapping

from triage_app.documents.base import Letterhead, Styles, paragraph, render

INTRO = (
    "U hebt gevraagd welke gegevens het wijkteam over u heeft vastgelegd. Dat mag altijd: dit "
    "heet een inzageverzoek. Hieronder staat alles wat wij over u bewaren. Aan het eind ziet u "
    "wie uw dossier heeft bekeken of gewijzigd, en wanneer. Klopt er iets niet? Dan mag u "
    "vragen om het te verbeteren of te laten weghalen."
)


def render_access_report(
    person_name: str,
    made_on: str,
    sections: list[tuple[str, list[str]]],
    access: list[str],
    profile: Mapping,
    large_print: bool = False,
) -> bytes:
    styles = Styles.make(large_print)
    story = [
        paragraph(f"Uw gegevens bij het wijkteam — {person_name}", styles.title),
        paragraph(f"Gemaakt op {made_on}", styles.small),
        paragraph(INTRO, styles.body),
    ]
    for title, lines in sections:
        story.append(paragraph(title, styles.heading))
        story += [paragraph(line, styles.body) for line in lines] or [paragraph("-", styles.body)]
    story.append(paragraph("Wie uw dossier heeft bekeken of gewijzigd", styles.heading))
    story += [paragraph(line, styles.body) for line in access] or [
        paragraph("Niemand.", styles.body)
    ]
    return render(
        story,
        title="Inzage in uw gegevens",
        reference="Inzageverzoek",
        letterhead=Letterhead.from_profile(profile),
        recipient=None,
        large_print=large_print,
    )
