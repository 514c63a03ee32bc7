"""One incident: who and what, the live countdown, the five ILEAD steps with their forms, the script,
and the actions of its header (the day-3 callback, printing)."""

from __future__ import annotations

from datetime import tzinfo
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from ...domain.errors import ConflictError, DomainError, NotFoundError, PermissionDenied
from ...domain.incidents import RemedyDraft, Status, Step, role_needed
from ...services import Services
from ...services.context import Authorization
from ...services.incident_views import IncidentView
from ...services.incidents import StepOutcome
from ..common import messages, theme
from ..common.documents import DocumentJob, make_document
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization
from ..common.script_panel import ScriptPanel
from ..forms.ui_incident_detail import Ui_IncidentDetail
from .history import history_lines
from .remedies import remedy_amounts, same_remedies
from .step_forms import StepForm
from .stepper import StepStepper
from .times import countdown, full_time, short_time

if TYPE_CHECKING:
    from ..common.checklist_dialog import ChecklistDialog
    from .reschedule_callback_dialog import RescheduleCallbackDialog

COUNTDOWN_STYLES = {
    "ok": "font-size: 15px; font-weight: bold;",
    "warning": f"font-size: 15px; font-weight: bold; color: {theme.NEAR};",
    "overdue": f"font-size: 15px; font-weight: bold; color: {theme.OVERDUE};",
    "closed": theme.MUTED_STYLE,
}
STATUS_STYLES = {
    Status.OPEN: theme.text_style(theme.ACCENT_PRESSED, bold=True),
    Status.RESOLVED: theme.text_style(theme.DONE, bold=True),
    Status.CLOSED: theme.text_style(theme.TEXT_MUTED, bold=True),
}
NOTICE_STYLES = {"info": theme.text_style(theme.DONE), "warning": theme.text_style(theme.NEAR)}
SAID_MAX = 90
TAKE_THEIRS = "take-theirs"
"""The link in the notice that replaces text kept over another PC's change with what is stored."""


class IncidentDetail(QWidget):
    """Works an incident through 识别 → 倾听 → 共情 → 行动 → 深化; ``incident_changed`` after each change."""

    incident_changed = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_IncidentDetail()
        self.ui.setupUi(self)
        self._services = services
        self._view: IncidentView | None = None
        self._policy = services.incident_rules.policy()
        self._shown: Step | None = None
        self._typed_on: dict[Step, int] = {}
        """Forms whose typed text was kept over a change made elsewhere: the version it was typed on.

        Saving such a form hands that version back, so the service refuses it (``ConflictError``)
        instead of writing over the other person's step; the text stays in the form either way.
        """
        self.countdown_state = ""
        ui = self.ui

        self.stepper = StepStepper(ui.stepper_holder)
        stepper_layout = QVBoxLayout(ui.stepper_holder)
        stepper_layout.setContentsMargins(0, 0, 0, 0)
        stepper_layout.addWidget(self.stepper)
        self.forms: dict[Step, StepForm] = {}
        for step in Step:
            form = StepForm(step, services, ui.step_stack)
            ui.step_stack.addWidget(form)
            self.forms[step] = form
        self.script_panel = ScriptPanel(services, ui.script_tab)
        script_layout = QVBoxLayout(ui.script_tab)
        script_layout.addWidget(self.script_panel)
        ui.work_splitter.setStretchFactor(0, 3)
        ui.work_splitter.setStretchFactor(1, 2)
        ui.notice_label.setVisible(False)
        ui.notice_label.linkActivated.connect(self._on_notice_link)

        self._clock_timer = QTimer(self, interval=1000)
        self._clock_timer.timeout.connect(self.tick)
        self.stepper.step_clicked.connect(self._on_step_clicked)
        ui.complete_button.clicked.connect(self.complete_shown_step)
        theme.set_role(ui.complete_button, theme.PRIMARY)
        self.callback_actions = CallbackActions(self, services)
        self.document_actions = DocumentActions(self, services)
        self._chain_tab_order()
        self.show_incident(None)

    # -- what is shown -------------------------------------------------------------------------------

    def _zone(self) -> tzinfo | None:
        return self._services.context.now().tzinfo

    @property
    def incident_id(self) -> int | None:
        return self._view.id if self._view is not None else None

    @property
    def view(self) -> IncidentView | None:
        return self._view

    @property
    def shown_step(self) -> Step | None:
        """The step whose form is open."""
        return self._shown

    def show_incident(self, incident_id: int | None) -> None:
        """Show ``incident_id`` (None, or one deleted meanwhile, shows the empty state).

        Showing the incident already shown re-reads it but keeps what was typed in its forms.
        """
        view = None
        if incident_id is not None:
            try:
                view = self._services.incidents.get(incident_id)
            except NotFoundError:
                view = None
        old = self._view
        same = view is not None and old is not None and old.id == view.id
        self._view = view
        if not same:
            self.set_notice("")
            self._policy = self._services.incident_rules.policy()
            for form in self.forms.values():
                form.reload_choices()
        self._fill_forms(old if same else None)
        self._render()
        if view is None:
            self._shown = None
            self.stepper.set_shown(None)
            self.script_panel.clear()
            self._clock_timer.stop()
            self.tick()
            return
        moved = old is None or (old.current_step, old.status) != (view.current_step, view.status)
        if not same or moved:  # a new moment: the script for it (else keep the user's choice)
            self.script_panel.show_for_incident(view.id)
        if not same:
            self._open_default_step()
        elif (
            self._shown is None
            or not self._can_open(self._shown)
            or (old is not None and old.current_step == self._shown != view.current_step)
        ):
            self._open_default_step()  # the step being worked on was done meanwhile: on to the next
        else:
            self._show_step(self._shown)
        if not self._clock_timer.isActive():
            self._clock_timer.start()
        self.tick()

    def refresh(self) -> None:
        """Re-read the incident and the settings it depends on, keeping what was typed."""
        self._policy = self._services.incident_rules.policy()
        for form in self.forms.values():
            form.reload_choices()
        self.show_incident(self.incident_id)

    def _fill_forms(self, old: IncidentView | None) -> None:
        """Put the recorded data in the forms: all of them for a new incident, else only what changed.

        A step changed elsewhere (another PC) while its form holds text typed here keeps the text,
        says so, and remembers the version the text was typed on (``_typed_on``).
        """
        view = self._view
        if old is None:
            self._typed_on.clear()
        kept: list[Step] = []
        for step, form in self.forms.items():
            new = view.steps.get(step) if view is not None else None
            remedies = view.remedies if view is not None and step == Step.ACT else []
            if old is not None and view is not None:
                unchanged = old.steps.get(step) == new and (step != Step.ACT or old.remedies == remedies)
                if unchanged:
                    continue
                if _holds(form, step, view):  # it already shows what is stored (this form's own save)
                    self._typed_on.pop(step, None)
                    continue
                if not _holds(form, step, old):  # typed here over a change made elsewhere: keep it
                    self._typed_on.setdefault(step, old.row_version)
                    kept.append(step)
                    continue
            self._typed_on.pop(step, None)
            form.set_data(new, remedies)
        if kept:
            text = tr(
                "IncidentDetail",
                "「{steps}」刚在别处被修改并保存了：您填写的内容还保留在表格里，这样保存会被拒绝。"
                "请先复制您的内容，再看对方保存的内容：",
            ).format(steps="、".join(step.label for step in kept))
            link = tr("IncidentDetail", "换成对方保存的内容")
            self.set_notice(f'{text}<a href="{TAKE_THEIRS}">{link}</a>', "warning")

    def _on_notice_link(self, link: str) -> None:
        if link == TAKE_THEIRS:
            self.take_stored_steps()

    def take_stored_steps(self) -> None:
        """Replace the text kept over another PC's change with what is stored (the user asked for it)."""
        view = self._view
        if view is None or not self._typed_on:
            return
        for step in list(self._typed_on):
            self.forms[step].set_data(view.steps.get(step), view.remedies if step == Step.ACT else [])
        self._typed_on.clear()
        if self._shown is not None:
            self._show_step(self._shown)
        self.set_notice(tr("IncidentDetail", "已换成对方保存的内容，可以在此基础上修改后再保存。"))

    def _render(self) -> None:
        view, ui = self._view, self.ui
        ui.empty_label.setVisible(view is None)
        ui.body_widget.setVisible(view is not None)
        self.callback_actions.update(view)
        self.document_actions.update(view)
        self.stepper.set_incident(view, self._zone())
        ui.history_list.clear()
        if view is None:
            ui.title_label.setText(tr("IncidentDetail", "未选择事件"))
            ui.status_label.clear()
            return
        ui.title_label.setText(
            tr("IncidentDetail", "{number}  {customer}").format(
                number=view.number, customer=view.customer_label
            )
        )
        ui.status_label.setText(view.status.label)
        ui.status_label.setStyleSheet(STATUS_STYLES[view.status])
        facts = [
            tr("IncidentDetail", "类别：{category}").format(category=view.category.label),
            tr("IncidentDetail", "严重程度：{severity}").format(severity=view.severity.label),
            tr("IncidentDetail", "渠道：{channel}").format(channel=view.channel.label),
            tr("IncidentDetail", "登记：{time}").format(time=full_time(view.reported_at, self._zone())),
        ]
        if view.service_label:
            facts.append(tr("IncidentDetail", "服务：{service}").format(service=view.service_label))
        if view.worker_name:
            facts.append(tr("IncidentDetail", "服务人员：{worker}").format(worker=view.worker_name))
        ui.facts_label.setText(tr("IncidentDetail", " · ").join(facts))
        ui.owner_label.setText(
            tr("IncidentDetail", "级别：{level} · 负责人：{owner}").format(
                level=view.level.label, owner=view.owner_name or tr("IncidentDetail", "未指定")
            )
        )
        said = " ".join(view.customer_said.split())
        if len(said) > SAID_MAX:
            said = said[:SAID_MAX] + "…"
        ui.said_label.setText(tr("IncidentDetail", "客户原话：{said}").format(said=said))
        ui.said_label.setToolTip(view.customer_said)
        ui.history_list.addItems(history_lines(view, self._zone()))

    def tick(self) -> None:
        """Redraw the countdown to the next deadline from the injected clock (every second)."""
        text, state = "", "ok"
        if self._view is not None:
            text, state = countdown(self._view, self._services.context.now(), self._policy, self._zone())
        if self.ui.countdown_label.text() != text:
            self.ui.countdown_label.setText(text)
        if state != self.countdown_state:
            self.countdown_state = state
            self.ui.countdown_label.setStyleSheet(COUNTDOWN_STYLES[state])

    def set_notice(self, text: str, kind: str = "info") -> None:
        """A short line under the header (not a message box): what just happened."""
        self.ui.notice_label.setText(text)
        self.ui.notice_label.setStyleSheet(NOTICE_STYLES[kind])
        self.ui.notice_label.setVisible(bool(text))

    # -- steps ---------------------------------------------------------------------------------------

    def _can_open(self, step: Step) -> bool:
        view = self._view
        if view is None:
            return False
        step_view = view.steps.get(step)
        return (step_view is not None and step_view.done) or step == view.current_step

    def _open_default_step(self) -> None:
        view = self._view
        if view is not None:
            self.open_step(view.current_step if view.current_step is not None else Step.DEEPEN)

    def open_step(self, step: int) -> bool:
        """Open a step's form: the current step to complete it, a done one to correct it."""
        chosen = Step(step)
        if not self._can_open(chosen):
            self.stepper.set_shown(self._shown)
            return False
        self._shown = chosen
        self._show_step(chosen)
        return True

    def _on_step_clicked(self, step: int) -> None:
        if self.open_step(step):
            self.forms[Step(step)].focus_first()

    def _show_step(self, step: Step) -> None:
        view, ui = self._view, self.ui
        assert view is not None
        step_view = view.steps.get(step)
        ui.step_stack.setCurrentWidget(self.forms[step])
        ui.step_title_label.setText(
            tr("IncidentDetail", "第 {number} 步 · {label}（{letter}）").format(
                number=int(step), label=step.label, letter=step.letter
            )
        )
        if step_view is not None and step_view.done:
            assert step_view.completed_at is not None
            purpose = tr(
                "IncidentDetail", "这一步已由{by}在 {time} 完成。要更正，改好后点“保存更正”。"
            ).format(by=step_view.completed_by or "—", time=short_time(step_view.completed_at, self._zone()))
            ui.complete_button.setText(tr("IncidentDetail", "保存更正(&D)"))
        else:
            purpose = step.purpose
            if step == Step.DEEPEN and not view.callbacks:
                purpose += tr("IncidentDetail", "。还没有回访记录：先做三日回访，或在下面写明不回访的原因。")
            ui.complete_button.setText(tr("IncidentDetail", "完成这一步(&D)"))
        ui.step_purpose_label.setText(purpose)
        self.stepper.set_shown(step)

    def complete_shown_step(self) -> bool:
        """Complete (or correct) the open step; on a refusal everything typed stays in the form."""
        view, step = self._view, self._shown
        if view is None or step is None:
            return False
        form = self.forms[step]
        data = form.data()
        done = step in view.steps and view.steps[step].done
        remedies: list[RemedyDraft] | None = None
        if step == Step.ACT:
            remedies = form.remedies()
            if done and same_remedies(remedies, view):
                remedies = None  # only the text changed: the approved remedies stay as they are
        incidents = self._services.incidents
        outcomes: list[StepOutcome] = []
        denied: list[PermissionDenied] = []
        conflicts: list[bool] = []

        def complete(auth: Authorization | None = None) -> None:
            try:
                outcomes.append(
                    incidents.complete_step(
                        view.id,
                        step,
                        data,
                        remedies,
                        auth,
                        expected_version=self._typed_on.get(step, view.row_version),
                    )
                )
            except PermissionDenied as exc:
                if auth is not None or not remedies:
                    raise
                denied.append(exc)
            except ConflictError:
                conflicts.append(True)
                raise

        def refused() -> bool:
            if conflicts:  # show what the other person saved; the typed text stays (see _fill_forms)
                self.refresh()
                if self._shown != step:
                    self.open_step(step)  # still in front of the user, not the step due next
            return False

        if not form.errors.attempt(self, complete):
            return refused()
        if denied:
            needed = role_needed(sum(remedy_amounts(remedies or [])), self._services.incident_rules.limits())
            auth = ask_authorization(self, self._services, needed, tr("IncidentDetail", "批准补偿"))
            if auth is None:
                self.set_notice(
                    tr(
                        "IncidentDetail",
                        "补偿超出了你能批准的金额，需要{role}输入密码确认。这一步还没有完成，填写的内容都还在。",
                    ).format(role=needed.label),
                    "warning",
                )
                return False
            if not form.errors.attempt(self, lambda: complete(auth)):
                return refused()
        self._after_step(step, outcomes[-1])
        return True

    def _after_step(self, step: Step, outcome: StepOutcome) -> None:
        incident_id = self.incident_id
        assert incident_id is not None
        self.show_incident(incident_id)
        view = self._view
        if view is None:
            return
        if view.current_step is not None:  # back to the step still to do (after a correction too)
            self.open_step(view.current_step)
            self.forms[view.current_step].focus_first()
        if outcome.resolved and view.callback_due_at is not None:
            notice = tr("IncidentDetail", "已解决：三日回访安排在 {time}").format(
                time=short_time(view.callback_due_at, self._zone())
            )
        elif outcome.closed:
            notice = tr("IncidentDetail", "事件已关闭")
        elif outcome.corrected:
            notice = tr("IncidentDetail", "已保存对「{step}」的更正").format(step=step.label)
        else:
            following = view.current_step.label if view.current_step is not None else ""
            notice = tr("IncidentDetail", "已完成「{step}」，下一步：{next}").format(
                step=step.label, next=following
            )
        self.set_notice(notice)
        self.script_panel.show_for_incident(incident_id)
        self.incident_changed.emit(incident_id)

    # -- the day-3 callback ----------------------------------------------------------------------------

    def start_callback(self) -> None:
        """Open the callback dialog for a resolved incident; show what it reports."""
        self.callback_actions.start()

    def reschedule_callback(self) -> None:
        """Move the day-3 callback to another time (改约回访)."""
        self.callback_actions.reschedule()

    # -- keyboard --------------------------------------------------------------------------------------

    def _chain_tab_order(self) -> None:
        ui, panel = self.ui, self.script_panel.ui
        chain: list[QWidget] = [
            ui.callback_button,
            self.callback_actions.reschedule_button,
            self.document_actions.button,
            *self.stepper.buttons.values(),
        ]
        for form in self.forms.values():
            chain += form.focus_chain()
        chain += [
            ui.complete_button,
            ui.info_tabs.tabBar(),
            panel.scenario_combo,
            panel.channel_combo,
            panel.template_combo,
            panel.copy_button,
            panel.script_text,
            ui.history_list,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        # Containers that would otherwise take a Tab stop of their own and send focus round again.
        ui.step_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        ui.info_tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        ui.info_tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.TabFocus)


class CallbackActions:
    """Adds 改约回访 next to 开始三日回访 in ``detail``'s header and runs both."""

    def __init__(self, detail: IncidentDetail, services: Services) -> None:
        self._detail = detail
        self._services = services
        ui = detail.ui
        self.reschedule_button = QPushButton(tr("IncidentDetail", "改约回访(&G)…"), detail)
        self.reschedule_button.setObjectName("reschedule_callback_button")
        self.reschedule_button.setToolTip(
            tr("IncidentDetail", "客户想换个时间接回访电话：改到客户方便的时间")
        )
        ui.header_layout.insertWidget(
            ui.header_layout.indexOf(ui.callback_button) + 1, self.reschedule_button
        )
        ui.callback_button.clicked.connect(detail.start_callback)
        self.reschedule_button.clicked.connect(self.reschedule)

    def update(self, view: IncidentView | None) -> None:
        """Show the buttons only for a resolved incident (the callback is still to do)."""
        resolved = view is not None and view.status == Status.RESOLVED
        self._detail.ui.callback_button.setVisible(resolved)
        self.reschedule_button.setVisible(resolved)

    # -- 开始三日回访 ------------------------------------------------------------------------------------

    def start(self) -> None:
        """Open the callback dialog for a resolved incident; show what it reports."""
        detail = self._detail
        incident_id = detail.incident_id
        if incident_id is None:
            return
        try:
            from .callback_dialog import CallbackDialog
        except ImportError:
            messages.show_error(
                detail, tr("IncidentDetail", "这个版本还不能记录三日回访，请更新程序后再试。")
            )
            return
        try:
            dialog = CallbackDialog(self._services, incident_id, detail)
        except DomainError as exc:  # deleted or closed meanwhile
            messages.show_error(detail, str(exc))
            detail.refresh()
            return
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        message = str(getattr(dialog, "result_message", "") or "")
        detail.show_incident(incident_id)
        view = detail.view
        if view is not None and view.current_step is not None:
            detail.open_step(view.current_step)
        detail.script_panel.show_for_incident(incident_id)
        detail.incident_changed.emit(incident_id)
        if message:
            messages.show_info(detail, message)

    # -- 改约回访 ----------------------------------------------------------------------------------------

    def reschedule_dialog(self) -> RescheduleCallbackDialog | None:
        """The 改约回访 dialog for the incident shown, wired to refresh the detail once it went through.

        None (after saying why) when there is nothing to reschedule; the caller shows the dialog.
        """
        detail = self._detail
        incident_id = detail.incident_id
        if incident_id is None:
            return None
        from .reschedule_callback_dialog import RescheduleCallbackDialog

        try:
            dialog = RescheduleCallbackDialog(self._services, incident_id, detail)
        except DomainError as exc:  # deleted meanwhile
            messages.show_error(detail, str(exc))
            detail.refresh()
            return None
        dialog.rescheduled.connect(lambda _id: self._after_reschedule(dialog))
        return dialog

    def reschedule(self) -> None:
        """Ask for the new callback time (modal) and move the callback there."""
        dialog = self.reschedule_dialog()
        if dialog is not None:
            dialog.exec()

    def _after_reschedule(self, dialog: RescheduleCallbackDialog) -> None:
        detail = self._detail
        incident_id = dialog.incident_id
        detail.show_incident(incident_id)
        if dialog.new_time is not None:
            zone = self._services.context.now().tzinfo
            detail.set_notice(
                tr("IncidentDetail", "三日回访已改约到 {time}").format(time=short_time(dialog.new_time, zone))
            )
        detail.incident_changed.emit(incident_id)


class DocumentActions:
    """A 打印 button with a menu, after the callback buttons in ``detail``'s header."""

    def __init__(self, detail: IncidentDetail, services: Services) -> None:
        self._detail = detail
        self._services = services
        self.job: DocumentJob | None = None
        self.button = QToolButton(detail)
        self.button.setObjectName("print_button")
        self.button.setText(tr("IncidentDetail", "打印(&P)"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.notice_action = menu.addAction(tr("IncidentDetail", "补偿通知书…"), self.print_notice)
        self.checklist_action = menu.addAction(
            tr("IncidentDetail", "家居安全隐患自查清单…"), self.print_checklist
        )
        self.button.setMenu(menu)
        ui = detail.ui
        ui.header_layout.insertWidget(ui.header_layout.indexOf(ui.callback_button) + 2, self.button)

    def update(self, view: IncidentView | None) -> None:
        self.button.setVisible(view is not None)
        act = view.steps.get(Step.ACT) if view is not None else None
        done = act is not None and act.done
        self.notice_action.setEnabled(done)
        self.notice_action.setToolTip(
            "" if done else tr("IncidentDetail", "完成“行动”一步（写下补偿）后才能打印补偿通知书")
        )

    def print_notice(self) -> DocumentJob | None:
        """Make the notice off the GUI thread, then offer to open or print it."""
        incident_id = self._detail.incident_id
        if incident_id is None:
            return None
        documents = self._services.documents
        self.job = make_document(
            self._detail,
            tr("IncidentDetail", "正在生成补偿通知书…"),
            lambda _progress: documents.compensation_notice(incident_id),
            printed=documents.printed,
        )
        return self.job

    def print_checklist(self) -> ChecklistDialog | None:
        """Offer the safety checklist for this customer (the season suits the emergency, if it was one)."""
        from ..common.checklist_dialog import ChecklistDialog

        view = self._detail.view
        if view is None:
            return None
        dialog = ChecklistDialog(self._services, view.customer_id, view.category, self._detail)
        dialog.open()
        return dialog


def _holds(form: StepForm, step: Step, view: IncidentView) -> bool:
    """True when ``form`` shows exactly what ``view`` has recorded for ``step`` (nothing typed over it)."""
    recorded = view.steps.get(step)
    stored = recorded.data if recorded is not None else {}
    typed = form.data()
    if any(value.strip() != str(stored.get(name, "")).strip() for name, value in typed.items()):
        return False
    return step != Step.ACT or same_remedies(form.remedies(), view)
