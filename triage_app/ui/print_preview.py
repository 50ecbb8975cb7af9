"""Print preview of a PDF: pages and zoom, large print on or off, the system's print dialog
(the PDF itself goes to the printer where the platform allows), save as PDF."""

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from triage_app.ui import kit, save_file, window_places


class PrintPreview(QDialog):
    """``rerender`` makes the PDF again in normal (False) or large print (True); with it the
    preview offers a "Grote letters" check box, ticked when ``large_print``."""

    def __init__(
        self,
        pdf: bytes,
        title: str,
        file_name: str,
        parent: QWidget | None = None,
        rerender: Callable[[bool], bytes] | None = None,
        large_print: bool = False,
    ) -> None:
        super().__init__(parent)
        self.pdf, self.file_name = pdf, file_name
        self.rerender = rerender
        self.setWindowTitle(title)
        self.resize(900, 1000)
        window_places.remember(self, "print_preview")
        self.document = QPdfDocument(self)
        self._load(pdf)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.page = QSpinBox()
        self.page.setObjectName("page")
        self.page.setAccessibleName(self.tr("Pagina"))
        self.page.setRange(1, max(1, self.document.pageCount()))
        self.page.valueChanged.connect(
            lambda n: self.view.pageNavigator().jump(
                n - 1, self.view.pageNavigator().currentLocation()
            )
        )
        self.pages_label = QLabel(self.tr("van {n}").format(n=self.document.pageCount()))
        buttons = QHBoxLayout()
        self.large_print = QCheckBox(self.tr("Grote letters"))
        self.large_print.setObjectName("large_print")
        self.large_print.setChecked(large_print)
        self.large_print.setVisible(rerender is not None)
        self.large_print.toggled.connect(self._large_print_toggled)
        buttons.addWidget(self.large_print)
        for text, slot, name in (
            (self.tr("Kleiner"), lambda: self._zoom(1 / 1.25), "zoom_out"),
            (self.tr("Groter"), lambda: self._zoom(1.25), "zoom_in"),
            (self.tr("Paginabreedte"), self._fit, "fit"),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addWidget(QLabel(self.tr("Pagina")))
        buttons.addWidget(self.page)
        buttons.addWidget(self.pages_label)
        buttons.addStretch()
        self.save_button = QPushButton(self.tr("Opslaan als PDF…"))
        self.save_button.setObjectName("save_pdf")
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton(self.tr("Afdrukken…"))
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(self.print_document)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)

    def _load(self, pdf: bytes) -> None:
        self.pdf = pdf
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)

    def _large_print_toggled(self, on: bool) -> None:
        from triage_app.domain.errors import DomainError

        if self.rerender is None:
            return
        try:
            pdf = self.rerender(on)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Grote letters"), exc.message)
            return
        self._load(pdf)
        count = self.document.pageCount()
        self.page.setRange(1, max(1, count))
        self.pages_label.setText(self.tr("van {n}").format(n=count))

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, self.view.zoomFactor() * factor)))

    def _fit(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def save(self) -> None:
        save_file.save_bytes(
            self, self.tr("Opslaan als PDF"), self.file_name, self.pdf, self.tr("PDF (*.pdf)")
        )

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self.print_to(printer))
        kit.run_modal(dialog)

    def print_to(self, printer: QPrinter) -> None:
        """The PDF itself when printing to a file or through CUPS (real text, embedded fonts,
        small); page images only where neither is possible."""
        if printer.outputFileName():
            Path(printer.outputFileName()).write_bytes(self.pdf)
            return
        lp = shutil.which("lp")
        if lp and printer.printerName():
            with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
                file.write(self.pdf)
                file.flush()
                command = [lp, "-d", printer.printerName(), "-n", str(printer.copyCount())]
                if printer.duplex() != QPrinter.DuplexMode.DuplexNone:
                    command += ["-o", "sides=two-sided-long-edge"]
                done = subprocess.run([*command, file.name], capture_output=True, check=False)
            if done.returncode != 0:
                QMessageBox.warning(
                    self, self.tr("Afdrukken"), self.tr("De printer is niet bereikbaar.")
                )
            return
        self._print_images(printer)

    def _print_images(self, printer: QPrinter) -> None:
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(
                self, self.tr("Afdrukken"), self.tr("De printer is niet bereikbaar.")
            )
            return
        try:
            for index in range(self.document.pageCount()):
                if index:
                    printer.newPage()
                target = painter.viewport()
                size = QSize(target.width(), target.height())
                image = self.document.render(index, size)
                # QtPdf renders on a transparent background: put it on white paper.
                paper = QImage(size, QImage.Format.Format_RGB32)
                paper.fill(Qt.GlobalColor.white)
                on_paper = QPainter(paper)
                on_paper.drawImage(0, 0, image)
                on_paper.end()
                painter.drawImage(target, paper)
        finally:
            painter.end()
