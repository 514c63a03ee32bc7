"""The owner's rule for satisfaction surveys after ordinary visits: how many days after, and how often."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from ...domain.staff import Role
from ...domain.surveys import EVERY_NTH_MAX, FIRST_DAYS_MAX
from ...services import Services
from ..common import theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization

ERROR_STYLE = theme.ERROR_STYLE


class SurveyRuleBox(QGroupBox):
    """A small form, built in code: two fields and a save button (the owner's password)."""

    rule_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("SurveyRuleBox", "满意度回访"), parent)
        self.setObjectName("survey_rule_box")
        self._services = services
        self.days_spin = QSpinBox(self)
        self.days_spin.setObjectName("survey_days_spin")
        self.days_spin.setRange(1, FIRST_DAYS_MAX)
        self.days_spin.setPrefix(tr("SurveyRuleBox", "服务后第 "))
        self.days_spin.setSuffix(tr("SurveyRuleBox", " 天"))
        self.every_spin = QSpinBox(self)
        self.every_spin.setObjectName("survey_every_spin")
        self.every_spin.setRange(0, EVERY_NTH_MAX)
        self.every_spin.setPrefix(tr("SurveyRuleBox", "每 "))
        self.every_spin.setSuffix(tr("SurveyRuleBox", " 次服务"))
        self.every_spin.setSpecialValueText(tr("SurveyRuleBox", "不回访（只回访第一次服务）"))
        self.days_error = QLabel(self)
        self.every_error = QLabel(self)
        for label in (self.days_error, self.every_error):
            label.setStyleSheet(ERROR_STYLE)
            label.setWordWrap(True)
        self.status_label = QLabel(self)
        self.save_button = QPushButton(tr("SurveyRuleBox", "保存回访规则"), self)
        self.save_button.setObjectName("save_survey_button")
        hint = QLabel(
            tr(
                "SurveyRuleBox",
                "新客户第一次服务后，以及之后每隔几次服务，到时在 09:00 提醒给客户打满意度回访电话。"
                "客户同意“回访记录保存”才保存分数和备注；3 分及以下可以直接登记为投诉。",
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(theme.MUTED_STYLE)
        form = QFormLayout(self)
        form.addRow(hint)
        form.addRow(tr("SurveyRuleBox", "提醒时间"), self.days_spin)
        form.addRow("", self.days_error)
        form.addRow(tr("SurveyRuleBox", "之后再回访"), self.every_spin)
        form.addRow("", self.every_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.errors = FieldErrors(
            {
                "first_days": (self.days_error, self.days_spin),
                "every_nth": (self.every_error, self.every_spin),
            }
        )
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.load()

    def load(self) -> None:
        rule = self._services.surveys.rule()
        self.days_spin.setValue(rule.first_days)
        self.every_spin.setValue(rule.every_nth)
        self.errors.clear()

    def _on_save_button_clicked(self) -> None:
        days, every = self.days_spin.value(), self.every_spin.value()
        auth = ask_authorization(self, self._services, Role.OWNER, tr("SurveyRuleBox", "修改满意度回访规则"))
        if auth is None:
            return
        if self.errors.attempt(self, lambda: self._services.surveys.save_rule(days, every, auth)):
            self.load()
            self.status_label.setText(tr("SurveyRuleBox", "已保存"))
            self.rule_changed.emit()
