"""The team lead's figures: computed in the background, a chart beside the table, exports."""

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt

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

    target = tmp_path / "cijfers.pdf"
    monkeypatch.setattr(save_file.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    view.export_pdf()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "Cijfers Overvecht" in text and "Meldingen" in text
    assert view.csv_text().splitlines()[0] == "onderdeel;cijfer;waarde"


def test_bad_period_is_refused_at_the_field(qtbot, ctx):
    view = FiguresView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.since.setText("31-12-2026")
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    assert view.error.isVisible() and "einde ligt voor het begin" in view.error.text()
