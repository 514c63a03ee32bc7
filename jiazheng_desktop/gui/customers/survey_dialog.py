"""满意度回访: the short survey after an ordinary visit — the script, the outcome, a score 1–5 and a note.

Opened from the survey reminder and from the customer's 更多 menu. Whether the score and the note are
kept is the customer's 回访记录保存 in the consent ledger, shown here and asked through the shared
consent dialog. A score of 3 or less asks "要登记为投诉吗？"; the window then opens the complaint dialog
with the note (this dialog only says so: the complaint belongs to another section).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.privacy import ConsentState, Purpose
from ...domain.surveys import Outcome
from ...services import Services
from ...services.surveys import SurveyDraft, SurveyResult
from ..common import messages, theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr

if TYPE_CHECKING:
    from ..common.consent_dialog import ConsentDialog


class SurveyDialog(QDialog):
    """The survey of ``customer_id`` about one visit (``service_record_id``, or the one whose survey is
    due, else the latest). Built in code.

    Once accepted: ``recorded`` holds what was saved; ``complaint_wanted`` is True when the score was low
    and staff answered yes to "要登记为投诉吗？" (``complaint_text`` is the note as typed, kept or not).
    Raises ``NotFoundError`` (a ``DomainError``) when the customer no longer exists.
    """

    def __init__(
        self,
        services: Services,
        customer_id: int,
        service_record_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("survey_dialog")
        self._services = services
        self.customer_id = customer_id
        self.recorded: SurveyResult | None = None
        self.complaint_wanted = False
        self.complaint_text = ""
        self.consent_dialog: ConsentDialog | None = None
        customer = services.customers.get(customer_id)
        self.service_record_id = services.surveys.visit_for(customer_id, service_record_id)
        self.setWindowTitle(
            tr("SurveyDialog", "满意度回访：{address_as}").format(address_as=customer.address_as)
        )

        self.title_label = QLabel(
            tr("SurveyDialog", "{address_as}（{name}）　电话：{phones}").format(
                address_as=customer.address_as,
                name=customer.name,
                phones=" / ".join(customer.phones) or tr("SurveyDialog", "没有登记电话"),
            ),
            self,
        )
        self.title_label.setStyleSheet("font-weight: bold;")
        visit = next(
            (
                r
                for r in services.service_records.recent_for(customer_id, 50)
                if r.id == self.service_record_id
            ),
            None,
        )
        self.visit_label = QLabel(
            tr("SurveyDialog", "回访的服务：{visit}").format(visit=visit.label)
            if visit is not None
            else tr("SurveyDialog", "这位客户还没有服务记录"),
            self,
        )
        self.script_view = QTextBrowser(self)
        self.script_view.setObjectName("survey_script")
        self.script_view.setMinimumWidth(320)
        script = services.scripts.script_for_visit(customer_id, self.service_record_id)
        self.script_view.setPlainText(
            script.text
            if script is not None
            else tr("SurveyDialog", "话术库里没有“满意度回访”的话术，可以在“话术模板”里添加。")
        )

        self.consent_label = QLabel(self)
        self.consent_label.setWordWrap(True)
        self.consent_hint_label = QLabel(self)
        self.consent_hint_label.setWordWrap(True)
        self.consent_hint_label.setStyleSheet(theme.MUTED_STYLE)
        self.consent_button = QPushButton(self)
        self.consent_button.clicked.connect(self.open_consent_dialog)

        self.outcome_group = QButtonGroup(self)
        self.outcome_radios: dict[Outcome, QRadioButton] = {}
        outcomes = QHBoxLayout()
        for outcome in Outcome:
            radio = QRadioButton(outcome.label, self)
            self.outcome_group.addButton(radio)
            self.outcome_radios[outcome] = radio
            outcomes.addWidget(radio)
        outcomes.addStretch()
        self.score_group = QButtonGroup(self)
        self.score_radios: list[QRadioButton] = []
        scores = QHBoxLayout()
        for score in range(1, 6):
            radio = QRadioButton(tr("SurveyDialog", "{score} 分").format(score=score), self)
            self.score_group.addButton(radio, score)
            self.score_radios.append(radio)
            scores.addWidget(radio)
        scores.addWidget(QLabel(tr("SurveyDialog", "（5 分最满意）"), self))
        scores.addStretch()
        self.score_group.idClicked.connect(lambda _id: self.outcome_radios[Outcome.ANSWERED].setChecked(True))
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(80)

        labels: dict[str, QLabel] = {}
        for key in ("outcome", "score", "note", "form"):
            label = QLabel(self)
            label.setStyleSheet(theme.ERROR_STYLE)
            label.setWordWrap(True)
            label.setVisible(False)
            labels[key] = label
        consent = QHBoxLayout()
        consent.addWidget(self.consent_label, 1)
        consent.addWidget(self.consent_button)
        form = QFormLayout()
        form.addRow(self.title_label)
        form.addRow(self.visit_label)
        form.addRow(consent)
        form.addRow(self.consent_hint_label)
        form.addRow(tr("SurveyDialog", "结果"), outcomes)
        form.addRow("", labels["outcome"])
        form.addRow(tr("SurveyDialog", "满意度"), scores)
        form.addRow("", labels["score"])
        form.addRow(tr("SurveyDialog", "备注(&N)"), self.note_edit)
        form.addRow("", labels["note"])
        form.addRow(labels["form"])
        script_box = QVBoxLayout()
        script_box.addWidget(QLabel(tr("SurveyDialog", "满意度回访话术"), self))
        script_box.addWidget(self.script_view, 1)
        body = QHBoxLayout()
        body.addLayout(form, 3)
        body.addLayout(script_box, 2)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("SurveyDialog", "保存回访(&S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("SurveyDialog", "取消"))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.buttons)
        self.errors = FieldErrors(
            {
                "outcome": (labels["outcome"], self.outcome_radios[Outcome.ANSWERED]),
                "score": (labels["score"], self.score_radios[0]),
                "note": (labels["note"], self.note_edit),
                "service_record": (labels["form"], self.note_edit),
            },
            fallback=labels["form"],
        )
        self.show_consent()
        self.resize(860, 480)

    # -- the consent (a view of the ledger) ------------------------------------------------------------

    @property
    def consent_granted(self) -> bool:
        return self._consent_state == ConsentState.GRANTED

    def show_consent(self) -> None:
        """The customer's 回访记录保存 as the ledger has it, and what that means for the score and note."""
        from ..common.consent_dialog import STATE_STYLES, describe_status

        status = self._services.consents.status(self.customer_id)[Purpose.CALLBACK_RECORDS]
        self._consent_state = status.state
        self.consent_label.setText(
            tr("SurveyDialog", "回访记录保存：{state}").format(
                state=describe_status(status, self._services.context.now().tzinfo)
            )
        )
        self.consent_label.setStyleSheet(STATE_STYLES[status.state])
        if self.consent_granted:
            self.consent_button.setText(tr("SurveyDialog", "改记客户意见(&A)…"))
            self.consent_hint_label.setText(tr("SurveyDialog", "客户已同意：分数和备注都会保存。"))
            self.note_edit.setPlaceholderText(tr("SurveyDialog", "客户的原话、不满意的地方或建议"))
        else:
            self.consent_button.setText(tr("SurveyDialog", "征求同意(&A)…"))
            self.consent_hint_label.setText(
                tr(
                    "SurveyDialog",
                    "客户还没有同意保存回访记录：请先点“征求同意…”照着条款问客户。不同意时只记录回访的时间和结果，"
                    "分数和备注都不会保存（分数仍要问：3 分及以下可以登记为投诉）。",
                )
            )
            self.note_edit.setPlaceholderText(
                tr("SurveyDialog", "客户未同意保存回访记录，这里写的不会保存（登记投诉时会带过去）")
            )

    def open_consent_dialog(self) -> ConsentDialog | None:
        """征求同意…: the consent dialog for 回访记录保存 (not blocking this one)."""
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

    # -- the answers --------------------------------------------------------------------------------

    def draft(self) -> SurveyDraft:
        outcome = next((o.value for o, radio in self.outcome_radios.items() if radio.isChecked()), None)
        score = self.score_group.checkedId()
        return SurveyDraft(
            customer_id=self.customer_id,
            outcome=outcome,
            score=score if score > 0 else None,
            note=self.note_edit.toPlainText(),
            service_record_id=self.service_record_id,
        )

    def has_answers(self) -> bool:
        return (
            self.outcome_group.checkedButton() is not None
            or self.score_group.checkedButton() is not None
            or bool(self.note_edit.toPlainText().strip())
        )

    def _save(self) -> None:
        draft = self.draft()
        saved: list[SurveyResult] = []
        if not self.errors.attempt(self, lambda: saved.append(self._services.surveys.record(draft))):
            return
        self.recorded = saved[0]
        if self.recorded.low_score:
            self.complaint_text = draft.note.strip()
            self.complaint_wanted = messages.confirm(
                self,
                self.recorded.message
                + "\n"
                + tr("SurveyDialog", "要登记为投诉吗？登记后按投诉流程跟进，客户说的话会带到投诉里。"),
                title=tr("SurveyDialog", "要登记为投诉吗？"),
                yes=tr("SurveyDialog", "登记投诉"),
            )
        elif not self.recorded.kept and (draft.score is not None or draft.note.strip()):
            messages.show_info(self, self.recorded.message)
        self.accept()

    def reject(self) -> None:
        """Close without saving; asks first when answers were already given."""
        if self.recorded is None and self.has_answers():
            if not messages.confirm(
                self,
                tr("SurveyDialog", "回访还没有保存。关闭后，已填的结果和备注都会丢失。确定关闭吗？"),
                yes=tr("SurveyDialog", "不保存，关闭"),
            ):
                return
        super().reject()
