"""The settings section: the agency's own details and the staff who use the program."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QHideEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QFrame, QHeaderView, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from ...domain.errors import DomainError, ValidationError
from ...domain.staff import Role
from ...services import Services
from ...services.settings import AgencyInfo, validate_agency
from ..common import messages, theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization
from ..common.section import SectionPage
from ..forms.ui_settings_page import Ui_SettingsPage
from .audit_log_tab import AuditLogTab
from .data_tab import DataTab
from .incident_rules_box import IncidentRulesBox
from .owner_gate import OwnerGate
from .privacy_tab import PrivacyTab
from .referral_rule_box import ReferralRuleBox
from .reminder_settings_box import ReminderRulesBox
from .security_tab import SecurityTab
from .staff_dialog import StaffDialog

ID_ROLE = Qt.ItemDataRole.UserRole + 1
# Source texts, translated where shown, not at import (QT_TRANSLATE_NOOP marks them for
# pyside6-lupdate; str() because PySide6 types its result as object).
STAFF_COLUMNS = (
    str(QT_TRANSLATE_NOOP("SettingsPage", "姓名")),
    str(QT_TRANSLATE_NOOP("SettingsPage", "职位")),
    str(QT_TRANSLATE_NOOP("SettingsPage", "状态")),
)
_INACTIVE_COLOR = QColor(theme.INACTIVE)


class SettingsPage(SectionPage):
    """Changing anything here needs the owner's password (asked for on Save)."""

    agency_changed = Signal()
    staff_changed = Signal()
    restore_requested = Signal(str, str)
    """(backup path, who confirmed), from the 数据 tab: the window starts again on that backup."""

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsPage()
        # The form scrolls, so the page never makes the window taller than a small screen.
        inner = QWidget()
        self.ui.setupUi(inner)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        # One tab per kind of setting; the data and security tabs read the disk, so only when shown.
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(scroll, tr("SettingsPage", "基本设置"))
        self.data_tab = DataTab(services, self.tabs)
        self.data_tab.restore_requested.connect(self.restore_requested)
        self.tabs.addTab(self.data_tab, tr("SettingsPage", "数据与备份"))
        self.security_tab = SecurityTab(services, self.tabs)
        self.tabs.addTab(self.security_tab, tr("SettingsPage", "数据安全"))
        self.privacy_tab = PrivacyTab(services, self.tabs)
        self.tabs.addTab(self.privacy_tab, tr("SettingsPage", "隐私"))
        self.audit_tab = AuditLogTab(services, settings)
        self.audit_gate = OwnerGate(services, self.audit_tab, tr("SettingsPage", "操作记录"), self.tabs)
        self.tabs.addTab(self.audit_gate, tr("SettingsPage", "操作记录"))
        self.tabs.currentChanged.connect(self._refresh_tab)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)
        self._services = services
        ui = self.ui
        self._loaded_agency = AgencyInfo()
        self.agency_errors = FieldErrors(
            {
                "name": (ui.agency_name_error, ui.agency_name_edit),
                "address": (ui.agency_address_error, ui.agency_address_edit),
                "phone": (ui.agency_phone_error, ui.agency_phone_edit),
            }
        )
        for edit in (ui.agency_name_edit, ui.agency_address_edit, ui.agency_phone_edit):
            edit.textEdited.connect(self._on_agency_edited)
        ui.save_agency_button.clicked.connect(self._on_save_agency_button_clicked)

        self.staff_model = QStandardItemModel(0, len(STAFF_COLUMNS), self)
        self.staff_model.setHorizontalHeaderLabels([tr("SettingsPage", title) for title in STAFF_COLUMNS])
        ui.staff_table.setModel(self.staff_model)
        ui.staff_table.verticalHeader().setVisible(False)
        header = ui.staff_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        ui.staff_table.setColumnWidth(0, 140)
        ui.staff_table.setColumnWidth(1, 140)
        ui.add_staff_button.clicked.connect(self._on_add_staff_button_clicked)
        ui.edit_staff_button.clicked.connect(self._on_edit_staff_button_clicked)
        ui.staff_table.activated.connect(self._on_staff_table_activated)
        ui.staff_table.selectionModel().selectionChanged.connect(self._update_buttons)

        from .logo_box import LogoBox

        self.logo_box = LogoBox(services, self)
        ui.page_layout.insertWidget(1, self.logo_box)
        self.rules_box = IncidentRulesBox(services, self)
        ui.page_layout.insertWidget(2, self.rules_box)
        self.referral_box = ReferralRuleBox(services, self)
        ui.page_layout.insertWidget(3, self.referral_box)
        self.reminder_box = ReminderRulesBox(services, settings, self)
        ui.page_layout.insertWidget(4, self.reminder_box)

        self._load_agency()
        self.refresh()

    # -- agency -----------------------------------------------------------------------------------

    def agency_in_form(self) -> AgencyInfo:
        """The agency's details as typed."""
        ui = self.ui
        return AgencyInfo(
            name=ui.agency_name_edit.text(),
            address=ui.agency_address_edit.text(),
            phone=ui.agency_phone_edit.text(),
        )

    def _load_agency(self) -> None:
        info = self._services.settings.agency()
        self._loaded_agency = info
        self.ui.agency_name_edit.setText(info.name)
        self.ui.agency_address_edit.setText(info.address)
        self.ui.agency_phone_edit.setText(info.phone)

    def _on_agency_edited(self, _text: str) -> None:
        self.ui.agency_status_label.clear()

    def _on_save_agency_button_clicked(self) -> None:
        info = self.agency_in_form()
        if info == self._loaded_agency:
            self.agency_errors.clear()
            self.ui.agency_status_label.setText(tr("SettingsPage", "没有需要保存的修改"))
            return
        try:
            validate_agency(info)  # report typing mistakes before asking for a password
        except ValidationError as exc:
            self.agency_errors.show(exc)
            return
        auth = ask_authorization(self, self._services, Role.OWNER, tr("SettingsPage", "修改公司信息"))
        if auth is None:
            return  # cancelled: what was typed stays in the form
        saved: list[AgencyInfo] = []
        if not self.agency_errors.attempt(
            self, lambda: saved.append(self._services.settings.save_agency(info, auth))
        ):
            return
        # Show the details as stored (the phone comes back in its canonical form).
        self._loaded_agency = saved[0]
        self._load_agency()
        self.ui.agency_status_label.setText(tr("SettingsPage", "已保存"))
        self.agency_changed.emit()

    # -- staff ------------------------------------------------------------------------------------

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the page closes the owner-only tab: the next person at the desk needs the password."""
        self.audit_gate.close_gate()
        super().hideEvent(event)

    def show_tab(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)

    def _refresh_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        refresh = getattr(tab, "refresh", None)
        if tab is not self.tabs.widget(0) and callable(refresh):
            refresh()

    def refresh(self) -> None:
        """Reload the staff list; the agency form is reloaded only if nothing unsaved is typed in it."""
        if self.tabs.currentIndex() > 0:
            self._refresh_tab(self.tabs.currentIndex())
        if self.agency_in_form() == self._loaded_agency:
            self._load_agency()
        keep = self.current_staff_id()
        self.staff_model.removeRows(0, self.staff_model.rowCount())
        for member in self._services.staff.list(include_inactive=True):
            status = tr("SettingsPage", "在职") if member.active else tr("SettingsPage", "停用")
            cells = [member.name, member.role.label, status]
            items = []
            for text in cells:
                item = QStandardItem(text)
                item.setData(member.id, ID_ROLE)
                if not member.active:
                    item.setForeground(QBrush(_INACTIVE_COLOR))
                items.append(item)
            self.staff_model.appendRow(items)
        if keep is not None:
            self.select_staff(keep)
        self._update_buttons()

    def current_staff_id(self) -> int | None:
        """The selected staff member, or None."""
        rows = self.ui.staff_table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ID_ROLE)
        return int(value) if value is not None else None

    def select_staff(self, staff_id: int) -> bool:
        for row in range(self.staff_model.rowCount()):
            if self.staff_model.index(row, 0).data(ID_ROLE) == staff_id:
                self.ui.staff_table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        self.ui.edit_staff_button.setEnabled(self.current_staff_id() is not None)

    def _on_add_staff_button_clicked(self) -> None:
        self.edit_staff(None)

    def _on_edit_staff_button_clicked(self) -> None:
        staff_id = self.current_staff_id()
        if staff_id is not None:
            self.edit_staff(staff_id)

    def _on_staff_table_activated(self, index: QModelIndex) -> None:
        staff_id = index.data(ID_ROLE)
        if staff_id is not None:
            self.edit_staff(int(staff_id))

    def edit_staff(self, staff_id: int | None) -> None:
        """Open the staff dialog (None: a new member); reload and select them after Save."""
        try:
            dialog = StaffDialog(self._services, staff_id, self)
        except DomainError as exc:  # removed meanwhile
            messages.show_error(self, str(exc))
            self.refresh()
            return
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.staff_id is None:
            return
        self.refresh()
        self.select_staff(dialog.staff_id)
        self.staff_changed.emit()
