"""The team lead's figures: computed in the background, a chart beside the table, exports."""

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.integration.test_figures import known  # noqa: F401 - the known households
from triage_app.ui import save_file
from triage_app.ui.figures_view import FiguresView


def test_compute_chart_table_and_exports(qtbot, ctx, known, tmp_path, monkeypatch):  # noqa: F811
    view = FiguresView(ctx)
    qtbot.addWidget(view)
    view.show()
    for field, text in ((view.since, "01-10-2026"), (view.until, "31-10-2026")):
        field.clear()
        qtbot.keyClicks(field, text)
    view.district.setCurrentIndex(view.district.findData("Overvecht"))
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    rows = {(r[0], r[1]): r[2] for r in view.model.rows}
    assert rows[("Aantallen", "Meldingen")] == "< 5"
    assert rows[("Aandelen", "Route sociale basis")] == "50%"
    assert len(view.chart.series()) == 1
    assert view.progress.value() == 4

    saved_as = {}
    monkeypatch.setattr(
        save_file.QFileDialog,
        "getSaveFileName",
        lambda _parent, _title, name: (str(saved_as.setdefault(name, tmp_path / name)), ""),
    )
    qtbot.mouseClick(view.findChild(QPushButton, "export_pdf"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.findChild(QPushButton, "export_csv"), Qt.MouseButton.LeftButton)
    pdf = PdfReader(io.BytesIO(saved_as["cijfers.pdf"].read_bytes()))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Cijfers Overvecht" in text and "Meldingen" in text
    csv_lines = saved_as["cijfers.csv"].read_text(encoding="utf-8-sig").splitlines()
    assert csv_lines[0] == "onderdeel;cijfer;waarde"
    assert "Aantallen;Meldingen;< 5" in csv_lines


def test_bad_period_is_refused_at_the_field(qtbot, ctx):
    view = FiguresView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.since.setText("31-12-2026")
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    assert view.error.isVisible() and "einde ligt voor het begin" in view.error.text()
