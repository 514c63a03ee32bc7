"""Asking a customer's consent (PIPL): the same words every time, the answer, how it was given.

Used from the customer's profile (all three purposes) and the day-3 callback (回访记录保存 only).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.privacy import NOTE_MAX, STAFF_CHANNELS, ConsentChannel, ConsentState, Purpose
from ...domain.templates import Channel
from ...services import Services
from ...services.consents import ConsentDecision, ConsentStatus, Wording
from . import messages, theme
from .field_errors import FieldErrors
from .i18n import tr

ERROR_STYLE = theme.ERROR_STYLE
GREY_STYLE = theme.MUTED_STYLE
STATE_STYLES = {
    ConsentState.GRANTED: theme.text_style(theme.DONE, bold=True),
    ConsentState.WITHDRAWN: theme.text_style(theme.OVERDUE, bold=True),
    ConsentState.NOT_ASKED: theme.text_style(theme.NEAR, bold=True),
}


def describe_status(status: ConsentStatus, zone: tzinfo | None) -> str:
    """``已同意（2026-11-20，电话，李店主）`` or ``未征求``: a purpose's state and who set it when.

    The day is the one in ``zone`` (the clock's), not the stored UTC one.
    """
    if status.entry is None:
        return status.state.label
    entry = status.entry
    return tr("ConsentDialog", "{state}（{at:%Y-%m-%d}，{channel}，{staff}）").format(
        state=status.state.label,
        at=entry.at.astimezone(zone),
        channel=entry.channel.label,
        staff=entry.staff_name or "—",
    )


def script_channel(channel: ConsentChannel) -> Channel:
    """Which script goes with how the customer is asked: the WeChat text, else what to read out."""
    return Channel.WECHAT if channel == ConsentChannel.WECHAT else Channel.PHONE


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setVisible(False)
    return label


class ConsentDialog(QDialog):
    """Ask one customer about ``purposes`` (default: all three) and record the answers.

    The 征求同意 script shows the exact wording, filled in for the customer; the channel picks the
    script (微信: the text to send, the others: what to read out). Unanswered purposes are left as
    they are. 保存 records every answer in one change, on the wording versions shown; then
    ``consent_recorded`` (the customer id) is emitted and the dialog accepted.
    Raises ``NotFoundError`` (a ``DomainError``) when the customer no longer exists.
    """

    consent_recorded = Signal(int)

    def __init__(
        self,
        services: Services,
        customer_id: int,
        purposes: Sequence[Purpose] | None = None,
        channel: ConsentChannel = ConsentChannel.PHONE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.customer_id = customer_id
        self.purposes = tuple(purposes or Purpose)
        self.recorded_ids: list[int] = []
        self._wordings: dict[Purpose, Wording] = {}
        customer = services.customers.get(customer_id)
        statuses = services.consents.status(customer_id)
        zone = services.context.now().tzinfo
        self.setWindowTitle(
            tr("ConsentDialog", "征求同意：{purpose}").format(purpose=self.purposes[0].label)
            if len(self.purposes) == 1
            else tr("ConsentDialog", "征求客户同意")
        )
        self.resize(600, 640)

        layout = QVBoxLayout(self)
        self.title_label = QLabel(
            tr("ConsentDialog", "{address_as}（{name}）").format(
                address_as=customer.address_as, name=customer.name
            )
        )
        self.title_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(self.title_label)

        channel_row = QHBoxLayout()
        self.channel_combo = QComboBox()
        for choice in STAFF_CHANNELS:
            self.channel_combo.addItem(choice.label, choice.value)
        self.channel_combo.setCurrentIndex(max(0, self.channel_combo.findData(channel.value)))
        channel_label = QLabel(tr("ConsentDialog", "询问方式(&Q)"))
        channel_label.setBuddy(self.channel_combo)
        channel_row.addWidget(channel_label)
        channel_row.addWidget(self.channel_combo)
        channel_row.addStretch(1)
        layout.addLayout(channel_row)
        self.channel_error = error_label()
        layout.addWidget(self.channel_error)

        self.script_group = QGroupBox()
        script_layout = QVBoxLayout(self.script_group)
        self.script_edit = QPlainTextEdit()
        self.script_edit.setReadOnly(True)
        script_layout.addWidget(self.script_edit)
        script_foot = QHBoxLayout()
        self.script_hint_label = QLabel()
        self.script_hint_label.setWordWrap(True)
        self.script_hint_label.setStyleSheet(GREY_STYLE)
        script_foot.addWidget(self.script_hint_label, 1)
        self.copy_button = QPushButton(tr("ConsentDialog", "复制(&C)"))
        self.copy_button.setObjectName("copy_button")
        self.copy_button.clicked.connect(self.copy_script)
        script_foot.addWidget(self.copy_button)
        script_layout.addLayout(script_foot)
        layout.addWidget(self.script_group, 1)

        answers = QGroupBox(tr("ConsentDialog", "客户的回答"))
        grid = QGridLayout(answers)
        self.answer_groups: dict[Purpose, QButtonGroup] = {}
        self.yes_radios: dict[Purpose, QRadioButton] = {}
        self.no_radios: dict[Purpose, QRadioButton] = {}
        self.state_labels: dict[Purpose, QLabel] = {}
        for row, purpose in enumerate(self.purposes):
            name = QLabel(purpose.label)
            name.setToolTip(tr("ConsentDialog", "同意后可以：{allows}").format(allows=purpose.allows))
            status = statuses[purpose]
            state = QLabel(tr("ConsentDialog", "目前：{state}").format(state=describe_status(status, zone)))
            state.setStyleSheet(STATE_STYLES[status.state])
            yes = QRadioButton(tr("ConsentDialog", "同意"))
            no = QRadioButton(tr("ConsentDialog", "不同意/撤回"))
            group = QButtonGroup(self)
            group.addButton(yes)
            group.addButton(no)
            grid.addWidget(name, row, 0)
            grid.addWidget(state, row, 1)
            grid.addWidget(yes, row, 2)
            grid.addWidget(no, row, 3)
            self.answer_groups[purpose] = group
            self.yes_radios[purpose], self.no_radios[purpose] = yes, no
            self.state_labels[purpose] = state
        grid.setColumnStretch(1, 1)
        layout.addWidget(answers)
        self.answer_error = error_label()
        layout.addWidget(self.answer_error)

        form = QFormLayout()
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(NOTE_MAX)
        self.note_edit.setPlaceholderText(tr("ConsentDialog", "可不填，例如：客户说只接收微信，不要打电话"))
        form.addRow(tr("ConsentDialog", "说明(&B)"), self.note_edit)
        self.note_error = error_label()
        form.addRow("", self.note_error)
        layout.addLayout(form)
        self.form_error = error_label()
        layout.addWidget(self.form_error)

        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setText(
            tr("ConsentDialog", "记下回答(&S)")
        )
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("ConsentDialog", "取消"))
        self.button_box.accepted.connect(self._on_save_button_clicked)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)

        self.errors = FieldErrors(
            {
                "answer": (self.answer_error, self.yes_radios[self.purposes[0]]),
                "channel": (self.channel_error, self.channel_combo),
                "note": (self.note_error, self.note_edit),
            },
            fallback=self.form_error,
        )
        self.channel_combo.currentIndexChanged.connect(self._show_script)
        self._show_script()
        self.yes_radios[self.purposes[0]].setFocus()

    # -- the script ------------------------------------------------------------------------------

    @property
    def channel(self) -> ConsentChannel:
        return ConsentChannel(self.channel_combo.currentData())

    def _show_script(self) -> None:
        """The script for the chosen channel, with the current wordings (what gets recorded)."""
        channel = script_channel(self.channel)
        asked = self._services.scripts.consent_script(self.customer_id, self.purposes, channel)
        self._wordings = asked.wordings
        self.script_group.setTitle(
            tr("ConsentDialog", "发给客户的话：{title}").format(title=asked.script.title)
            if channel == Channel.WECHAT
            else tr("ConsentDialog", "念给客户听的话：{title}").format(title=asked.script.title)
        )
        self.script_edit.setPlainText(asked.script.text)
        versions = tr("ConsentDialog", "、").join(
            tr("ConsentDialog", "{purpose}第 {version} 版").format(purpose=p.label, version=w.version)
            for p, w in self._wordings.items()
        )
        hint = tr("ConsentDialog", "条款：{versions}。请一字不改地念（发）给客户。").format(versions=versions)
        if asked.script.missing:
            hint += tr("ConsentDialog", "还缺：{names}").format(
                names=tr("ConsentDialog", "、").join(asked.script.missing)
            )
        self.script_hint_label.setText(hint)

    def script_text(self) -> str:
        return self.script_edit.toPlainText()

    def copy_script(self) -> None:
        """Put the script on the clipboard, to paste into WeChat."""
        QGuiApplication.clipboard().setText(self.script_text())

    # -- the answers -------------------------------------------------------------------------------

    def set_answer(self, purpose: Purpose, granted: bool) -> None:
        (self.yes_radios if granted else self.no_radios)[purpose].setChecked(True)

    def decisions(self) -> list[ConsentDecision]:
        """The answers given, on the wordings shown (purposes without an answer are left out)."""
        note = self.note_edit.text()
        found: list[ConsentDecision] = []
        for purpose in self.purposes:
            if self.yes_radios[purpose].isChecked() or self.no_radios[purpose].isChecked():
                granted = self.yes_radios[purpose].isChecked()
                found.append(
                    ConsentDecision(purpose, granted, self.channel, self._wordings[purpose].id, note)
                )
        return found

    def has_answers(self) -> bool:
        return bool(self.decisions()) or bool(self.note_edit.text().strip())

    def _on_save_button_clicked(self) -> None:
        decisions = self.decisions()

        def save() -> None:
            self.recorded_ids = self._services.consents.record_answers(self.customer_id, decisions)

        if self.errors.attempt(self, save) and self.recorded_ids:
            self.consent_recorded.emit(self.customer_id)
            self.accept()

    def reject(self) -> None:
        """Close without recording; asks first when answers were already chosen."""
        if not self.recorded_ids and self.has_answers():
            if not messages.confirm(
                self,
                tr("ConsentDialog", "客户的回答还没有记下。关闭后，选好的回答和说明都会丢失。确定关闭吗？"),
                yes=tr("ConsentDialog", "不记，关闭"),
            ):
                return
        super().reject()
