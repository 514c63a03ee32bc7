"""Create or edit a worker (服务人员). Workers are never deleted: untick 在职 instead."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QWidget

from ...domain.workers import SKILLS, WorkerDraft
from ...services import Services
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..forms.ui_worker_dialog import Ui_WorkerDialog

_SKILL_COLUMNS = 3


class WorkerDialog(QDialog):
    """``worker_id`` None creates a new worker; after Save, ``worker_id`` holds the id."""

    worker_saved = Signal(int)

    def __init__(
        self, services: Services, worker_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_WorkerDialog()
        self.ui.setupUi(self)
        self._services = services
        self.worker_id = worker_id
        ui = self.ui
        self.skill_checks: dict[str, QCheckBox] = {}
        for index, skill in enumerate(SKILLS):
            check = QCheckBox(skill, ui.skills_box)
            check.setObjectName(f"skill_check_{index}")
            ui.skills_layout.addWidget(check, index // _SKILL_COLUMNS, index % _SKILL_COLUMNS)
            self.skill_checks[skill] = check
        today = services.context.now().date()
        # A check cannot have been done in the future; the service says so too, but this stops the typo.
        ui.background_check_date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        ui.background_check_none_check.toggled.connect(self._on_background_check_none_check_toggled)
        ui.button_box.button(QDialogButtonBox.StandardButton.Save).setText(tr("WorkerDialog", "保存(&S)"))
        ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("WorkerDialog", "取消"))
        first_skill = self.skill_checks[SKILLS[0]]
        self.errors = FieldErrors(
            {
                "name": (ui.name_error, ui.name_edit),
                "phone": (ui.phone_error, ui.phone_edit),
                "skills": (ui.skills_error, first_skill),
                "background_check_on": (ui.background_check_on_error, ui.background_check_date_edit),
                "training_notes": (ui.training_notes_error, ui.training_notes_edit),
            },
            fallback=ui.form_error,
        )
        ui.button_box.accepted.connect(self._on_save_button_clicked)
        ui.button_box.rejected.connect(self.reject)
        if worker_id is None:
            self.setWindowTitle(tr("WorkerDialog", "新建服务人员"))
            self.set_draft(WorkerDraft())
        else:
            draft = services.workers.draft_for(worker_id)
            self.setWindowTitle(tr("WorkerDialog", "编辑服务人员：{name}").format(name=draft.name))
            self.set_draft(draft)
        ui.name_edit.setFocus()

    # -- the form and the draft --------------------------------------------------------------------

    def set_draft(self, draft: WorkerDraft) -> None:
        ui = self.ui
        ui.name_edit.setText(draft.name)
        ui.phone_edit.setText(draft.phone)
        for skill, check in self.skill_checks.items():
            check.setChecked(skill in draft.skills)
        checked_on = draft.background_check_on
        ui.background_check_date_edit.setDate(
            QDate(checked_on.year, checked_on.month, checked_on.day)
            if checked_on
            else ui.background_check_date_edit.maximumDate()
        )
        ui.background_check_none_check.setChecked(checked_on is None)
        self._on_background_check_none_check_toggled(checked_on is None)
        ui.training_notes_edit.setPlainText(draft.training_notes)
        ui.active_check.setChecked(draft.active)

    def draft(self) -> WorkerDraft:
        """What is in the form now, exactly as typed."""
        ui = self.ui
        checked_on = None
        if not ui.background_check_none_check.isChecked():
            checked_on = ui.background_check_date_edit.date().toPython()
        return WorkerDraft(
            name=ui.name_edit.text(),
            phone=ui.phone_edit.text(),
            skills=tuple(skill for skill, check in self.skill_checks.items() if check.isChecked()),
            background_check_on=checked_on,  # type: ignore[arg-type]
            training_notes=ui.training_notes_edit.toPlainText(),
            active=ui.active_check.isChecked(),
        )

    def _on_background_check_none_check_toggled(self, not_done: bool) -> None:
        self.ui.background_check_date_edit.setEnabled(not not_done)

    # -- saving ----------------------------------------------------------------------------------

    def _on_save_button_clicked(self) -> None:
        draft = self.draft()

        def save() -> None:
            if self.worker_id is None:
                self.worker_id = self._services.workers.create(draft)
            else:
                self._services.workers.update(self.worker_id, draft)

        if self.errors.attempt(self, save) and self.worker_id is not None:
            self.worker_saved.emit(self.worker_id)
            self.accept()
