"""The figures as a printable report for the team lead (aggregates only, no personal data)."""

from collections.abc import Mapping

from triage_app.documents.base import (
    Letterhead,
    Styles,
    content_width,
    grid_table,
    paragraph,
    render,
)


def render_figures_report(
    title: str, subtitle: str, rows: list[tuple[str, str, str]], profile: Mapping
) -> bytes:
    s = Styles.make()
    width = content_width()
    story = [
        paragraph(title, s.title),
        paragraph(subtitle, s.small),
        *grid_table(["Onderdeel", "Cijfer", "Waarde"], rows, s, width),
    ]
    return render(
        story,
        title=title,
        reference=title,
        letterhead=Letterhead.from_profile(profile),
        recipient=None,
    )
