"""The settings section: the agency's own details and the staff who use the program."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

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
from .incident_rules_box import IncidentRulesBox
from .lifecycle_rules_box import LifecycleRulesBox
from .points_rules_box import PointsRulesBox
from .referral_rule_box import ReferralRuleBox
from .reminder_settings_box import ReminderRulesBox
from .staff_dialog import StaffDialog
from .survey_rule_box import SurveyRuleBox

if TYPE_CHECKING:
    from .audit_log_tab import AuditLogTab
    from .data_tab import DataTab
    from .office_tab import OfficeTab
    from .owner_gate import OwnerGate
    from .privacy_tab import PrivacyTab
    from .security_tab import SecurityTab

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
    restart_requested = Signal()
    """From the 多台电脑 tab: the program starts again with the new setting."""

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
        # One tab per kind of setting. Each but the first is built when first shown (or asked for):
        # the page opens with the form, and the data and security tabs read the disk only then.
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(scroll, tr("SettingsPage", "基本设置"))
        self._tab_makers: dict[int, Callable[[], QWidget]] = {}
        self._built_tabs: dict[int, QWidget] = {}
        self._add_later(tr("SettingsPage", "数据与备份"), lambda: self._make_data_tab(services))
        self._add_later(tr("SettingsPage", "数据安全"), lambda: self._make_security_tab(services))
        self._add_later(tr("SettingsPage", "隐私"), lambda: self._make_privacy_tab(services))
        self._add_later(tr("SettingsPage", "操作记录"), lambda: self._make_audit_gate(services, settings))
        self._add_later(tr("SettingsPage", "多台电脑"), lambda: self._make_office_tab(services))
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
        self.lifecycle_box = LifecycleRulesBox(services, self)
        ui.page_layout.insertWidget(5, self.lifecycle_box)
        self.survey_box = SurveyRuleBox(services, self)
        ui.page_layout.insertWidget(6, self.survey_box)
        self.points_box = PointsRulesBox(services, self)
        ui.page_layout.insertWidget(7, self.points_box)

        self._load_agency()
        self.refresh()

    # -- the tabs built when first needed ------------------------------------------------------------

    def _add_later(self, title: str, make: Callable[[], QWidget]) -> None:
        index = self.tabs.addTab(QWidget(), title)  # stands in until the tab is built
        self._tab_makers[index] = make

    def _tab(self, index: int) -> QWidget:
        """The tab at ``index``, built now (in place of its stand-in) if it has not been yet."""
        built = self._built_tabs.get(index)
        if built is not None:
            return built
        make = self._tab_makers.pop(index, None)
        if make is None:
            tab = self.tabs.widget(index)
            assert tab is not None
            return tab
        built = self._built_tabs[index] = make()
        tabs = self.tabs
        current, title, stand_in = tabs.currentIndex(), tabs.tabText(index), tabs.widget(index)
        tabs.blockSignals(True)  # the same tab stays current: nothing to announce
        tabs.removeTab(index)
        tabs.insertTab(index, built, title)
        tabs.setCurrentIndex(current)
        tabs.blockSignals(False)
        if stand_in is not None:
            stand_in.deleteLater()
        return built

    def _make_data_tab(self, services: Services) -> QWidget:
        from .data_tab import DataTab

        tab = DataTab(services, self.tabs)
        tab.restore_requested.connect(self.restore_requested)
        return tab

    def _make_security_tab(self, services: Services) -> QWidget:
        from .security_tab import SecurityTab

        return SecurityTab(services, self.tabs)

    def _make_privacy_tab(self, services: Services) -> QWidget:
        from .privacy_tab import PrivacyTab

        return PrivacyTab(services, self.tabs)

    def _make_audit_gate(self, services: Services, settings: QSettings) -> QWidget:
        from .audit_log_tab import AuditLogTab
        from .owner_gate import OwnerGate

        return OwnerGate(services, AuditLogTab(services, settings), tr("SettingsPage", "操作记录"), self.tabs)

    def _make_office_tab(self, services: Services) -> QWidget:
        from .office_tab import OfficeTab

        tab = OfficeTab(services, self.tabs)
        tab.restart_requested.connect(self.restart_requested)
        return tab

    @property
    def office_tab(self) -> OfficeTab:
        return cast("OfficeTab", self._tab(5))

    @property
    def data_tab(self) -> DataTab:
        return cast("DataTab", self._tab(1))

    @property
    def security_tab(self) -> SecurityTab:
        return cast("SecurityTab", self._tab(2))

    @property
    def privacy_tab(self) -> PrivacyTab:
        return cast("PrivacyTab", self._tab(3))

    @property
    def audit_gate(self) -> OwnerGate:
        return cast("OwnerGate", self._tab(4))

    @property
    def audit_tab(self) -> AuditLogTab:
        return cast("AuditLogTab", self.audit_gate.content)

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
        gate = self._built_tabs.get(4)
        if gate is not None:
            self.audit_gate.close_gate()
        super().hideEvent(event)

    def show_tab(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)

    def _refresh_tab(self, index: int) -> None:
        if index <= 0:
            return
        refresh = getattr(self._tab(index), "refresh", None)
        if callable(refresh):
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
