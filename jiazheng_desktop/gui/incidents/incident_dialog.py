"""Record a complaint (登记投诉) while the customer is still on the phone: keyboard first, under a minute."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ...domain.incidents import Category, ReportChannel, Severity
from ...services import Services
from ...services.incidents import IncidentDraft
from ..common import messages, theme
from ..common.customer_chooser import CustomerChooser
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..forms.ui_incident_dialog import Ui_IncidentDialog

URGENT_COLOR = theme.OVERDUE
_URGENT_STYLE = f"QComboBox {{ color: {URGENT_COLOR}; font-weight: bold; }}"


class IncidentDialog(QDialog):
    """A new incident for ``customer_id`` (None: search for the customer in the dialog), optionally with the
    customer's words and the visit already filled in (a complaint taken from a satisfaction survey).

    After 登记, ``incident_id`` holds the new incident and ``incident_opened`` has been emitted.
    """

    incident_opened = Signal(int)

    def __init__(
        self,
        services: Services,
        customer_id: int | None = None,
        parent: QWidget | None = None,
        *,
        customer_said: str = "",
        service_record_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_IncidentDialog()
        self.ui.setupUi(self)
        self._services = services
        self.incident_id: int | None = None
        self._record_workers: dict[int, tuple[int | None, str]] = {}
        ui = self.ui
        self.chooser = CustomerChooser(
            services,
            ui.customer_search_edit,
            ui.customer_result_list,
            ui.customer_hint_label,
            ui.customer_change_button,
            self,
        )
        self.chooser.customer_picked.connect(lambda _id: self.ui.service_record_combo.setFocus())
        self.chooser.customer_changed.connect(lambda _id: self._fill_service_records())
        self.setWindowTitle(tr("IncidentDialog", "登记投诉"))

        ui.category_combo.addItem(tr("IncidentDialog", "（请选择）"), "")
        for category in Category:
            ui.category_combo.addItem(category.label, category.value)
        for severity in Severity:
            ui.severity_combo.addItem(severity.label, int(severity))
        urgent = ui.severity_combo.findData(int(Severity.CRITICAL))
        ui.severity_combo.setItemData(urgent, QBrush(QColor(URGENT_COLOR)), Qt.ItemDataRole.ForegroundRole)
        bold = QFont(ui.severity_combo.font())
        bold.setBold(True)
        ui.severity_combo.setItemData(urgent, bold, Qt.ItemDataRole.FontRole)
        ui.severity_combo.setItemData(
            urgent, tr("IncidentDialog", "紧急：马上处理，并告知店主"), Qt.ItemDataRole.ToolTipRole
        )
        for channel in ReportChannel:
            ui.channel_combo.addItem(channel.label, channel.value)
        ui.channel_combo.setCurrentIndex(ui.channel_combo.findData(ReportChannel.PHONE.value))
        self._fill_workers()
        self._fill_service_records()

        ui.button_box.button(QDialogButtonBox.StandardButton.Save).setText(tr("IncidentDialog", "登记(&S)"))
        ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("IncidentDialog", "取消"))
        self.errors = FieldErrors(
            {
                "customer": (ui.customer_error, ui.customer_search_edit),
                "service_record": (ui.service_record_error, ui.service_record_combo),
                "worker": (ui.worker_error, ui.worker_combo),
                "category": (ui.category_error, ui.category_combo),
                "severity": (ui.severity_error, ui.severity_combo),
                "channel": (ui.channel_error, ui.channel_combo),
                "customer_said": (ui.customer_said_error, ui.customer_said_edit),
            },
            fallback=ui.form_error,
        )

        ui.service_record_combo.currentIndexChanged.connect(self._on_service_record_combo_changed)
        ui.severity_combo.currentIndexChanged.connect(self._update_severity_style)
        ui.button_box.accepted.connect(self._on_save_button_clicked)
        ui.button_box.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._on_save_button_clicked)

        if customer_id is not None and self.set_customer(customer_id):
            ui.customer_said_edit.setFocus()
            if service_record_id is not None:  # the visit a survey was about: its worker follows
                index = ui.service_record_combo.findData(service_record_id)
                if index >= 0:
                    ui.service_record_combo.setCurrentIndex(index)
        else:
            self.chooser.unlock()
        if customer_said:
            ui.customer_said_edit.setPlainText(customer_said)  # what the customer said in a survey

    # -- the customer (see CustomerChooser) --------------------------------------------------------

    @property
    def customer_id(self) -> int | None:
        return self.chooser.customer_id

    def run_search(self) -> int:
        """Search now for what is typed in the customer field; returns the number of results."""
        return self.chooser.run_search()

    def set_customer(self, customer_id: int) -> bool:
        """Choose the customer and lock the field (更换 unlocks it); False if the customer is gone."""
        return self.chooser.set_customer(customer_id)

    # -- service record and worker -------------------------------------------------------------------

    def _fill_workers(self) -> None:
        combo = self.ui.worker_combo
        combo.clear()
        combo.addItem(tr("IncidentDialog", "未指定"), None)
        for worker in self._services.workers.list(include_inactive=False):
            combo.addItem(worker.name, worker.id)

    def _fill_service_records(self) -> None:
        combo = self.ui.service_record_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("IncidentDialog", "（不关联）"), None)
        self._record_workers.clear()
        if self.customer_id is not None:
            for record in self._services.service_records.recent_for(self.customer_id):
                combo.addItem(record.label, record.id)
                self._record_workers[record.id] = (record.worker_id, record.worker_name)
        combo.setCurrentIndex(0)
        combo.blockSignals(False)
        combo.setEnabled(combo.count() > 1)
        combo.setToolTip(
            ""
            if combo.count() > 1 or self.customer_id is None
            else tr("IncidentDialog", "这位客户还没有服务记录")
        )

    def _on_service_record_combo_changed(self, _index: int) -> None:
        record_id = self.ui.service_record_combo.currentData()
        if record_id is None or record_id not in self._record_workers:
            return
        worker_id, worker_name = self._record_workers[record_id]
        if worker_id is None:
            return
        combo = self.ui.worker_combo
        index = combo.findData(worker_id)
        if index < 0:  # no longer active: still the one who went
            combo.addItem(tr("IncidentDialog", "{name}（已停用）").format(name=worker_name), worker_id)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def _update_severity_style(self, _index: int = 0) -> None:
        urgent = self.ui.severity_combo.currentData() == int(Severity.CRITICAL)
        self.ui.severity_combo.setStyleSheet(_URGENT_STYLE if urgent else "")

    # -- saving ------------------------------------------------------------------------------------

    def draft(self) -> IncidentDraft:
        """What is in the form now, exactly as typed."""
        ui = self.ui
        return IncidentDraft(
            customer_id=self.customer_id,
            category=ui.category_combo.currentData() or "",
            severity=int(ui.severity_combo.currentData()),
            channel=ui.channel_combo.currentData(),
            customer_said=ui.customer_said_edit.toPlainText(),
            service_record_id=ui.service_record_combo.currentData(),
            worker_id=ui.worker_combo.currentData(),
        )

    def _on_save_button_clicked(self) -> None:
        draft = self.draft()

        def save() -> None:
            self.incident_id = self._services.incidents.open_incident(draft)

        if self.errors.attempt(self, save) and self.incident_id is not None:
            self.incident_opened.emit(self.incident_id)
            self.accept()

    def reject(self) -> None:
        """Cancel; asks first when the customer's words were already typed (they would be lost)."""
        if (
            self.incident_id is None
            and self.ui.customer_said_edit.toPlainText().strip()
            and not messages.confirm(
                self,
                tr("IncidentDialog", "放弃这次登记吗？已记下的客户原话不会保存。"),
                yes=tr("IncidentDialog", "放弃"),
            )
        ):
            return
        super().reject()
