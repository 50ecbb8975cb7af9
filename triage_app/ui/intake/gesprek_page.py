"""The gesprek step of the intake flow: the life domains the question touches, a score per
domain (a digit, with what each level means), strengths, network and mantelzorg. A mixin of
``IntakeFlow``: it builds the page and reads and checks what was typed."""

import uuid

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from triage_app.domain.errors import DomainError, ValidationFailed
from triage_app.domain.intake import (
    LEVEL_NAMES,
    AssessmentInput,
    CarerLoad,
    Score,
    level_text,
    question_domains,
)
from triage_app.services import intake, reference
from triage_app.ui.form_helpers import ErrorLabel
from triage_app.ui.intake import fields
from triage_app.ui.intake.domain_scope import DomainScope

CARER_LABELS = {
    CarerLoad.NOT: "Niet belast",
    CarerLoad.HEAVY: "Zwaar belast",
    CarerLoad.OVERBURDENED: "Overbelast",
}


class GesprekPage:
    """Builds and reads the gesprek page; mixed into ``IntakeFlow`` (a QWidget)."""

    def _assessment_page(self) -> QWidget:
        self.assessment_page = page = QWidget()
        self.person = fields.combo("person", [(m.name, str(m.id)) for m in self.household.members])
        self._main_resident_first(self.person)
        domains = reference.current(self.ctx).life_domains
        self.scope = DomainScope(list(domains))
        self.scope.changed.connect(self._show_rows)
        self.no_domains = QLabel(
            self.tr("Vink hierboven aan waar de vraag over gaat; dan verschijnen die leefgebieden.")
        )
        self.no_domains.setObjectName("no_domains")
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("<b>Leefgebied</b>")), 0, 0)
        grid.addWidget(QLabel(self.tr("<b>Zelfredzaamheid</b>")), 0, 1)
        for column, (title, tip) in enumerate(
            (
                (self.tr("<b>Eigen</b>"), self.tr("Deel dat rust op eigen kracht")),
                (self.tr("<b>Netwerk</b>"), self.tr("Deel dat rust op het netwerk")),
                (self.tr("<b>Prof.</b>"), self.tr("Deel dat rust op professionele hulp")),
            ),
            start=2,
        ):
            header = QLabel(title)
            header.setToolTip(tip)
            grid.addWidget(header, 0, column)
        grid.addWidget(QLabel(self.tr("<b>Toelichting</b>")), 0, 5)
        self.reason_header = QLabel(self.tr("<b>Waarom nodig voor deze vraag?</b>"))
        grid.addWidget(self.reason_header, 0, 6)
        self.shares_help = QLabel(
            self.tr(
                "Eigen / Netwerk / Prof.: welk deel van de situatie nu rust op eigen kracht, "
                "op het netwerk en op professionele hulp (samen hooguit 100%)."
            )
        )
        self.shares_help.setWordWrap(True)
        grid.setColumnStretch(5, 1)
        self._domain_of: dict[QObject, object] = {}
        self.scores: dict[str, tuple[QComboBox, QLineEdit]] = {}
        self.shares: dict[str, tuple[QSpinBox, QSpinBox, QSpinBox]] = {}
        self.reasons: dict[str, tuple[QLineEdit, ErrorLabel]] = {}
        self.rows: dict[str, list[QWidget]] = {}
        for row, domain in enumerate(domains, start=1):
            combo = fields.combo(
                f"score_{domain.code}",
                [("–", 0)] + [(f"{level} {name}", level) for level, name in LEVEL_NAMES.items()],
            )
            for level in LEVEL_NAMES:
                combo.setItemData(level, level_text(domain, level), Qt.ItemDataRole.ToolTipRole)
            notes = fields.line(f"notes_{domain.code}")
            combo.currentIndexChanged.connect(
                lambda _i, d=domain, c=combo: self._explain(d, c.currentData())
            )
            combo.installEventFilter(self)
            self._domain_of[combo] = domain
            name = QLabel(domain.name)
            grid.addWidget(name, row, 0)
            grid.addWidget(combo, row, 1)
            shares = tuple(
                fields.share(f"{kind}_share_{domain.code}")
                for kind in ("own", "network", "professional")
            )
            for column, spin in enumerate(shares, start=2):
                grid.addWidget(spin, row, column)
            grid.addWidget(notes, row, 5)
            reason_box = self._reason_box(domain)
            grid.addWidget(reason_box, row, 6)
            self.rows[domain.code] = [name, combo, *shares, notes, reason_box]
            self.scores[domain.code] = (combo, notes)
            self.shares[domain.code] = shares  # type: ignore[assignment]
        self.meaning = QLabel(
            self.tr("Kies per leefgebied een score; hier staat wat die betekent.")
        )
        self.meaning.setObjectName("meaning")
        self.meaning.setWordWrap(True)
        self.meaning.setStyleSheet("background: #eef3f8; padding: 6px;")
        self.strengths = fields.text("strengths")
        self.network = fields.text("network")
        self.carers = fields.line("carers")
        self.carer_load = fields.combo(
            "carer_load", [(v, k.value) for k, v in CARER_LABELS.items()]
        )
        self.respite = fields.line("respite_wishes")
        self.wishes = fields.text("wishes")
        self.root_causes = fields.line("root_causes")
        self.expert = QCheckBox(self.tr("Ervaringsdeskundige was erbij"))
        self.expert.setObjectName("expert_by_experience")
        more = QFormLayout()
        more.addRow(self.tr("Wat gaat goed (eigen kracht)"), self.strengths)
        more.addRow(self.tr("Netwerk: wie helpt"), self.network)
        more.addRow(self.tr("Mantelzorger(s)"), self.carers)
        more.addRow(self.tr("Belasting mantelzorg"), self.carer_load)
        more.addRow(self.tr("Wens respijt"), self.respite)
        more.addRow(self.tr("Wensen van de bewoner"), self.wishes)
        more.addRow(self.tr("Achterliggende oorzaken"), self.root_causes)
        more.addRow("", self.expert)
        inner = QWidget()
        body = QVBoxLayout(inner)
        top = QFormLayout()
        top.addRow(self.tr("Gesprek met"), self.person)
        body.addLayout(top)
        body.addWidget(self.scope)
        body.addWidget(self.shares_help)
        body.addWidget(self.no_domains)
        body.addLayout(grid)
        body.addLayout(more)
        body.addStretch(1)  # few domains ticked: the rest of the page stays empty at the bottom
        self.assessment_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.assessment_errors = ErrorLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(
            self._button(
                "save_assessment",
                self.tr("Tussentijds opslaan"),
                lambda: self.save_assessment(complete=False),
            )
        )
        buttons.addStretch()
        buttons.addWidget(
            self._button(
                "assessment_next",
                self.tr("Volgende: advies"),
                lambda: self.save_assessment(complete=True),
            )
        )
        layout = QVBoxLayout(page)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.meaning)
        layout.addWidget(self.assessment_errors)
        layout.addLayout(buttons)
        self._show_rows()
        return page

    def _reason_box(self, domain) -> QWidget:  # type: ignore[no-untyped-def]
        """For a domain outside the question: why it is needed, and the message when not."""
        code = domain.code
        box = QWidget()
        reason = fields.line(f"reason_{code}")
        reason.setPlaceholderText(self.tr("Waarom is dit nodig voor deze vraag?"))
        reason.setAccessibleName(self.tr("Reden voor {domain}").format(domain=domain.name))
        error = ErrorLabel()
        error.setObjectName(f"reason_error_{code}")
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(reason)
        column.addWidget(error)
        self.reasons[code] = (reason, error)
        return box

    def _show_rows(self) -> None:
        """The domains of the question always; the others only when asked for, each with a
        reason field."""
        in_scope, others = set(self.scope.codes()), self.scope.others_shown()
        for code, widgets in self.rows.items():
            shown = code in in_scope or others
            *fields, reason_box = widgets
            for widget in fields:
                widget.setVisible(shown)
            reason_box.setVisible(shown and code not in in_scope)
        self.reason_header.setVisible(others and len(in_scope) < len(self.rows))
        self.no_domains.setVisible(not in_scope and not others)

    def _prefill_scope(self, question: str) -> None:
        """The domains the melding's words point at; the worker corrects them."""
        self.scope.set_codes(question_domains(question, list(self.scores)))

    def _fill_assessment(self, a: AssessmentInput) -> None:
        self.person.setCurrentIndex(max(0, self.person.findData(str(a.person_id))))
        self.scope.set_codes(list(self.scores) if a.scope is None else a.scope)
        for score in a.scores:
            combo, notes = self.scores[score.life_domain]
            combo.setCurrentIndex(combo.findData(score.score or 0))
            notes.setText(score.notes)
            own, network, professional = self.shares[score.life_domain]
            own.setValue(score.own_share)
            network.setValue(score.network_share)
            professional.setValue(score.professional_share)
            self.reasons[score.life_domain][0].setText(score.reason)
        if any(s.filled and s.life_domain not in self.scope.codes() for s in a.scores):
            self.scope.show_others.setChecked(True)
        for box, value in (
            (self.strengths, a.strengths),
            (self.network, a.network),
            (self.wishes, a.wishes),
        ):
            box.setPlainText(value)
        for field, value in (
            (self.carers, a.carers),
            (self.respite, a.respite_wishes),
            (self.root_causes, a.root_causes),
        ):
            field.setText(value)
        self.carer_load.setCurrentIndex(self.carer_load.findData(a.carer_load.value))
        self.expert.setChecked(a.expert_by_experience)

    def _score_boxes(self) -> list[QComboBox]:
        return [combo for combo, _notes in self.scores.values()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A score box that gets the focus shows what each level means for its domain; a
        digit typed there is the score (0 clears it) and the focus moves to the next domain."""
        if watched in self._domain_of:
            if event.type() == QEvent.Type.FocusIn:
                self._explain(self._domain_of[watched], watched.currentData())  # type: ignore[attr-defined]
            elif event.type() == QEvent.Type.KeyPress and event.text() in tuple("012345"):  # type: ignore[attr-defined]
                if event.modifiers() == Qt.KeyboardModifier.NoModifier:  # type: ignore[attr-defined]
                    watched.setCurrentIndex(watched.findData(int(event.text())))  # type: ignore[attr-defined]
                    self._next_score(watched)  # type: ignore[arg-type]
                    return True
        return super().eventFilter(watched, event)

    def _next_score(self, combo: QComboBox) -> None:
        boxes = [box for box in self._score_boxes() if not box.isHidden()]
        index = boxes.index(combo)
        if index + 1 < len(boxes):
            boxes[index + 1].setFocus()
        else:
            self.strengths.setFocus()

    def _explain(self, domain, level: int) -> None:  # type: ignore[no-untyped-def]
        """All five levels of the domain, the chosen one marked, so the worker can compare."""
        title = (
            f"<b>{domain.name} — {level} {LEVEL_NAMES[level]}</b>"
            if level
            else f"<b>{domain.name}</b> ({self.tr('nog geen score')})"
        )
        lines = [
            (f"<b>▶ {n} {LEVEL_NAMES[n]}: {level_text(domain, n)}</b>")
            if n == level
            else f"&nbsp;&nbsp;&nbsp;{n} {LEVEL_NAMES[n]}: {level_text(domain, n)}"
            for n in LEVEL_NAMES
        ]
        self.meaning.setText(title + "<br>" + "<br>".join(lines))

    def typed_assessment(self) -> AssessmentInput:
        scores = []
        scope = self.scope.codes()
        for code, (combo, notes) in self.scores.items():
            shares = [spin.value() for spin in self.shares[code]]
            reason = "" if code in scope else self.reasons[code][0].text()
            if combo.currentData() or notes.text() or any(shares):
                scores.append(
                    Score(code, combo.currentData() or None, notes.text(), *shares, reason)
                )
        return AssessmentInput(
            uuid.UUID(self.person.currentData()),
            scores,
            self.strengths.toPlainText(),
            self.network.toPlainText(),
            self.carers.text(),
            CarerLoad(self.carer_load.currentData()),
            self.respite.text(),
            self.wishes.toPlainText(),
            self.root_causes.text(),
            self.expert.isChecked(),
            scope,
        )

    def save_assessment(self, complete: bool) -> bool:
        self.assessment_errors.clear_message()
        for _reason, error in self.reasons.values():
            error.clear_message()
        if self.view is None:
            return False
        try:
            self.view = intake.save_assessment(
                self.ctx, self.view.request_id, self.typed_assessment(), complete
            )
        except ValidationFailed as exc:
            self._show_reason_errors(exc.errors)
            self.assessment_errors.show_message("\n".join(sorted(set(exc.errors.values()))))
            return False
        except DomainError as exc:
            self.assessment_errors.show_message(exc.message)
            return False
        self.autosave.saved()
        if complete:
            self.go(2)
        return True

    def _show_reason_errors(self, errors: dict[str, str]) -> None:
        """Each missing reason at its own field; the first one gets the focus."""
        missing = [key.removeprefix("reason.") for key in errors if key.startswith("reason.")]
        if missing:
            self.scope.show_others.setChecked(True)
        for code in missing:
            self.reasons[code][1].show_message(errors[f"reason.{code}"])
        if missing:
            first = self.reasons[missing[0]][0]
            first.setFocus()
            self.assessment_scroll.ensureWidgetVisible(first)
