"""Text a worker can read but not change (an issued plan's fields, any disabled input) and
the grey hints and warnings in the screens have at least 4.5:1 contrast (WCAG AA) against the
background they are drawn on: checked on the palette colours, on the pixels of an issued
plan's Hulpvraag as drawn, and on every text colour the screens' style sheets set."""

import re
from collections import Counter
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

from tests.integration.test_plans import issue, saved_draft
from triage_app.ui.plan.plan_window import PlanWindow

AA = 4.5
UI = Path(__file__).resolve().parents[2] / "triage_app" / "ui"
DISABLED = QPalette.ColorGroup.Disabled


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: QColor, other: QColor) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_wcag_formula():
    assert round(contrast(QColor("#000000"), QColor("#ffffff")), 1) == 21.0
    assert round(contrast(QColor("#bebebe"), QColor("#efefef")), 1) == 1.6  # the old grey


def _issued_plan_window(qtbot, ctx, household):  # type: ignore[no-untyped-def]
    issue(ctx, saved_draft(ctx, household))
    window = PlanWindow(ctx, household)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_an_issued_plans_fields_are_readable(qtbot, ctx, household):
    window = _issued_plan_window(qtbot, ctx, household)
    fields = [
        window.case_lead,
        window.question,
        window.main_provider,
        window.evaluation_date,
        window.end_date,
    ]
    assert window.question.toPlainText().startswith("Zorg voor mevrouw")
    weak = []
    for field in fields:
        assert not field.isEnabled()  # issued: read only
        palette = field.palette()
        if isinstance(field, QComboBox):
            text, ground = QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button
        else:
            assert isinstance(field, QLineEdit | QPlainTextEdit)
            text, ground = QPalette.ColorRole.Text, QPalette.ColorRole.Base
        ratio = contrast(palette.color(DISABLED, text), palette.color(DISABLED, ground))
        if ratio < AA:
            weak.append(f"{field.objectName()}: {ratio:.1f}:1")
    assert weak == []


def test_the_hulpvraag_as_drawn_is_readable(qtbot, ctx, household):
    window = _issued_plan_window(qtbot, ctx, household)
    image = window.question.viewport().grab().toImage()
    pixels = Counter(
        image.pixel(x, y) for x in range(0, image.width()) for y in range(0, image.height())
    )
    ground = QColor.fromRgb(pixels.most_common(1)[0][0])
    text = max((QColor.fromRgb(p) for p in pixels), key=lambda c: contrast(c, ground))
    assert contrast(text, ground) >= AA, (text.name(), ground.name())


def test_disabled_text_and_example_text_are_readable(qapp):
    palette = QApplication.palette()
    pairs = {
        "disabled field": (QPalette.ColorRole.Text, QPalette.ColorRole.Base, DISABLED),
        "disabled label": (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window, DISABLED),
        "disabled button": (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button, DISABLED),
        "example text": (
            QPalette.ColorRole.PlaceholderText,
            QPalette.ColorRole.Base,
            QPalette.ColorGroup.Active,
        ),
    }
    weak = {
        name: round(contrast(palette.color(group, text), palette.color(group, ground)), 1)
        for name, (text, ground, group) in pairs.items()
        if contrast(palette.color(group, text), palette.color(group, ground)) < AA
    }
    assert weak == {}


STYLE = re.compile(r"setStyleSheet\((?P<css>[^)]*)\)|style='(?P<span>[^']*)'", re.S)


def test_every_text_colour_in_the_screens_style_sheets_is_readable(qapp):
    window = QApplication.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window)
    weak, checked = [], 0
    for path in sorted(UI.rglob("*.py")):
        for match in STYLE.finditer(path.read_text(encoding="utf-8")):
            css = match.group("css") or match.group("span")
            colour = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", css)
            if colour is None:
                continue
            background = re.search(r"background(?:-color)?:\s*(#[0-9a-fA-F]{3,6})", css)
            ground = QColor(background.group(1)) if background else window
            ratio = contrast(QColor(colour.group(1)), ground)
            checked += 1
            if ratio < AA:
                weak.append(f"{path.name}: {colour.group(1)} on {ground.name()} {ratio:.1f}:1")
    assert checked >= 10  # the hints, warnings and error messages were all found
    assert weak == []
