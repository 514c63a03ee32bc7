"""Record one visit (服务记录) for a customer: when, what, who went and what it cost."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ...domain.workers import SERVICE_TYPES, ServiceRecordDraft
from ...services import Services
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..forms.ui_service_record_dialog import Ui_ServiceRecordDialog


def to_qdatetime(moment: datetime) -> QDateTime:
    """An aware datetime as a QDateTime in this computer's local time (what the user reads)."""
    local = moment.astimezone()
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))


def from_qdatetime(value: QDateTime) -> datetime:
    """A QDateTime typed in local time as an aware datetime (the services refuse naive ones)."""
    naive: datetime = value.toPython()  # type: ignore[assignment]
    return naive.astimezone()


class ServiceRecordDialog(QDialog):
    """Add a service record for ``customer_id``; after Save, ``record_id`` holds the new id.

    Raises ``NotFoundError`` (a ``DomainError``) when the customer no longer exists.
    """

    record_added = Signal(int)

    def __init__(self, services: Services, customer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ServiceRecordDialog()
        self.ui.setupUi(self)
        self._services = services
        self.customer_id = customer_id
        self.record_id: int | None = None
        ui = self.ui
        customer = services.customers.get(customer_id)
        self.setWindowTitle(
            tr("ServiceRecordDialog", "新增服务记录：{address_as}").format(address_as=customer.address_as)
        )
        for service_type in SERVICE_TYPES:
            ui.service_type_combo.addItem(service_type, service_type)
        ui.worker_combo.addItem(tr("ServiceRecordDialog", "未指定"), None)
        for worker in services.workers.list(include_inactive=False):
            label = (
                tr("ServiceRecordDialog", "{name}（{skills}）").format(name=worker.name, skills=worker.skills)
                if worker.skills
                else worker.name
            )
            ui.worker_combo.addItem(label, worker.id)
        # The form shows minutes only: keep seconds out so what is saved is what was on screen.
        now = services.context.now().replace(second=0, microsecond=0)
        ui.served_at_edit.setDateTime(to_qdatetime(now))
        ui.button_box.button(QDialogButtonBox.StandardButton.Save).setText(
            tr("ServiceRecordDialog", "保存(&S)")
        )
        ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(
            tr("ServiceRecordDialog", "取消")
        )
        self.errors = FieldErrors(
            {
                "served_at": (ui.served_at_error, ui.served_at_edit),
                "service_type": (ui.service_type_error, ui.service_type_combo),
                "worker": (ui.worker_error, ui.worker_combo),
                "amount": (ui.amount_error, ui.amount_edit),
                "notes": (ui.notes_error, ui.notes_edit),
            },
            fallback=ui.form_error,
        )
        ui.button_box.accepted.connect(self._on_save_button_clicked)
        ui.button_box.rejected.connect(self.reject)
        ui.amount_edit.setFocus()

    def draft(self) -> ServiceRecordDraft:
        """What is in the form now, exactly as typed."""
        ui = self.ui
        return ServiceRecordDraft(
            customer_id=self.customer_id,
            served_at=from_qdatetime(ui.served_at_edit.dateTime()),
            service_type=ui.service_type_combo.currentData(),
            worker_id=ui.worker_combo.currentData(),
            amount_text=ui.amount_edit.text(),
            notes=ui.notes_edit.toPlainText(),
        )

    def _on_save_button_clicked(self) -> None:
        draft = self.draft()

        def save() -> None:
            self.record_id = self._services.service_records.add(draft)

        if self.errors.attempt(self, save) and self.record_id is not None:
            self.record_added.emit(self.record_id)
            self.accept()
