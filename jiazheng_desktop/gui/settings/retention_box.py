"""保存期限 (设置 → 隐私): how long contact records and inactive customers are kept, and the retention job.

The owner sets the two periods (saved with their password), sees when the job last ran and what is due
now, and confirms a run that waits for them (the first on this database, or one of more than 50 records).
What is due is looked up off the GUI thread (on a large office it takes a moment), and so is the run.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...domain.privacy import (
    CONFIRM_ABOVE,
    CONTACT_YEARS_MAX,
    CONTACT_YEARS_MIN,
    INACTIVE_YEARS_DEFAULT,
    INACTIVE_YEARS_MAX,
    INACTIVE_YEARS_MIN,
    RETENTION_PLACEHOLDER,
)
from ...domain.staff import Role
from ...services import Services
from ...services.retention import RetentionPlan, RetentionStatus, RunResult
from ..common import messages, theme
from ..common.background import BackgroundCall
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization

ERROR_STYLE = theme.ERROR_STYLE
HINT_STYLE = theme.MUTED_STYLE


def _label(parent: QWidget, style: str = "") -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    return label


def due_text(plan: RetentionPlan) -> str:
    """``现在到期：回访记录 3 条、联系记录 0 条、不活跃客户 1 位`` (or that nothing is due)."""
    if not plan.total:
        return tr("RetentionBox", "现在没有到期的记录")
    return tr(
        "RetentionBox", "现在到期：回访记录 {callbacks} 条、联系记录 {contacts} 条、不活跃客户 {customers} 位"
    ).format(callbacks=plan.callbacks, contacts=plan.contacts, customers=plan.customers)


def done_text(result: RunResult) -> str:
    return tr(
        "RetentionBox", "已清理：回访记录 {callbacks} 条、联系记录 {contacts} 条、不活跃客户 {customers} 位"
    ).format(callbacks=result.callbacks, contacts=result.contacts, customers=result.customers)


class RetentionBox(QGroupBox):
    """``policy_saved`` after the periods are saved; ``cleaned(result)`` after a run; ``refreshed`` each
    time the last run and what is due have been read again."""

    policy_saved = Signal()
    cleaned = Signal(object)
    refreshed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("RetentionBox", "个人信息保存期限"), parent)
        self._services = services
        self._jobs: list[BackgroundCall] = []
        self.status: RetentionStatus | None = None
        """What was read last (None until the first read is back)."""

        self.contact_spin = QSpinBox(self)
        self.contact_spin.setObjectName("contact_years_spin")
        self.contact_spin.setRange(CONTACT_YEARS_MIN, CONTACT_YEARS_MAX)
        self.contact_spin.setSuffix(tr("RetentionBox", " 年"))
        self.contact_spin.setToolTip(
            tr("RetentionBox", "回访记录和续约联系记录里客户说的话、打的分数，从联系那天起保存这么久")
        )
        self.contact_error = _label(self, ERROR_STYLE)
        self.inactive_spin = QSpinBox(self)
        self.inactive_spin.setObjectName("inactive_years_spin")
        self.inactive_spin.setRange(INACTIVE_YEARS_MIN, INACTIVE_YEARS_MAX)
        self.inactive_spin.setSuffix(tr("RetentionBox", " 年"))
        self.inactive_spin.setToolTip(
            tr("RetentionBox", "这么久没有服务、合同、投诉和优惠券往来的客户，删除其个人信息")
        )
        self.never_check = QCheckBox(tr("RetentionBox", "永不"), self)
        self.never_check.setToolTip(tr("RetentionBox", "不活跃的客户一直保留，不自动删除"))
        self.inactive_error = _label(self, ERROR_STYLE)
        self.save_status = _label(self)
        self.save_button = QPushButton(tr("RetentionBox", "保存保存期限(&V)"), self)
        self.save_button.setObjectName("save_button")
        hint = _label(
            self,
            HINT_STYLE,
        )
        hint.setText(
            tr(
                "RetentionBox",
                "回访和联系记录至少保存 {years} 年。到期后，客户说的话改为“{placeholder}”、打的分数清空，"
                "回访的日期和次数仍计入报表；不活跃客户的姓名、电话、地址和备注被删除，"
                "服务、投诉和金额记录保留。每天自动清理一次；第一次清理和一次超过 {limit} 条时，"
                "要店主在这里确认。",
            ).format(years=CONTACT_YEARS_MIN, placeholder=RETENTION_PLACEHOLDER, limit=CONFIRM_ABOVE)
        )
        self.last_run_label = _label(self)
        self.last_run_label.setObjectName("last_run_label")
        self.due_label = _label(self)
        self.due_label.setObjectName("due_label")
        self.result_label = _label(self)
        self.run_button = QPushButton(tr("RetentionBox", "立即清理(&L)"), self)
        self.run_button.setObjectName("run_button")
        theme.set_role(self.run_button, theme.DANGER)
        self.run_button.setEnabled(False)

        form = QFormLayout(self)
        contact_label = QLabel(tr("RetentionBox", "回访和联系记录(&C)"), self)
        contact_label.setBuddy(self.contact_spin)
        contact_row = QHBoxLayout()
        contact_row.addWidget(self.contact_spin)
        contact_row.addStretch()
        form.addRow(contact_label, contact_row)
        form.addRow("", self.contact_error)
        inactive_row = QHBoxLayout()
        inactive_row.addWidget(self.inactive_spin)
        inactive_row.addWidget(self.never_check)
        inactive_row.addStretch()
        inactive_label = QLabel(tr("RetentionBox", "不活跃客户(&N)"), self)
        inactive_label.setBuddy(self.inactive_spin)
        form.addRow(inactive_label, inactive_row)
        form.addRow("", self.inactive_error)
        form.addRow(hint)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_status, 1)
        save_row.addWidget(self.save_button)
        form.addRow(save_row)
        form.addRow(tr("RetentionBox", "上次清理"), self.last_run_label)
        form.addRow(tr("RetentionBox", "到期记录"), self.due_label)
        run_row = QHBoxLayout()
        run_row.addWidget(self.result_label, 1)
        run_row.addWidget(self.run_button)
        form.addRow(run_row)

        self.errors = FieldErrors(
            {
                "contact_years": (self.contact_error, self.contact_spin),
                "inactive_customer_years": (self.inactive_error, self.inactive_spin),
            }
        )
        self.never_check.toggled.connect(self.inactive_spin.setDisabled)
        self.contact_spin.valueChanged.connect(lambda _v: self.save_status.clear())
        self.inactive_spin.valueChanged.connect(lambda _v: self.save_status.clear())
        self.never_check.toggled.connect(lambda _on: self.save_status.clear())
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.run_button.clicked.connect(self._on_run_button_clicked)
        # What is due is looked up by refresh(), when the tab holding the box is shown: building the
        # settings page (its first tab is 基本设置) does not plan a retention run nobody looks at.
        self.load_policy()

    # -- reading ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the periods as stored, then (off the GUI thread) the last run and what is due now."""
        self.load_policy()
        self.due_label.setText(tr("RetentionBox", "正在查看…"))
        self.run_button.setEnabled(False)
        self._background(self._services.retention.status, self._show_status)

    def load_policy(self) -> None:
        policy = self._services.retention.policy()
        self.contact_spin.setValue(policy.contact_years)
        never = policy.inactive_customer_years is None
        self.inactive_spin.setValue(
            policy.inactive_customer_years or INACTIVE_YEARS_DEFAULT or INACTIVE_YEARS_MIN
        )
        self.never_check.setChecked(never)
        self.inactive_spin.setDisabled(never)
        self.errors.clear()

    def _show_status(self, status: object) -> None:
        assert isinstance(status, RetentionStatus)
        self.status = status
        last = status.last_run_on
        self.last_run_label.setText(
            tr("RetentionBox", "还没有清理过") if last is None else f"{last:%Y-%m-%d}"
        )
        text = due_text(status.plan)
        if status.waiting_for_owner:
            text += tr("RetentionBox", "（需要店主确认后清理）")
        self.due_label.setText(text)
        self.run_button.setText(
            tr("RetentionBox", "确认清理(&L)")
            if status.waiting_for_owner
            else tr("RetentionBox", "立即清理(&L)")
        )
        self.run_button.setEnabled(status.plan.total > 0)
        self.refreshed.emit()

    # -- saving the periods ------------------------------------------------------------------------------

    def _on_save_button_clicked(self) -> None:
        self.save_status.clear()
        contact = self.contact_spin.value()
        inactive = None if self.never_check.isChecked() else self.inactive_spin.value()
        auth = ask_authorization(self, self._services, Role.OWNER, tr("RetentionBox", "修改个人信息保存期限"))
        if auth is None:
            return
        if self.errors.attempt(self, lambda: self._services.retention.save_policy(contact, inactive, auth)):
            self.save_status.setText(tr("RetentionBox", "已保存"))
            self.policy_saved.emit()
            self.refresh()  # what is due depends on the periods

    # -- running ------------------------------------------------------------------------------------------

    def _on_run_button_clicked(self) -> None:
        status = self.status
        if status is None or not status.plan.total:
            return
        plan = status.plan
        if not messages.confirm(
            self,
            self.confirmation_text(plan),
            tr("RetentionBox", "按保存期限清理"),
            tr("RetentionBox", "清理"),
        ):
            return
        auth = ask_authorization(
            self, self._services, Role.OWNER, tr("RetentionBox", "按保存期限清理个人信息")
        )
        if auth is None:
            return
        self.run_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.result_label.setText(tr("RetentionBox", "正在清理…"))

        def done(result: object) -> None:
            assert isinstance(result, RunResult)
            self.result_label.setText(done_text(result))
            self.cleaned.emit(result)
            self.refresh()

        self._background(lambda: self._services.retention.run(plan, auth), done, self.refresh)

    @staticmethod
    def confirmation_text(plan: RetentionPlan) -> str:
        """What the owner is shown before confirming a run (counts, what happens to each, the cutoffs)."""
        lines = [tr("RetentionBox", "将按保存期限清理：")]
        if plan.callbacks:
            lines.append(
                tr(
                    "RetentionBox",
                    "· 回访记录 {count} 条（{cutoff} 以前）：客户说的话改为“{placeholder}”，满意度和是否稳定清空；"
                    "回访的日期、时长和次数保留",
                ).format(
                    count=plan.callbacks,
                    cutoff=f"{plan.contact_cutoff:%Y-%m-%d}",
                    placeholder=RETENTION_PLACEHOLDER,
                )
            )
        if plan.contacts:
            lines.append(
                tr(
                    "RetentionBox",
                    "· 续约联系记录 {count} 条（{cutoff} 以前）：备注改为“{placeholder}”；联系日期和流失原因保留",
                ).format(
                    count=plan.contacts,
                    cutoff=f"{plan.contact_cutoff:%Y-%m-%d}",
                    placeholder=RETENTION_PLACEHOLDER,
                )
            )
        if plan.customers and plan.customer_cutoff is not None:
            lines.append(
                tr(
                    "RetentionBox",
                    "· 不活跃客户 {count} 位（{cutoff} 以后没有服务、合同、投诉和优惠券往来）：姓名、电话、地址、"
                    "备注和他们的文字记录删除，改称“已删除客户 #编号”；服务、投诉和金额记录保留",
                ).format(count=plan.customers, cutoff=f"{plan.customer_cutoff:%Y-%m-%d}")
            )
        lines.append(
            tr(
                "RetentionBox",
                "清理后不能撤销。自动备份里的旧数据随备份轮换删除。清理会记入操作记录（只记条数）。",
            )
        )
        return "\n".join(lines)

    # -- off the GUI thread ----------------------------------------------------------------------------------

    def _background(
        self,
        work: Callable[[], object],
        done: Callable[[object], None],
        after_refusal: Callable[[], None] | None = None,
    ) -> None:
        job = BackgroundCall(self, lambda _progress: work())
        self._jobs.append(job)

        def finish() -> None:
            if job in self._jobs:
                self._jobs.remove(job)
            self.save_button.setEnabled(True)

        def succeeded(result: object) -> None:
            finish()
            done(result)

        def refused(error: object) -> None:
            finish()
            self.result_label.clear()
            if after_refusal is None:  # the look itself failed
                self.due_label.setText(tr("RetentionBox", "暂时无法查看"))
            messages.show_error(self, str(error))
            if after_refusal is not None:
                after_refusal()

        job.succeeded.connect(succeeded)
        job.refused.connect(refused)
