"""A form's ``collect()`` only reads what was typed; the write happens in one place (``save``)
after it. Checked two ways: every dialog that stores something leaves the SQLite file exactly
as it was when only ``collect()`` runs, and stores its value when Opslaan is clicked; and no
``collect`` in the ui calls a service, a context or a callback it was given."""

import ast
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt

from triage_app.domain.household import PersonInput
from triage_app.services import accounts, catalogue, households, settings
from triage_app.ui.admin.catalogue_view import OfferDialog as CatalogueOfferDialog
from triage_app.ui.admin.settings_view import SettingsView
from triage_app.ui.admin.users_view import WorkerDialog
from triage_app.ui.household_dialog import HouseholdDialog
from triage_app.ui.plan.handover_dialogs import OfferDialog, SendBackDialog

LEFT = Qt.MouseButton.LeftButton
UI = Path(__file__).resolve().parents[2] / "triage_app" / "ui"


def snapshot(store_path: Path) -> list[str]:
    with sqlite3.connect(store_path) as db:
        return list(db.iterdump())


def collect_then_save(qtbot, dialog, store_path: Path) -> None:
    """``collect()`` leaves the file untouched; Opslaan then stores and closes the dialog."""
    before = snapshot(store_path)
    dialog.collect()
    assert snapshot(store_path) == before, "collect() wrote to the store"
    qtbot.mouseClick(dialog.ok_button, LEFT)
    shown = {n: e.text() for n, e in dialog.errors.items() if e.text()}
    assert dialog.result() == dialog.DialogCode.Accepted, (shown, dialog.general_error.text())


def test_a_new_household_is_stored_only_on_save(qtbot, ctx, store_path):
    dialog = HouseholdDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.street, "Kanaalweg")
    qtbot.keyClicks(dialog.house_number, "7b")
    qtbot.keyClicks(dialog.postcode, "3562 KL")
    dialog.district.setCurrentIndex(dialog.district.findData("Overvecht"))
    dialog._member_added(
        PersonInput(first_name="Sanne", last_name="Kramer", birth_date="03-04-1988")
    )
    assert households.search_households(ctx, "Kanaalweg").rows == []
    collect_then_save(qtbot, dialog, store_path)
    found = households.search_households(ctx, "Kanaalweg").rows
    assert len(found) == 1


def test_settings_are_stored_only_on_save(qtbot, ctx, store_path):
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.show()
    field = view.contribution[2026]
    field.clear()
    qtbot.keyClicks(field, "24,10")
    collect_then_save(qtbot, view, store_path)
    assert settings.profile(ctx)["personal_contribution"]["2026"] == 24.10


def test_a_new_worker_is_stored_only_on_save(qtbot, ctx, store_path):
    dialog = WorkerDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    reported = []
    dialog.chosen.connect(reported.append)
    qtbot.keyClicks(dialog.username, "pjansen")
    qtbot.keyClicks(dialog.display_name, "Piet Jansen")
    qtbot.keyClick(next(iter(dialog.roles.values())), Qt.Key.Key_Space)
    collect_then_save(qtbot, dialog, store_path)
    assert "pjansen" in [w.username for w in accounts.list_workers(ctx)]
    assert reported and reported[0][0] == "pjansen" and reported[0][1]  # a temporary password


def test_an_offer_in_the_catalogue_is_stored_only_on_save(qtbot, ctx, store_path):
    offer = next(o for o in catalogue.offers(ctx) if o["code"] == "SB10")
    dialog = CatalogueOfferDialog(ctx, offer)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.inputs["age_to"].selectAll()
    qtbot.keyClicks(dialog.inputs["age_to"], "25")
    collect_then_save(qtbot, dialog, store_path)
    assert next(o for o in catalogue.offers(ctx) if o["code"] == "SB10")["age_to"] == 25


def test_the_hand_over_dialogs_call_their_service_only_on_save(qtbot):
    calls = []
    offer = OfferDialog([("bdekker", "Bas Dekker")], lambda to, note: calls.append((to, note)))
    qtbot.addWidget(offer)
    offer.show()
    offer.to.setCurrentIndex(1)
    qtbot.keyClicks(offer.note, "Graag voor vrijdag")
    assert offer.collect() == ("bdekker", "Graag voor vrijdag") and calls == []
    qtbot.mouseClick(offer.ok_button, LEFT)
    assert calls == [("bdekker", "Graag voor vrijdag")]

    back = SendBackDialog(calls.append)
    qtbot.addWidget(back)
    back.show()
    qtbot.mouseClick(back.ok_button, LEFT)  # no note: refused at the field, nothing sent
    assert back.errors["note"].text() and len(calls) == 1
    qtbot.keyClicks(back.note, "Doel 2 mist een termijn")
    assert back.collect() == "Doel 2 mist een termijn" and len(calls) == 1
    qtbot.mouseClick(back.ok_button, LEFT)
    assert calls[-1] == "Doel 2 mist een termijn"


def _service_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "triage_app.services"
        ):
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def _writes_in_collect(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    services = _service_names(tree) - {"ServiceContext"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):  # replacing collect on an instance hides a write
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "collect":
                    found.append(f"{path.name}:{node.lineno} assigns collect")
        if not (isinstance(node, ast.FunctionDef) and node.name == "collect"):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Name) and inner.id in services:
                found.append(f"{path.name}:{inner.lineno} collect uses {inner.id}")
            if (
                isinstance(inner, ast.Attribute)
                and isinstance(inner.value, ast.Name)
                and inner.value.id == "self"
                and inner.attr in {"ctx", "submit", "save"}
            ):
                found.append(f"{path.name}:{inner.lineno} collect uses self.{inner.attr}")
    return found


def test_no_collect_in_the_ui_calls_a_service():
    found = [hit for path in sorted(UI.rglob("*.py")) for hit in _writes_in_collect(path)]
    assert found == []


def test_the_rule_catches_a_collect_that_writes(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from triage_app.services import households\n"
        "class D:\n"
        "    def collect(self):\n"
        "        return households.register_household(self.ctx, self.typed())\n",
        encoding="utf-8",
    )
    assert len(_writes_in_collect(probe)) == 2
