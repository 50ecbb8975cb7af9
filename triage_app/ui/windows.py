"""Every window and dialog a worker can open, each with a way to make it for a household.

Kept beside the kit so tests can open them all: each must fit a laptop screen and name every
input for a screen reader. A new window or dialog gets a line here.
"""

from collections.abc import Callable

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageSize, QPdfWriter
from PySide6.QtWidgets import QWidget

from triage_app.domain.household import HouseholdView
from triage_app.services.context import ServiceContext

Factory = Callable[[ServiceContext, HouseholdView, QWidget | None], QWidget]


def _members(ctx: ServiceContext, household: HouseholdView) -> list:
    return list(household.members)


def _pdf() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(20, 20, 20, 20))
    from PySide6.QtGui import QPainter

    painter = QPainter(writer)
    painter.drawText(100, 100, "Voorbeeld")
    painter.end()
    buffer.close()
    return bytes(data.data())


def _main_window(ctx, household, parent):  # type: ignore[no-untyped-def]
    from triage_app.ui.main_window import MainWindow

    return MainWindow(ctx)


def _household_screen(ctx, household, parent):  # type: ignore[no-untyped-def]
    from triage_app.ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.open_household(household.id)
    return window


def _household_dialog(ctx, household, parent):  # type: ignore[no-untyped-def]
    from triage_app.ui.household_dialog import HouseholdDialog

    return HouseholdDialog(ctx, household, parent)


def _new_household(ctx, household, parent):  # type: ignore[no-untyped-def]
    from triage_app.ui.household_dialog import HouseholdDialog

    return HouseholdDialog(ctx, parent=parent)


def _member(ctx, household, parent):  # type: ignore[no-untyped-def]
    from triage_app.ui.member_dialog import MemberDialog

    return MemberDialog(parent=parent)


def _intake(ctx, household, parent):  # type: ignore[no-untyped-def]
    from triage_app.ui.intake.intake_flow import IntakeFlow

    return IntakeFlow(ctx, household, parent)


def _plan(ctx, household, parent):  # type: ignore[no-untyped-def]
    from triage_app.ui.plan.plan_window import PlanWindow

    return PlanWindow(ctx, household, parent)


def _goal(ctx, household, parent):  # type: ignore[no-untyped-def]
    from triage_app.ui.plan.goal_dialog import GoalDialog

    return GoalDialog(ctx.reference.life_domains, parent=parent)


def _application(ctx, household, parent):  # type: ignore[no-untyped-def]
    from triage_app.ui.plan.application_dialog import ApplicationDialog

    return ApplicationDialog(_members(ctx, household), parent=parent)


def _evaluation(ctx, household, parent):  # type: ignore[no-untyped-def]
    from triage_app.ui.plan.evaluation_dialog import EvaluationDialog

    return EvaluationDialog(ctx.today(), parent)


def _arrangement(ctx, household, parent):  # type: ignore[no-untyped-def]
    from triage_app.ui.plan.arrangement_dialog import ArrangementDialog

    return ArrangementDialog(_members(ctx, household), ctx.today(), ctx.reference, parent=parent)


def _view(module: str, name: str) -> Factory:
    def make(ctx, household, parent):  # type: ignore[no-untyped-def]
        import importlib

        return getattr(importlib.import_module(module), name)(ctx, parent)

    return make


def _password(ctx, household, parent):  # type: ignore[no-untyped-def]
    from triage_app.ui.account_dialogs import ChangePasswordDialog

    return ChangePasswordDialog(ctx, parent=parent)


def _roles(ctx, household, parent):  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from triage_app.domain.accounts import Role
    from triage_app.ui.admin.users_view import RolesDialog

    worker = SimpleNamespace(username="els", display_name="Els de Boer", roles={Role.INTAKE})
    return RolesDialog(ctx, worker, parent)


def _worker(ctx, household, parent):  # type: ignore[no-untyped-def]
    from triage_app.ui.admin.users_view import WorkerDialog

    return WorkerDialog(ctx, parent)


def _preview(ctx, household, parent):  # type: ignore[no-untyped-def]
    from triage_app.ui.print_preview import PrintPreview

    return PrintPreview(_pdf(), "Plan", "plan.pdf", parent)


WINDOWS: dict[str, Factory] = {
    "hoofdvenster": _main_window,
    "dossier": _household_screen,
    "nieuw huishouden": _new_household,
    "huishouden wijzigen": _household_dialog,
    "bewoner": _member,
    "melding en gesprek": _intake,
    "ondersteuningsplan": _plan,
    "doel": _goal,
    "aanvraag": _application,
    "evaluatie": _evaluation,
    "maatwerkvoorziening": _arrangement,
    "medewerkers": _view("triage_app.ui.admin.users_view", "UsersView"),
    "nieuwe medewerker": _worker,
    "rollen": _roles,
    "auditlog": _view("triage_app.ui.admin.audit_log_view", "AuditLogView"),
    "bewaartermijnen": _view("triage_app.ui.admin.retention_view", "RetentionView"),
    "instellingen": _view("triage_app.ui.admin.settings_view", "SettingsView"),
    "cijfers": _view("triage_app.ui.figures_view", "FiguresView"),
    "sociale kaart": _view("triage_app.ui.admin.catalogue_view", "CatalogueView"),
    "besluiten afdrukken": _view("triage_app.ui.batch_print", "BatchPrintDialog"),
    "wachtwoord wijzigen": _password,
    "afdrukvoorbeeld": _preview,
}
