"""The administrator's screens: accounts and the audit log, driven by typing and clicking."""

import dataclasses
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from sqlmodel import select

from tests.conftest import make_actor
from triage_app.domain.accounts import Role
from triage_app.domain.household import HouseholdInput, PersonInput
from triage_app.services import accounts, households
from triage_app.store.tables import AuditLog
from triage_app.ui.admin import users_view
from triage_app.ui.admin.audit_log_view import AuditLogView
from triage_app.ui.admin.users_view import UsersView

LEFT = Qt.MouseButton.LeftButton
PASSWORD = "Sterk-wachtwoord-2026"


def _button(widget, name) -> QPushButton:
    return widget.findChild(QPushButton, name)


@pytest.fixture
def logged(ctx):
    worker = dataclasses.replace(ctx, actor=make_actor(Role.INTAKE, username="ilse"))
    views = []
    for n, last in enumerate(("Kok", "Bos")):
        view = households.register_household(
            worker,
            HouseholdInput(
                street="Drift",
                house_number=str(n + 1),
                postcode="3512 BS",
                city="Utrecht",
                district="Binnenstad",
                members=[PersonInput(first_name="Ans", last_name=last, birth_date="01-01-1950")],
            ),
        )
        households.get_household(worker, view.id)
        views.append(view)
    return views


def test_audit_log_per_dossier_verify_and_export(qtbot, ctx, logged, tmp_path, monkeypatch):
    view = AuditLogView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == 4
    qtbot.keyClicks(view.dossier, logged[0].dossier_number)
    qtbot.mouseClick(_button(view, "show"), LEFT)
    assert view.model.rowCount() == 2
    assert {view.model.row_at(i).action for i in range(2)} == {"aangemaakt", "bekeken"}
    assert {view.model.row_at(i).actor for i in range(2)} == {"ilse"}
    assert {view.model.row_at(i).object_type for i in range(2)} == {"huishouden"}

    view.dossier.clear()
    qtbot.keyClicks(view.dossier, "H-2026-999999")
    qtbot.mouseClick(_button(view, "show"), LEFT)
    assert view.error.isVisible() and "Er is geen dossier" in view.error.text()

    qtbot.mouseClick(_button(view, "verify"), LEFT)
    assert "in orde" in view.status.text()

    view.dossier.clear()
    qtbot.mouseClick(_button(view, "show"), LEFT)
    target = tmp_path / "log.csv"
    monkeypatch.setattr(
        "triage_app.ui.save_file.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(target), ""),
    )
    qtbot.mouseClick(_button(view, "export"), LEFT)
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("volgnummer;tijdstip;medewerker") and len(lines) == 5
    with ctx.store.read() as session:
        assert session.exec(select(AuditLog).where(AuditLog.action == "exported")).first()


def test_users_add_reset_and_disable(qtbot, tmp_path, monkeypatch, modals, store_templates):
    url = f"sqlite:///{tmp_path / 'triage.db'}"
    store_templates.demo_accounts(url, PASSWORD)  # a copy: set up once per session
    admin = accounts.login(url, "admin", PASSWORD, sleep=lambda s: None)
    view = UsersView(admin)
    qtbot.addWidget(view)
    view.show()
    dialogs = modals
    qtbot.mouseClick(_button(view, "add"), LEFT)
    dialog = dialogs[-1]
    qtbot.keyClicks(dialog.username, "els")
    qtbot.keyClicks(dialog.display_name, "Els de Boer")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.errors["roles"].isVisible()  # no role chosen: refused at the field
    dialog.roles[Role.INTAKE].setChecked(True)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    password = re.search(r"wijzigen\): (\S+)", view.message.text()).group(1)
    assert view.model.rowCount() == 5
    els = accounts.login(url, "els", password, sleep=lambda s: None)
    assert accounts.must_change_password(els)
    els.store.dispose()

    row = next(i for i in range(view.model.rowCount()) if view.model.row_at(i).username == "els")
    view.table.selectRow(row)
    monkeypatch.setattr(
        users_view.QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes
    )
    qtbot.mouseClick(_button(view, "disable"), LEFT)
    assert "uitgeschakeld" in view.message.text()
    with pytest.raises(accounts.LoginFailed):
        accounts.login(url, "els", password, sleep=lambda s: None)
    admin.store.dispose()


def test_retention_view_destroys_after_typed_confirmation(qtbot, ctx, logged, monkeypatch):
    from triage_app.domain.retention import ClosureResult
    from triage_app.services import retention
    from triage_app.ui.admin import retention_view

    retention.close_dossier(ctx, logged[0].id, ClosureResult.BROKEN_OFF)
    due = dataclasses.replace(
        ctx, today=lambda: ctx.today() + __import__("datetime").timedelta(weeks=7)
    )
    view = retention_view.RetentionView(due)
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == 1
    view.table.selectRow(0)
    monkeypatch.setattr(
        retention_view.QInputDialog, "getText", lambda *a, **k: (logged[0].dossier_number, True)
    )
    qtbot.mouseClick(view.destroy_button, LEFT)
    qtbot.waitUntil(lambda: "is vernietigd" in view.status.text(), timeout=30000)
    assert view.model.rowCount() == 0
    assert households.count_households(ctx) == 1


def test_settings_change_the_contribution_in_a_new_decision(qtbot, ctx, logged):
    import io

    from pypdf import PdfReader

    from tests.integration.test_plans import draft_for, issue
    from triage_app.domain.household import MemberRole
    from triage_app.services import plans, printing, settings
    from triage_app.ui.admin.settings_view import SettingsView

    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.show()
    field = view.contribution[2026]
    assert field.text() == "21,80"
    field.clear()
    qtbot.keyClicks(field, "abc")
    qtbot.mouseClick(view.ok_button, LEFT)
    assert view.errors["contribution_2026"].isVisible()
    field.clear()
    qtbot.keyClicks(field, "23,45")
    qtbot.mouseClick(view.ok_button, LEFT)
    assert settings.profile(ctx)["personal_contribution"]["2026"] == 23.45

    household = households.register_household(
        ctx,
        HouseholdInput(
            street="Vechtzoom",
            house_number="9",
            postcode="3545 AB",
            city="Utrecht",
            district="Leidsche Rijn",
            members=[
                PersonInput(first_name="Fenna", last_name="Zwanenburg", birth_date="14-05-1951"),
                PersonInput(
                    first_name="Kees",
                    last_name="Zwanenburg",
                    birth_date="02-02-1949",
                    role=MemberRole.PARTNER,
                ),
            ],
        ),
    )
    plan = plans.start_plan(ctx, household.id)
    plan = plans.save_draft(ctx, plan.draft.id, plan.draft.version, draft_for(household))
    number = issue(ctx, plan).current.decisions[0].number
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(printing.decision_pdf(ctx, number))).pages
    )
    assert "€ 23,45" in text.replace("\n", " ")


def test_catalogue_csv_import_with_bad_rows_feeds_the_advice(qtbot, ctx, tmp_path, monkeypatch):
    from triage_app.domain.intake import (
        AssessmentInput,
        Channel,
        RequestInput,
        Score,
        Source,
    )
    from triage_app.services import intake
    from triage_app.ui.admin import catalogue_view

    csv_file = tmp_path / "kaart.csv"
    header = (
        "code;organisation;activity;domains;target_group;contact;wijken;active;age_from;age_to\n"
    )
    good = (
        "N1;Repair Café Zuilen;Samen repareren;social_network|time_use;Iedereen;030;Noordwest;"
        "ja;;\n"
    )
    csv_file.write_text(
        header + good + "N2;;Zonder organisatie;finances;;;;ja;;\n"
        "N3;Dansschool;Dansen;dansen;;;;ja;;\n"
        "N4;Wijkkrant;Schrijven;participation;;;Atlantis;ja;;\n"
        "N5;Jeugdhonk;Inloop;time_use;;;;ja;23;12\n",
        encoding="utf-8",
    )
    view = catalogue_view.CatalogueView(ctx)
    qtbot.addWidget(view)
    view.show()
    before = view.model.rowCount()
    monkeypatch.setattr(
        catalogue_view.QFileDialog, "getOpenFileName", lambda *a, **k: (str(csv_file), "")
    )
    qtbot.mouseClick(view.findChild(QPushButton, "import"), LEFT)
    assert view.model.rowCount() == before  # all or nothing: the good row waits too
    assert view.status.text() == "Niets ingelezen"
    report = view.report.text()
    assert "Niets ingelezen: 4 regels zijn niet goed." in report
    assert "regel 3: Vul de organisatie in." in report
    assert "regel 4: Onbekend leefgebied: dansen." in report
    assert "regel 5: Onbekende wijk: Atlantis." in report
    assert "regel 6: De leeftijd loopt de verkeerde kant op (23 tot 12)" in report

    csv_file.write_text(header + good, encoding="utf-8")  # the team lead fixes the file
    qtbot.mouseClick(view.findChild(QPushButton, "import"), LEFT)
    assert view.model.rowCount() == before + 1
    assert view.status.text() == "1 nieuw, 0 bijgewerkt"

    household = households.register_household(
        ctx,
        HouseholdInput(
            street="Elisabethstraat",
            house_number="4",
            postcode="3552 AB",
            city="Utrecht",
            district="Noordwest",
            members=[PersonInput(first_name="Ans", last_name="Zuil", birth_date="01-01-1950")],
        ),
    )
    melding = intake.register_request(
        ctx,
        household.id,
        RequestInput(
            ctx.today(),
            Source.RESIDENT,
            Channel.DESK,
            "Ik ben veel alleen",
            told_client_support=True,
            told_personal_plan=True,
        ),
    )
    intake.save_assessment(
        ctx,
        melding.request_id,
        AssessmentInput(household.members[0].id, [Score("social_network", 3)]),
        complete=True,
    )
    _, offers = intake.advice(ctx, melding.request_id)
    assert "Repair Café Zuilen" in {o.organisation for o in offers["social_network"]}


def test_settings_edit_providers_tariffs_wijken_and_logo(qtbot, ctx, tmp_path):
    from decimal import Decimal

    from triage_app.domain.arrangement import compute_arrangement, providers
    from triage_app.domain.plan import Intensity
    from triage_app.ui.admin.settings_view import SettingsView

    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.show()
    shown = " ".join(label.text() for label in view.findChildren(QLabel))
    assert "Herstelgericht" in shown and "Extra groot" in shown
    assert not {"recovery", "elderly", "household_help", "XL"} & set(shown.split())
    recovery_small = view.tariffs[("recovery", "S")]
    assert recovery_small.text() == "310,00"
    assert recovery_small.accessibleName() == "Tarief Herstelgericht, Klein"  # no codes
    recovery_small.selectAll()
    qtbot.keyClicks(recovery_small, "333,00")
    view.providers.setPlainText(view.providers.toPlainText() + "\nP099: Wijkzorg Nieuw")
    view.wijken.setPlainText(view.wijken.toPlainText() + "\nHaven: 3599")
    elderly_large = view.tariffs[("elderly", "L")]
    elderly_large.selectAll()
    qtbot.keyClicks(elderly_large, "veel")
    qtbot.mouseClick(view.ok_button, LEFT)
    assert view.errors["tariffs"].isVisible()
    assert "Tarief Ouderen, Groot: vul een bedrag in" in view.errors["tariffs"].text()
    elderly_large.selectAll()
    qtbot.keyClicks(elderly_large, "1100,50")
    qtbot.mouseClick(view.ok_button, LEFT)
    assert not view.isVisible()
    assert "Wijkzorg Nieuw" in {o.name for o in providers(ctx.reference.tariffs)}
    assert "Haven" in {d.name for d in ctx.reference.districts}
    size = compute_arrangement("recovery", {"daytime": Intensity.REGULAR}, ctx.reference.tariffs)
    assert size.monthly_cost == Decimal("333.0")
    elderly = next(s for s in ctx.reference.tariffs["segments"] if s["code"] == "elderly")
    assert elderly["monthly_tariff"]["L"] == 1100.5
