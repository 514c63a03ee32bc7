"""What to say now: a script from the library, filled in with the customer's details, ready to copy."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ...domain.errors import DomainError
from ...domain.templates import Channel, Scenario
from ...services import Services
from ...services.scripts import RenderedScript, TemplateRow
from ..forms.ui_script_panel import Ui_ScriptPanel
from . import theme
from .i18n import tr

_AMBER = theme.text_style(theme.NEAR)
_GREY = theme.MUTED_STYLE


SCRIPT_LINES = 6
"""The script always shows this many lines without scrolling (a phone script is read out as a whole)."""


class ScriptPanel(QWidget):
    """Shows the script for an incident or a customer; the user may switch scenario and channel.

    ``show_for_incident`` picks the script for the moment (the current ILEAD step, or the day-3
    callback once resolved); ``show_for_customer`` defaults to a first inquiry. The 话术 list offers
    every template of the scenario, the one made for the case first (a burst-pipe complaint: the
    burst-pipe script, then the general one), chosen at first; staff may pick another.
    """

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ScriptPanel()
        self.ui.setupUi(self)
        self._services = services
        self._incident_id: int | None = None
        self._customer_id: int | None = None
        self._script: RenderedScript | None = None
        text = self.ui.script_text
        text.setMinimumHeight(text.fontMetrics().lineSpacing() * SCRIPT_LINES + 2 * text.frameWidth() + 8)
        for scenario in Scenario:
            self.ui.scenario_combo.addItem(scenario.label, scenario.value)
        for channel in Channel:
            self.ui.channel_combo.addItem(channel.label, channel.value)
        self._copied_timer = QTimer(self, singleShot=True, interval=1500)
        self._copied_timer.timeout.connect(self._restore_copy_button)
        self.ui.scenario_combo.currentIndexChanged.connect(self._render)
        self.ui.channel_combo.currentIndexChanged.connect(self._render)
        self.ui.template_combo.currentIndexChanged.connect(self._show_chosen)
        self.ui.copy_button.clicked.connect(self.copy)
        self.clear()

    # -- what to show ------------------------------------------------------------------------------

    def show_for_incident(self, incident_id: int) -> None:
        """The script for this incident now; the scenario follows the incident's step."""
        self._incident_id, self._customer_id = incident_id, None
        try:
            scenario = self._services.scripts.scenario_for_incident(incident_id)
        except DomainError as exc:
            self._show_problem(str(exc))
            return
        self._choose(scenario)

    def show_for_customer(self, customer_id: int, scenario: Scenario = Scenario.FIRST_INQUIRY) -> None:
        """A script for a customer outside any incident (first inquiry, renewal, festival …)."""
        self._incident_id, self._customer_id = None, customer_id
        self._choose(scenario)

    def clear(self) -> None:
        """Nothing to show (no incident or customer chosen)."""
        self._incident_id = self._customer_id = None
        self._script = None
        self.ui.title_label.clear()
        self.ui.script_text.clear()
        self._set_templates([])
        self.ui.hint_label.clear()
        self.ui.hint_label.setVisible(False)
        self._set_enabled(False)

    def text(self) -> str:
        """The script as shown (empty when there is none)."""
        return self._script.text if self._script is not None else ""

    @property
    def script(self) -> RenderedScript | None:
        return self._script

    def copy(self) -> None:
        """Put the script on the clipboard, to paste into an SMS or WeChat."""
        if not self.text():
            return
        QGuiApplication.clipboard().setText(self.text())
        self.ui.copy_button.setText(tr("ScriptPanel", "已复制 ✓"))
        self._copied_timer.start()

    # -- inside ------------------------------------------------------------------------------------

    def _choose(self, scenario: Scenario) -> None:
        combo = self.ui.scenario_combo
        combo.blockSignals(True)
        combo.setCurrentIndex(combo.findData(scenario.value))
        combo.blockSignals(False)
        self._set_enabled(True)
        self._render()

    def _render(self) -> None:
        """The scenario or channel changed: offer its templates, the most specific chosen."""
        if self._incident_id is None and self._customer_id is None:
            return
        scenario = Scenario(self.ui.scenario_combo.currentData())
        channel = Channel(self.ui.channel_combo.currentData())
        scripts = self._services.scripts
        try:
            if self._incident_id is not None:
                templates = scripts.templates_for_incident(self._incident_id, scenario, channel)
            else:
                assert self._customer_id is not None
                templates = scripts.templates_for_customer(self._customer_id, scenario, channel)
        except DomainError as exc:  # deleted meanwhile
            self._show_problem(str(exc))
            return
        self._set_templates(templates, channel)
        self._show_chosen()

    def _set_templates(self, templates: list[TemplateRow], channel: Channel | None = None) -> None:
        combo = self.ui.template_combo
        combo.blockSignals(True)
        combo.clear()
        for template in templates:
            title = template.title
            if channel is not None and template.channel != channel:
                title = tr("ScriptPanel", "{title}（{channel}）").format(
                    title=title, channel=template.channel.label
                )
            combo.addItem(title, template.id)
        combo.setCurrentIndex(0 if templates else -1)
        combo.blockSignals(False)
        combo.setEnabled(bool(templates) and self.ui.scenario_combo.isEnabled())

    def _show_chosen(self) -> None:
        """Fill in the template chosen in the 话术 list."""
        if self._incident_id is None and self._customer_id is None:
            return
        scenario = Scenario(self.ui.scenario_combo.currentData())
        channel = Channel(self.ui.channel_combo.currentData())
        template_id = self.ui.template_combo.currentData()
        scripts = self._services.scripts
        try:
            if self._incident_id is not None:
                script = scripts.script_for_incident(self._incident_id, scenario, channel, template_id)
            else:
                assert self._customer_id is not None
                script = scripts.script_for_customer(
                    self._customer_id, scenario, channel, template_id=template_id
                )
        except DomainError as exc:  # deleted meanwhile
            self._show_problem(str(exc))
            return
        self._script = script
        if script is None:
            self.ui.title_label.clear()
            self.ui.script_text.clear()
            self._hint(tr("ScriptPanel", "话术库里还没有这个场景的模板"), _GREY)
            self.ui.copy_button.setEnabled(False)
            return
        self.ui.title_label.setText(script.title)
        self.ui.script_text.setPlainText(script.text)
        self.ui.copy_button.setEnabled(True)
        notes: list[str] = []
        if script.channel != channel:
            notes.append(
                tr("ScriptPanel", "没有{wanted}的模板，显示的是{shown}话术。").format(
                    wanted=channel.label, shown=script.channel.label
                )
            )
        if script.missing:
            notes.append(
                tr("ScriptPanel", "还缺：{names}").format(names=tr("ScriptPanel", "、").join(script.missing))
            )
            self._hint(" ".join(notes), _AMBER)
        elif notes:
            self._hint(" ".join(notes), _GREY)
        else:
            self._hint("", "")

    def _show_problem(self, message: str) -> None:
        self._script = None
        self.ui.title_label.clear()
        self.ui.script_text.clear()
        self._set_templates([])
        self._hint(message, _GREY)
        self._set_enabled(False)

    def _hint(self, text: str, style: str) -> None:
        self.ui.hint_label.setText(text)
        self.ui.hint_label.setStyleSheet(style)
        self.ui.hint_label.setVisible(bool(text))

    def _set_enabled(self, enabled: bool) -> None:
        self.ui.scenario_combo.setEnabled(enabled)
        self.ui.channel_combo.setEnabled(enabled)
        self.ui.template_combo.setEnabled(enabled and self.ui.template_combo.count() > 0)
        self.ui.copy_button.setEnabled(enabled and bool(self.text()))

    def _restore_copy_button(self) -> None:
        self.ui.copy_button.setText(tr("ScriptPanel", "复制(&C)"))
