"""The 客户同意 part of the customer dialog: each purpose's state and the answer given now.

The answers are saved with the customer, in the same transaction (``CustomerService.create/update``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ...domain.errors import DomainError
from ...domain.privacy import STAFF_CHANNELS, ConsentChannel, ConsentState, Purpose
from ...services import Services
from ...services.consents import ConsentDecision, ConsentStatus, Wording
from ..common.consent_dialog import STATE_STYLES, describe_status, error_label
from ..common.i18n import tr


class ConsentAnswers(QWidget):
    """One row per purpose: what the customer said before, and a choice for what they say now."""

    answers_changed = Signal()

    def __init__(self, services: Services, customer_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        consents = services.consents
        self.statuses: dict[Purpose, ConsentStatus] = (
            consents.status(customer_id)
            if customer_id is not None
            else {p: ConsentStatus(p, ConsentState.NOT_ASKED, None) for p in Purpose}
        )
        self.wordings: dict[Purpose, Wording] = {}
        for purpose in Purpose:
            try:
                self.wordings[purpose] = consents.current_wording(purpose)
            except DomainError:
                pass  # a damaged file: that purpose cannot be asked (the message says where to fix it)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        self.state_labels: dict[Purpose, QLabel] = {}
        self.answer_combos: dict[Purpose, QComboBox] = {}
        self.channel_combos: dict[Purpose, QComboBox] = {}
        for row, purpose in enumerate(Purpose):
            name = QLabel(purpose.label)
            name.setToolTip(tr("ConsentAnswers", "同意后可以：{allows}").format(allows=purpose.allows))
            status = self.statuses[purpose]
            state = QLabel(describe_status(status, services.context.now().tzinfo))
            state.setStyleSheet(STATE_STYLES[status.state])
            state.setWordWrap(True)
            answer = QComboBox()
            answer.addItem(tr("ConsentAnswers", "这次不记录"), None)
            answer.addItem(tr("ConsentAnswers", "同意"), True)
            answer.addItem(tr("ConsentAnswers", "不同意/撤回"), False)
            answer.setEnabled(purpose in self.wordings)
            channel = QComboBox()
            for choice in STAFF_CHANNELS:
                channel.addItem(choice.label, choice.value)
            channel.setEnabled(False)
            answer.currentIndexChanged.connect(lambda _i, p=purpose: self._on_answer_changed(p))
            grid.addWidget(name, row, 0)
            grid.addWidget(state, row, 1)
            grid.addWidget(answer, row, 2)
            grid.addWidget(channel, row, 3)
            self.state_labels[purpose] = state
            self.answer_combos[purpose] = answer
            self.channel_combos[purpose] = channel
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.wording_edit = QPlainTextEdit()
        self.wording_edit.setReadOnly(True)
        self.wording_edit.setMaximumHeight(96)
        self.wording_edit.setPlainText(
            tr("ConsentAnswers", "请照着条款原文念给客户听，再记下客户的回答：\n")
            + "\n".join(
                tr("ConsentAnswers", "{number}. {purpose}：{text}").format(
                    number=number, purpose=purpose.label, text=wording.text
                )
                for number, (purpose, wording) in enumerate(self.wordings.items(), start=1)
            )
        )
        layout.addWidget(self.wording_edit)

    def _on_answer_changed(self, purpose: Purpose) -> None:
        self.channel_combos[purpose].setEnabled(self.answer_combos[purpose].currentData() is not None)
        self.answers_changed.emit()

    def set_answer(
        self, purpose: Purpose, granted: bool | None, channel: ConsentChannel = ConsentChannel.PHONE
    ) -> None:
        """Choose an answer (None: record nothing for this purpose) and how it was given."""
        combo = self.answer_combos[purpose]
        combo.setCurrentIndex(combo.findData(granted) if granted is not None else 0)
        channel_combo = self.channel_combos[purpose]
        channel_combo.setCurrentIndex(channel_combo.findData(channel.value))

    def answer(self, purpose: Purpose) -> bool | None:
        value = self.answer_combos[purpose].currentData()
        return None if value is None else bool(value)

    def state_after(self, purpose: Purpose) -> ConsentState:
        """The purpose's state once the answers chosen now are saved."""
        chosen = self.answer(purpose)
        if chosen is None:
            return self.statuses[purpose].state
        return ConsentState.GRANTED if chosen else ConsentState.WITHDRAWN

    def decisions(self) -> list[ConsentDecision]:
        """The answers chosen, each on the wording shown."""
        found: list[ConsentDecision] = []
        for purpose in Purpose:
            granted = self.answer(purpose)
            if granted is None or purpose not in self.wordings:
                continue
            channel = ConsentChannel(self.channel_combos[purpose].currentData())
            found.append(ConsentDecision(purpose, granted, channel, self.wordings[purpose].id))
        return found
