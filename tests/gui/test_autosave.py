"""A form killed without saving comes back with what was typed."""

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from triage_app.services import drafts
from triage_app.ui import autosave


def _form():
    form = QWidget()
    layout = QVBoxLayout(form)
    for widget, name in (
        (QLineEdit(), "question"),
        (QPlainTextEdit(), "notes"),
        (QComboBox(), "urgency"),
        (QCheckBox("Spoed"), "urgent"),
    ):
        widget.setObjectName(name)
        layout.addWidget(widget)
    form.findChild(QComboBox, "urgency").addItems(["Normaal", "Spoed"])
    return form


def test_typed_text_survives_a_killed_window(qtbot, ctx, monkeypatch):
    form = _form()
    qtbot.addWidget(form)
    keeper = autosave.FormAutosave(
        ctx, form, "assessment:test", "Keukentafelgesprek", interval_ms=50
    )
    qtbot.keyClicks(form.findChild(QLineEdit, "question"), "Ik kan de post niet meer lezen")
    qtbot.keyClicks(form.findChild(QPlainTextEdit, "notes"), "Dochter helpt soms")
    form.findChild(QComboBox, "urgency").setCurrentIndex(1)
    form.findChild(QCheckBox, "urgent").setChecked(True)

    def kept_everything() -> bool:
        found = drafts.pending(ctx, "assessment:test")
        return bool(found and found[0].payload.get("urgent"))

    qtbot.waitUntil(kept_everything)
    keeper.timer.stop()
    form.deleteLater()  # killed: never saved

    again = _form()
    qtbot.addWidget(again)
    monkeypatch.setattr(
        autosave.QMessageBox, "question", lambda *args: autosave.QMessageBox.StandardButton.Yes
    )
    restored = autosave.FormAutosave(ctx, again, "assessment:test", "Keukentafelgesprek")
    assert restored.restore_if_any()
    assert again.findChild(QLineEdit, "question").text() == "Ik kan de post niet meer lezen"
    assert again.findChild(QPlainTextEdit, "notes").toPlainText() == "Dochter helpt soms"
    assert again.findChild(QComboBox, "urgency").currentIndex() == 1
    assert again.findChild(QCheckBox, "urgent").isChecked()

    restored.saved()  # saved for real: the draft is gone
    assert drafts.pending(ctx, "assessment:test") == []


def test_declined_draft_is_dropped(qtbot, ctx, monkeypatch):
    drafts.keep(ctx, "melding:x", {"question": "oud"}, "Melding")
    form = _form()
    qtbot.addWidget(form)
    monkeypatch.setattr(
        autosave.QMessageBox, "question", lambda *args: autosave.QMessageBox.StandardButton.No
    )
    assert not autosave.FormAutosave(ctx, form, "melding:x", "Melding").restore_if_any()
    assert form.findChild(QLineEdit, "question").text() == ""
    assert drafts.pending(ctx) == []


def test_the_timer_writes_drafts_off_the_ui_thread_and_a_save_drops_them_after(
    qtbot, ctx, monkeypatch
):
    """Each kept draft is a write with fsync: the window must not wait for it. A save right
    after typing waits for the keep on its way, so that keep cannot bring the draft back."""
    import threading

    form = _form()
    qtbot.addWidget(form)
    threads, real_keep = [], drafts.keep

    def slow_keep(*args, **kwargs):
        threads.append(threading.current_thread())
        threading.Event().wait(0.3)  # a slow disk
        real_keep(*args, **kwargs)

    monkeypatch.setattr(autosave.drafts, "keep", slow_keep)
    keeper = autosave.FormAutosave(ctx, form, "melding:slow", "Melding", interval_ms=20)
    qtbot.keyClicks(form.findChild(QLineEdit, "question"), "Huur is te hoog")
    qtbot.waitUntil(lambda: bool(threads))
    assert threading.main_thread() not in threads
    keeper.saved()  # saved for real while the keep may still be writing
    keeper.timer.stop()
    autosave._keeper().waitForDone()
    assert drafts.pending(ctx, "melding:slow") == []
