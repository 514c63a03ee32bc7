"""Record a complaint (登记投诉) while the customer is still on the phone: keyboard first, under a minute."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidgetItem, QWidget

from ...domain.errors import DomainError
from ...domain.incidents import Category, ReportChannel, Severity
from ...services import Services
from ...services.incidents import IncidentDraft
from .. import messages
from ..field_errors import FieldErrors
from ..forms.ui_incident_dialog import Ui_IncidentDialog
from ..i18n import tr
from .customer_picker import hit_text

URGENT_COLOR = "#c0392b"
_URGENT_STYLE = f"QComboBox {{ color: {URGENT_COLOR}; font-weight: bold; }}"
_MOVE_KEYS: dict[int, int] = {
    Qt.Key.Key_Up.value: -1,
    Qt.Key.Key_Down.value: 1,
    Qt.Key.Key_PageUp.value: -5,
    Qt.Key.Key_PageDown.value: 5,
}
_ENTER_KEYS = {Qt.Key.Key_Return.value, Qt.Key.Key_Enter.value}


class IncidentDialog(QDialog):
    """A new incident for ``customer_id`` (None: search for the customer in the dialog).

    After 登记, ``incident_id`` holds the new incident and ``incident_opened`` has been emitted.
    """

    incident_opened = Signal(int)

    def __init__(
        self, services: Services, customer_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_IncidentDialog()
        self.ui.setupUi(self)
        self._services = services
        self.customer_id: int | None = None
        self.incident_id: int | None = None
        self._record_workers: dict[int, tuple[int | None, str]] = {}
        ui = self.ui
        self.setWindowTitle(tr("IncidentDialog", "登记投诉"))

        ui.category_combo.addItem(tr("IncidentDialog", "（请选择）"), "")
        for category in Category:
            ui.category_combo.addItem(category.value, category.value)
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
            ui.channel_combo.addItem(channel.value, channel.value)
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

        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.run_search)
        ui.customer_search_edit.textEdited.connect(lambda _text: self._search_timer.start())
        ui.customer_search_edit.installEventFilter(self)
        ui.customer_result_list.installEventFilter(self)
        ui.customer_result_list.itemDoubleClicked.connect(lambda _item: self._pick_current())
        ui.customer_change_button.clicked.connect(self._on_customer_change_button_clicked)
        ui.service_record_combo.currentIndexChanged.connect(self._on_service_record_combo_changed)
        ui.severity_combo.currentIndexChanged.connect(self._update_severity_style)
        ui.button_box.accepted.connect(self._on_save_button_clicked)
        ui.button_box.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._on_save_button_clicked)

        ui.customer_result_list.setVisible(False)
        if customer_id is not None and self.set_customer(customer_id):
            ui.customer_said_edit.setFocus()
        else:
            self._unlock_customer()

    # -- the customer ------------------------------------------------------------------------------

    def run_search(self) -> int:
        """Search now for what is typed in the customer field; returns the number of results."""
        self._search_timer.stop()
        ui = self.ui
        ui.customer_result_list.clear()
        text = ui.customer_search_edit.text()
        hits = self._services.customers.search(text, 12)
        for hit in hits:
            item = QListWidgetItem(hit_text(hit))
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            ui.customer_result_list.addItem(item)
        if hits:
            ui.customer_result_list.setCurrentRow(0)
        typed = bool(text.strip())
        ui.customer_result_list.setVisible(bool(hits))
        if typed and not hits:
            ui.customer_hint_label.setText(tr("IncidentDialog", "没有找到匹配的客户"))
        elif hits:
            ui.customer_hint_label.setText(tr("IncidentDialog", "用 ↑ ↓ 选择，按回车确定"))
        else:
            ui.customer_hint_label.clear()
        return len(hits)

    def set_customer(self, customer_id: int) -> bool:
        """Choose the customer and lock the field (更换 unlocks it); False if the customer is gone."""
        ui = self.ui
        try:
            customer = self._services.customers.get(customer_id)
        except DomainError:
            self._unlock_customer()
            ui.customer_hint_label.setText(tr("IncidentDialog", "这位客户已不存在，请重新搜索"))
            return False
        self.customer_id = customer_id
        phones = " / ".join(customer.phones)
        ui.customer_search_edit.setText(
            tr("IncidentDialog", "{address_as}（{name}）  {phones}")
            .format(address_as=customer.address_as, name=customer.name, phones=phones)
            .rstrip()
        )
        ui.customer_search_edit.setReadOnly(True)
        ui.customer_search_edit.setClearButtonEnabled(False)
        ui.customer_search_edit.setCursorPosition(0)
        ui.customer_result_list.clear()
        ui.customer_result_list.setVisible(False)
        ui.customer_hint_label.clear()
        ui.customer_change_button.setVisible(True)
        self._fill_service_records()
        return True

    def _unlock_customer(self) -> None:
        ui = self.ui
        self.customer_id = None
        ui.customer_search_edit.setReadOnly(False)
        ui.customer_search_edit.setClearButtonEnabled(True)
        ui.customer_search_edit.clear()
        ui.customer_change_button.setVisible(False)
        ui.customer_result_list.clear()
        ui.customer_result_list.setVisible(False)
        ui.customer_hint_label.clear()
        self._fill_service_records()
        ui.customer_search_edit.setFocus()

    def _on_customer_change_button_clicked(self) -> None:
        self._unlock_customer()

    def _pick_current(self) -> bool:
        item = self.ui.customer_result_list.currentItem()
        if item is None:
            self.ui.customer_hint_label.setText(tr("IncidentDialog", "请先在列表里选中一位客户"))
            return False
        if self.set_customer(int(item.data(Qt.ItemDataRole.UserRole))):
            self.ui.service_record_combo.setFocus()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrows in the search field move through the results; Enter picks instead of saving."""
        ui = self.ui
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        if ui.customer_search_edit.isReadOnly():
            return super().eventFilter(watched, event)
        key = event.key()
        results = ui.customer_result_list
        if watched is ui.customer_search_edit and key in _MOVE_KEYS and results.count():
            results.setCurrentRow(max(0, min(results.count() - 1, results.currentRow() + _MOVE_KEYS[key])))
            return True
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if watched in (ui.customer_search_edit, results) and key in _ENTER_KEYS and not ctrl:
            if self._search_timer.isActive() or (watched is ui.customer_search_edit and not results.count()):
                self.run_search()
            if results.count():
                self._pick_current()
            return True  # never the dialog's default button: the customer is not chosen yet
        return super().eventFilter(watched, event)

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
