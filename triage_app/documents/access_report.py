"""The answer to a request for access: what is stored about the resident, and who looked."""

from collections.abc import Mapping

from triage_app.documents.base import Letterhead, Styles, paragraph, render

INTRO = (
    "U hebt gevraagd welke gegevens het wijkteam over u heeft vastgelegd. Dat mag altijd: dit "
    "heet een inzageverzoek. Hieronder staat alles wat wij over u bewaren. Aan het eind ziet u "
    "wie uw dossier heeft bekeken of gewijzigd, en wanneer. Klopt er iets niet? Dan mag u "
    "vragen om het te verbeteren of te laten weghalen."
)


def avg_information(profile: Mapping) -> list[tuple[str, str]]:
    """What AVG art. 15 says a resident must also be told, in plain words: why, what, to
    whom, how long, their rights, the complaint address and where the data came from."""
    periods = profile.get("retention", {})
    name = profile.get("name") or "de gemeente"
    return [
        (
            "Waarom wij uw gegevens hebben",
            "Om uw vraag om hulp te onderzoeken, een plan met u te maken, te beslissen over "
            "ondersteuning (Wmo 2015) en die ondersteuning te volgen.",
        ),
        (
            "Welke gegevens",
            "Uw naam, geboortedatum, BSN en contactgegevens, uw adres, wat u ons vertelde in de "
            "gesprekken, het plan, de aanvragen en de besluiten die over u gaan.",
        ),
        (
            "Wie ze krijgt",
            "Medewerkers van het wijkteam die u helpen. De zorgaanbieder die u ondersteuning "
            "geeft krijgt alleen wat nodig is voor die ondersteuning. Wij geven niets aan "
            "anderen zonder dat de wet dat vraagt of u ons toestemming geeft.",
        ),
        (
            "Hoe lang wij ze bewaren",
            f"Na een plan of voorziening {periods.get('provided_plan_years', 15)} jaar, zonder "
            f"plan {periods.get('no_plan_years', 5)} jaar, na afbreken "
            f"{periods.get('broken_off_weeks', 6)} weken, gerekend vanaf het sluiten van uw "
            "dossier. Daarna vernietigen wij ze.",
        ),
        (
            "Uw rechten",
            "U mag vragen om gegevens te verbeteren, aan te vullen, te laten weghalen of minder "
            "te laten gebruiken, en u mag bezwaar maken tegen het gebruik. Vraag het ons; u "
            f"krijgt binnen een maand antwoord van {name}.",
        ),
        (
            "Een klacht",
            "Bent u het niet eens met hoe wij met uw gegevens omgaan? Dan kunt u een klacht "
            "indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).",
        ),
        (
            "Waar de gegevens vandaan komen",
            "Van uzelf, van uw huisgenoten, en soms van wie u bij ons aanmeldde (bijvoorbeeld "
            "de huisarts). Bij een melding staat wie die deed.",
        ),
    ]


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
    story.append(paragraph("Wat u verder moet weten (AVG artikel 15)", styles.heading))
    for title, text in avg_information(profile):
        story.append(paragraph(f"{title}: {text}", styles.body))
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
