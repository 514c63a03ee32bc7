"""提醒 on the settings page: the agency's reminder rules, and two options for this computer only.

The rules (renewal days, festivals, how many days before a festival) are stored in the database through
``services.reminders``. Closing to the tray and starting with Windows belong to the computer, not to the
agency, so they live in QSettings (and, for the second, in the Windows ``Run`` key).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...domain.errors import ValidationError
from ...domain.festivals import DAYS_BEFORE_MAX, FESTIVALS
from ...domain.reminders import parse_renewal_days
from ...services import Services
from ...services.reminders import ReminderRules
from ..common import messages, theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from . import autostart

CLOSE_TO_TRAY_KEY = "reminders/close_to_tray"
START_WITH_WINDOWS_KEY = "reminders/start_with_windows"
FESTIVAL_COLUMNS = 4
ERROR_STYLE = theme.ERROR_STYLE


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label


class ReminderRulesBox(QGroupBox):
    """``rules_changed`` after the rules are saved; ``computer_options_changed`` after a checkbox."""

    rules_changed = Signal()
    computer_options_changed = Signal()

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(tr("ReminderRulesBox", "提醒"), parent)
        self._services = services
        self._settings = settings

        self.renewal_days_edit = QLineEdit(self)
        self.renewal_days_edit.setPlaceholderText(tr("ReminderRulesBox", "例如 14, 7, 1"))
        self.renewal_days_edit.setToolTip(
            tr("ReminderRulesBox", "合同到期前多少天提醒续约，可以填几个，用逗号隔开")
        )
        self.festival_boxes: dict[str, QCheckBox] = {}
        festival_grid = QGridLayout()
        for n, festival in enumerate(FESTIVALS):
            box = QCheckBox(festival.name, self)
            self.festival_boxes[festival.key] = box
            festival_grid.addWidget(box, n // FESTIVAL_COLUMNS, n % FESTIVAL_COLUMNS)
        self.festival_days_spin = QSpinBox(self)
        self.festival_days_spin.setRange(0, DAYS_BEFORE_MAX)
        self.festival_days_spin.setSuffix(tr("ReminderRulesBox", " 天"))
        self.festival_days_spin.setToolTip(tr("ReminderRulesBox", "节日前多少天提醒发问候；0 表示当天"))
        self.renewal_days_error = _error_label(self)
        self.festivals_error = _error_label(self)
        self.festival_days_error = _error_label(self)
        self.status_label = QLabel(self)
        self.save_button = QPushButton(tr("ReminderRulesBox", "保存提醒设置(&M)"), self)
        self.save_button.setObjectName("save_button")

        self.close_to_tray_check = QCheckBox(tr("ReminderRulesBox", "关闭窗口时最小化到托盘"), self)
        self.close_to_tray_check.setToolTip(
            tr("ReminderRulesBox", "点窗口的 × 时程序留在任务栏右下角，到时间的提醒照样弹出")
        )
        self.start_with_windows_check = QCheckBox(tr("ReminderRulesBox", "开机时自动启动"), self)
        self.autostart_note = QLabel(self)
        self.autostart_note.setWordWrap(True)
        self.autostart_note.setStyleSheet(theme.MUTED_STYLE)
        computer_title = QLabel(tr("ReminderRulesBox", "这台电脑"), self)
        font = computer_title.font()
        font.setBold(True)
        computer_title.setFont(font)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        form = QFormLayout(self)
        days_label = QLabel(tr("ReminderRulesBox", "续约提醒提前天数(&R)"), self)
        days_label.setBuddy(self.renewal_days_edit)
        form.addRow(days_label, self.renewal_days_edit)
        form.addRow("", self.renewal_days_error)
        form.addRow(tr("ReminderRulesBox", "节日问候"), festival_grid)
        form.addRow("", self.festivals_error)
        before_label = QLabel(tr("ReminderRulesBox", "提前天数(&Y)"), self)
        before_label.setBuddy(self.festival_days_spin)
        form.addRow(before_label, self.festival_days_spin)
        form.addRow("", self.festival_days_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        form.addRow(line)
        form.addRow(computer_title)
        form.addRow(self.close_to_tray_check)
        form.addRow(self.start_with_windows_check)
        form.addRow(self.autostart_note)

        self.errors = FieldErrors(
            {
                "renewal_days": (self.renewal_days_error, self.renewal_days_edit),
                "festivals": (self.festivals_error, next(iter(self.festival_boxes.values()))),
                "festival_days_before": (self.festival_days_error, self.festival_days_spin),
            }
        )
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.renewal_days_edit.textEdited.connect(lambda _text: self.status_label.clear())
        self._load_computer_options()
        self.close_to_tray_check.toggled.connect(self._on_close_to_tray_toggled)
        self.start_with_windows_check.toggled.connect(self._on_start_with_windows_toggled)
        self.load()

    # -- the agency's rules ----------------------------------------------------------------------

    def load(self) -> None:
        """Show the rules as stored."""
        rules = self._services.reminders.rules()
        self.renewal_days_edit.setText(", ".join(str(d) for d in rules.renewal_days))
        for key, box in self.festival_boxes.items():
            box.setChecked(key in rules.festivals)
        self.festival_days_spin.setValue(rules.festival_days_before)
        self.errors.clear()

    def rules_in_form(self) -> ReminderRules:
        """The rules as typed; days that do not parse raise ``ValidationError`` for their field."""
        try:
            days = parse_renewal_days(self.renewal_days_edit.text())
        except ValueError as exc:
            raise ValidationError({"renewal_days": str(exc)}) from exc
        return ReminderRules(
            renewal_days=days,
            festivals=tuple(key for key, box in self.festival_boxes.items() if box.isChecked()),
            festival_days_before=self.festival_days_spin.value(),
        )

    def _on_save_button_clicked(self) -> None:
        self.status_label.clear()
        try:
            rules = self.rules_in_form()
        except ValidationError as exc:
            self.errors.show(exc)
            return
        if self.errors.attempt(self, lambda: self._services.reminders.save_rules(rules)):
            self.load()
            self.status_label.setText(tr("ReminderRulesBox", "已保存"))
            self.rules_changed.emit()

    # -- this computer ---------------------------------------------------------------------------

    def _load_computer_options(self) -> None:
        settings = self._settings
        self.close_to_tray_check.setChecked(bool(settings.value(CLOSE_TO_TRAY_KEY, False, type=bool)))
        if autostart.autostart_supported():
            wanted = bool(settings.value(START_WITH_WINDOWS_KEY, False, type=bool))
            # The Run value is the truth: someone may have switched it off in Task Manager.
            self.start_with_windows_check.setChecked(wanted and autostart.autostart_enabled())
            self.autostart_note.setText(
                tr("ReminderRulesBox", "登录 Windows 后自动打开本程序，提醒不会错过。")
            )
        else:
            self.start_with_windows_check.setChecked(False)
            self.start_with_windows_check.setEnabled(False)
            self.autostart_note.setText(
                tr("ReminderRulesBox", "只在 Windows 上可用：在这台电脑上请用系统自带的“开机启动”设置")
            )

    def _on_close_to_tray_toggled(self, checked: bool) -> None:
        self._settings.setValue(CLOSE_TO_TRAY_KEY, checked)
        self.computer_options_changed.emit()

    def _on_start_with_windows_toggled(self, checked: bool) -> None:
        try:
            autostart.set_autostart(checked, autostart.autostart_command())
        except OSError as exc:
            messages.show_error(self, str(exc))
            self.start_with_windows_check.blockSignals(True)
            self.start_with_windows_check.setChecked(not checked)
            self.start_with_windows_check.blockSignals(False)
            return
        self._settings.setValue(START_WITH_WINDOWS_KEY, checked)
        self.computer_options_changed.emit()
