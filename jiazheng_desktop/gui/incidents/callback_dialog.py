"""The day-3 callback (三日回访): the script, a visible 5-minute timer and four short questions.

Whether the answers are kept is the customer's 回访记录保存 in the consent ledger, shown here and
asked through the shared consent dialog; the service decides from the ledger when the call is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QRadioButton, QWidget

from ...domain.errors import DomainError
from ...domain.privacy import ConsentState, Purpose
from ...domain.templates import Scenario
from ...services import Services
from ...services.callbacks import CallbackDraft
from ..common import messages, theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..forms.ui_callback_dialog import Ui_CallbackDialog

if TYPE_CHECKING:
    from ..common.consent_dialog import ConsentDialog

CALL_LIMIT_SECONDS = 5 * 60
WARN_AT_SECONDS = 4 * 60
AMBER = theme.NEAR_BAR
RED = theme.OVERDUE
_BAR_STYLE = "QProgressBar::chunk {{ background-color: {color}; }}"
_LABEL_STYLE = "font-weight: bold; color: {color};"


def _minutes(seconds: int) -> str:
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class CallbackDialog(QDialog):
    """Record the callback for ``incident_id``; the call is timed from when the dialog opens.

    After Save: ``callback_id``, ``reopened`` and ``result_message`` (what to tell the user) are set,
    ``callback_recorded`` has been emitted with the incident id, and the dialog is accepted.
    Raises ``NotFoundError`` (a ``DomainError``) when the incident no longer exists.
    """

    callback_recorded = Signal(int)

    def __init__(self, services: Services, incident_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_CallbackDialog()
        self.ui.setupUi(self)
        self._services = services
        self.incident_id = incident_id
        self.callback_id: int | None = None
        self.reopened = False
        self.result_message = ""
        self.consent_dialog: ConsentDialog | None = None
        ui = self.ui
        view = services.incidents.get(incident_id)
        self.customer_id = view.customer_id
        customer = services.customers.get(view.customer_id)
        self.setWindowTitle(tr("CallbackDialog", "三日回访：{number}").format(number=view.number))
        ui.title_label.setText(
            tr("CallbackDialog", "{number} · {address_as}（{name}）").format(
                number=view.number, address_as=customer.address_as, name=customer.name
            )
        )
        ui.phones_label.setText(
            tr("CallbackDialog", "电话：{phones}").format(phones=" / ".join(customer.phones))
            if customer.phones
            else tr("CallbackDialog", "没有登记电话")
        )
        summary = tr("CallbackDialog", "投诉：{category}。客户说：{said}").format(
            category=view.category.label, said=view.customer_said
        )
        if view.remedies:
            summary += tr("CallbackDialog", "\n补救：{remedies}").format(
                remedies=tr("CallbackDialog", "；").join(r.describe() for r in view.remedies)
            )
        ui.summary_label.setText(summary)

        script = services.scripts.script_for_incident(incident_id, Scenario.CALLBACK)
        if script is None:
            ui.script_edit.setPlainText(
                tr("CallbackDialog", "话术库里没有“三日回访”的话术，可以在“话术模板”里添加。")
            )
        else:
            ui.script_group.setTitle(tr("CallbackDialog", "回访话术：{title}").format(title=script.title))
            ui.script_edit.setPlainText(script.text)

        for score, radio in enumerate(self._satisfaction_radios(), start=1):
            ui.satisfaction_group.setId(radio, score)
        ui.button_box.button(QDialogButtonBox.StandardButton.Save).setText(
            tr("CallbackDialog", "保存回访(&S)")
        )
        ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("CallbackDialog", "取消"))
        self.errors = FieldErrors(
            {
                "stable": (ui.stable_error, ui.stable_yes_radio),
                "satisfaction": (ui.satisfaction_error, ui.satisfaction_1_radio),
                "note": (ui.note_error, ui.note_edit),
            },
            fallback=ui.form_error,
        )
        ui.button_box.accepted.connect(self._on_save_button_clicked)
        ui.button_box.rejected.connect(self.reject)
        # A good moment to offer the home-safety checklist (suited to the complaint, if an emergency).
        self.checklist_button = ui.button_box.addButton(
            tr("CallbackDialog", "安全自查清单(&K)…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.checklist_button.clicked.connect(lambda: self._open_checklist(view.customer_id, view.category))
        ui.consent_button.clicked.connect(self.open_consent_dialog)
        self.show_consent()

        # The call starts when the screen opens; the clock is the injected one, so tests can move it.
        self.started_at = services.context.now()
        self.call_timer = QTimer(self, interval=1000)
        self.call_timer.timeout.connect(self.update_elapsed)
        self.call_timer.start()
        self.update_elapsed()
        ui.stable_yes_radio.setFocus()

    def _open_checklist(self, customer_id: int, category: str) -> None:
        from ..common.checklist_dialog import ChecklistDialog

        self.checklist = ChecklistDialog(self._services, customer_id, category, self)
        self.checklist.open()

    # -- the consent (a view of the ledger) ------------------------------------------------------------

    @property
    def consent_granted(self) -> bool:
        return self._consent_state == ConsentState.GRANTED

    def show_consent(self) -> None:
        """Show the customer's 回访记录保存 as the ledger has it, and what that means for the answers."""
        from ..common.consent_dialog import STATE_STYLES, describe_status

        ui = self.ui
        status = self._services.consents.status(self.customer_id)[Purpose.CALLBACK_RECORDS]
        self._consent_state = status.state
        ui.consent_state_label.setText(
            tr("CallbackDialog", "客户的意见：{state}").format(
                state=describe_status(status, self._services.context.now().tzinfo)
            )
        )
        ui.consent_state_label.setStyleSheet(STATE_STYLES[status.state])
        if self.consent_granted:
            ui.consent_button.setText(tr("CallbackDialog", "改记客户意见(&A)…"))
            ui.consent_hint_label.setText(tr("CallbackDialog", "客户已同意：回答、满意度和备注都会保存。"))
            ui.questions_group.setTitle(tr("CallbackDialog", "回访问题"))
            ui.note_edit.setPlaceholderText(tr("CallbackDialog", "客户的原话、新的要求或建议"))
        else:
            ui.consent_button.setText(tr("CallbackDialog", "征求同意(&A)…"))
            ui.consent_hint_label.setText(
                tr(
                    "CallbackDialog",
                    "客户还没有同意保存回访记录：请先点“征求同意…”照着条款问客户。不同意时只记录回访的时间，"
                    "问题是否稳定、满意度和备注都不会保存（满意度仍要问：2 分及以下会重新打开事件）。",
                )
            )
            ui.questions_group.setTitle(
                tr("CallbackDialog", "回访问题（客户未同意保存：回答和备注不会保存）")
            )
            ui.note_edit.setPlaceholderText(tr("CallbackDialog", "客户未同意保存回访记录，这里写的不会保存"))

    def open_consent_dialog(self) -> ConsentDialog | None:
        """征求同意…: the consent dialog for 回访记录保存 (opens without blocking the timer)."""
        from ..common.consent_dialog import ConsentDialog

        try:
            dialog = ConsentDialog(self._services, self.customer_id, [Purpose.CALLBACK_RECORDS], parent=self)
        except DomainError as exc:
            messages.show_error(self, str(exc))
            return None
        dialog.consent_recorded.connect(lambda _id: self.show_consent())
        self.consent_dialog = dialog
        dialog.open()
        return dialog

    def _satisfaction_radios(self) -> list[QRadioButton]:
        ui = self.ui
        return [
            ui.satisfaction_1_radio,
            ui.satisfaction_2_radio,
            ui.satisfaction_3_radio,
            ui.satisfaction_4_radio,
            ui.satisfaction_5_radio,
        ]

    # -- the 5-minute timer -----------------------------------------------------------------------

    def elapsed_seconds(self) -> int:
        seconds = int((self._services.context.now() - self.started_at).total_seconds())
        return max(0, seconds)

    def update_elapsed(self) -> None:
        """Show how long the call has lasted: amber from 4 minutes, red with a reminder after 5."""
        ui = self.ui
        elapsed = self.elapsed_seconds()
        ui.timer_label.setText(
            tr("CallbackDialog", "通话计时 {elapsed} / {limit}").format(
                elapsed=_minutes(elapsed), limit=_minutes(CALL_LIMIT_SECONDS)
            )
        )
        ui.timer_bar.setValue(min(elapsed, CALL_LIMIT_SECONDS))
        over = elapsed > CALL_LIMIT_SECONDS
        color = RED if over else AMBER if elapsed >= WARN_AT_SECONDS else ""
        ui.timer_bar.setStyleSheet(_BAR_STYLE.format(color=color) if color else "")
        ui.timer_label.setStyleSheet(_LABEL_STYLE.format(color=color) if color else "font-weight: bold;")
        ui.timer_warning_label.setVisible(over)

    # -- the answers --------------------------------------------------------------------------------

    def draft(self) -> CallbackDraft:
        """The answers as given, ending the call now."""
        ui = self.ui
        stable = (
            True if ui.stable_yes_radio.isChecked() else False if ui.stable_no_radio.isChecked() else None
        )
        score = ui.satisfaction_group.checkedId()
        return CallbackDraft(
            incident_id=self.incident_id,
            started_at=self.started_at,
            ended_at=self._services.context.now(),
            stable=stable,
            satisfaction=score if score > 0 else None,
            note=ui.note_edit.toPlainText(),
        )

    def has_answers(self) -> bool:
        ui = self.ui
        return (
            ui.stable_group.checkedButton() is not None
            or ui.satisfaction_group.checkedButton() is not None
            or bool(ui.note_edit.toPlainText().strip())
        )

    def _on_save_button_clicked(self) -> None:
        draft = self.draft()

        def save() -> None:
            result = self._services.callbacks.record_callback(draft)
            self.callback_id = result.callback_id
            self.reopened = result.reopened
            self.result_message = result.message

        if self.errors.attempt(self, save) and self.callback_id is not None:
            self.call_timer.stop()
            self.callback_recorded.emit(self.incident_id)
            self.accept()

    def reject(self) -> None:
        """Close without saving; asks first when answers were already given."""
        if self.callback_id is None and self.has_answers():
            if not messages.confirm(
                self,
                tr("CallbackDialog", "回访还没有保存。关闭后，已填的回答和备注都会丢失。确定关闭吗？"),
                yes=tr("CallbackDialog", "不保存，关闭"),
            ):
                return
        self.call_timer.stop()
        super().reject()
