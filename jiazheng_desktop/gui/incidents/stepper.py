"""The five ILEAD steps as a row of buttons: done (✓ and when), current (highlighted) or still to come."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from ...domain.incidents import Step
from ...services.incident_views import IncidentView
from ..common import theme
from ..common.i18n import tr
from .times import full_time, short_time

STEPPER_STYLE = f"""
QPushButton {{ border: 1px solid {theme.BORDER}; border-radius: 4px; padding: 4px 6px;
    background: {theme.READ_ONLY}; color: {theme.TEXT_DISABLED}; }}
QPushButton[state="done"] {{ color: {theme.DONE}; border-color: {theme.DONE_BORDER}; background: {theme.DONE_SOFT}; }}
QPushButton[state="current"] {{ color: {theme.ACCENT_PRESSED}; border: 2px solid {theme.ACCENT};
    background: {theme.ACCENT_SOFT}; font-weight: bold; }}
QPushButton:checked {{ background: {theme.NOTICE}; }}
QPushButton:focus {{ border: 2px solid {theme.NEAR_BAR}; }}
"""


class StepStepper(QWidget):
    """Click (or Alt+1 … Alt+5) a done step to correct it, the current one to work on it."""

    step_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STEPPER_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[Step, QPushButton] = {}
        for step in Step:
            button = QPushButton(self)
            button.setCheckable(True)
            button.setMinimumHeight(46)
            button.setProperty("state", "pending")
            button.clicked.connect(lambda _checked=False, s=step: self.step_clicked.emit(int(s)))
            self._group.addButton(button, int(step))
            layout.addWidget(button, 1)
            self.buttons[step] = button
        self.set_incident(None)

    def state(self, step: Step) -> str:
        """``done``, ``current`` or ``pending`` as last shown."""
        return str(self.buttons[step].property("state"))

    def set_incident(self, view: IncidentView | None, zone: tzinfo | None = None) -> None:
        for step, button in self.buttons.items():
            step_view = view.steps.get(step) if view is not None else None
            if step_view is not None and step_view.completed_at is not None:
                state = "done"
                below = tr("StepStepper", "✓ {time}").format(time=short_time(step_view.completed_at, zone))
                tip = tr("StepStepper", "{by}完成于 {time}，点击可更正").format(
                    by=step_view.completed_by, time=full_time(step_view.completed_at, zone)
                )
                if step_view.corrected_at is not None:
                    tip += tr("StepStepper", "（{time} 更正过）").format(
                        time=short_time(step_view.corrected_at, zone)
                    )
            elif view is not None and step == view.current_step:
                state, below, tip = "current", tr("StepStepper", "当前"), step.purpose
            else:
                state, below, tip = "pending", tr("StepStepper", "待办"), step.purpose
            button.setText(
                tr("StepStepper", "&{number} {label} {letter}\n{state}").format(
                    number=int(step), label=step.label, letter=step.letter, state=below
                )
            )
            button.setToolTip(tip)
            button.setEnabled(view is not None and state != "pending")
            if button.property("state") != state:
                button.setProperty("state", state)
                button.style().unpolish(button)
                button.style().polish(button)

    def set_shown(self, step: Step | None) -> None:
        """Mark the step whose form is open."""
        if step is None:
            self._group.setExclusive(False)
            for button in self.buttons.values():
                button.setChecked(False)
            self._group.setExclusive(True)
            return
        self.buttons[step].setChecked(True)
