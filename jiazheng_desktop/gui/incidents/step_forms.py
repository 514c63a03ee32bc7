"""One form per ILEAD step, built from the step's field list (``STEP_FIELDS``).

Every field has its error label right below it; the 行动 form adds a small editor for the remedies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from itertools import pairwise

from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.incidents import MAX_REMEDY_USES, STEP_FIELDS, FieldSpec, RemedyDraft, RemedyKind, Step
from ...domain.money import format_fen, parse_yuan
from ...domain.staff import Role
from ...services import Services
from ...services.incident_views import RemedyView, StepView
from ..common import theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from .reschedule_callback_dialog import WALL_ZONE, from_wall, to_wall

ERROR_STYLE = theme.ERROR_STYLE
TEXT_LINES = 3
DEFAULT_VISIT_HOUR = 10
"""A new 上门复查 row proposes tomorrow at 10:00."""


def _placeholder(name: str) -> str:
    """A short example under an empty field (translated when shown)."""
    hints = {
        "what_happened": tr("StepForm", "例如：厨房水管接口老化爆裂，水漫到客厅"),
        "customer_account": tr("StepForm", "尽量用客户自己的话记下来"),
        "customer_needs": tr("StepForm", "例如：今天之内派人上门止水维修"),
        "apology": tr("StepForm", "实际对客户说了哪些致歉的话"),
        "action_plan": tr("StepForm", "做什么、什么时候、谁来做"),
        "improvement": tr("StepForm", "例如：全员培训油烟机清洁，考核通过再上门"),
        "no_callback_reason": tr("StepForm", "已做三日回访可不填；没有回访时写明原因"),
    }
    return hints.get(name, "")


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setVisible(False)
    return label


def _yuan_text(fen: int) -> str:
    """Fen as yuan for editing: 20000 → "200", 9950 → "99.50" (no ¥, no thousands separator)."""
    if not fen:
        return ""
    yuan, cents = divmod(fen, 100)
    return f"{yuan}.{cents:02d}" if cents else str(yuan)


def _select_data(combo: QComboBox, value: str) -> None:
    """Select the entry holding ``value``, adding it when it is no longer offered (an old choice)."""
    index = combo.findData(value)
    if index < 0:
        combo.addItem(value, value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


class _RemedyRow(QWidget):
    def __init__(self, parent: QWidget, now: Callable[[], datetime]) -> None:
        super().__init__(parent)
        self._zone = now().tzinfo
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItem(tr("StepForm", "请选择…"), "")
        for kind in RemedyKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.kind_combo.setMinimumWidth(120)
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setPlaceholderText(tr("StepForm", "金额（元）"))
        self.amount_edit.setFixedWidth(90)
        # A 补偿券 can be split into equal uses: ¥200 in 2 uses is ¥100 off this visit and the next.
        self.uses_spin = QSpinBox(self)
        self.uses_spin.setObjectName("uses_spin")
        self.uses_spin.setRange(1, MAX_REMEDY_USES)
        self.uses_spin.setPrefix(tr("StepForm", "共 "))
        self.uses_spin.setSuffix(tr("StepForm", " 次"))
        self.uses_spin.setToolTip(
            tr("StepForm", "补偿券分几次使用；金额是总额，例如 200 元分 2 次即每次 100 元")
        )
        self.uses_spin.setAccessibleName(tr("StepForm", "使用次数"))
        self.uses_spin.setFixedWidth(self.uses_spin.sizeHint().width())
        self.per_use_label = QLabel(self)
        self.per_use_label.setObjectName("per_use_label")
        # A 上门复查 is a visit at a date and time (wall-clock time in the clock's zone, as 改约回访 shows it);
        # no range on the edit: a time in the past is refused by the service with a message that says so.
        self.visit_edit = QDateTimeEdit(self)
        self.visit_edit.setObjectName("visit_edit")
        self.visit_edit.setTimeZone(WALL_ZONE)
        self.visit_edit.setCalendarPopup(True)
        self.visit_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.visit_edit.setToolTip(tr("StepForm", "上门复查的日期和时间"))
        self.visit_edit.setAccessibleName(tr("StepForm", "复查时间"))
        self.visit_edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        tomorrow = now() + timedelta(days=1)
        self.visit_edit.setDateTime(
            to_wall(tomorrow.replace(hour=DEFAULT_VISIT_HOUR, minute=0, second=0, microsecond=0), self._zone)
        )
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(tr("StepForm", "说明，例如：免本次上门费"))
        self.note_edit.setMinimumWidth(self.note_edit.fontMetrics().horizontalAdvance("说") * 8)
        self.remove_button = QPushButton(tr("StepForm", "删除"), self)
        self.remove_button.setObjectName("remove_button")
        theme.set_role(self.remove_button, theme.DANGER)
        self.remove_button.setToolTip(tr("StepForm", "删除这一项补救"))
        for widget in self.widgets()[:3]:
            layout.addWidget(widget)
        layout.addWidget(self.per_use_label)
        for widget in self.widgets()[3:]:
            layout.addWidget(widget)
        layout.setStretch(layout.indexOf(self.note_edit), 1)
        self.kind_combo.currentIndexChanged.connect(self._update_uses)
        self.amount_edit.textChanged.connect(self._update_uses)
        self.uses_spin.valueChanged.connect(self._update_uses)
        self._update_uses()

    def widgets(self) -> list[QWidget]:
        return [
            self.kind_combo, self.amount_edit, self.uses_spin, self.visit_edit, self.note_edit, self.remove_button
        ]  # fmt: skip

    def is_voucher(self) -> bool:
        return self.kind_combo.currentData() == RemedyKind.VOUCHER.value

    def is_visit(self) -> bool:
        return self.kind_combo.currentData() == RemedyKind.REINSPECT.value

    def visit_at(self) -> datetime:
        return from_wall(self.visit_edit.dateTime(), self._zone)

    def set_visit_at(self, moment: datetime) -> None:
        self.visit_edit.setDateTime(to_wall(moment, self._zone))

    def _update_uses(self) -> None:
        """Uses only for a 补偿券, with what each use is worth ("每次 ¥100.00") when it splits evenly;
        the visit's date and time only for a 上门复查."""
        visit = self.is_visit()
        self.visit_edit.setEnabled(visit)
        self.visit_edit.setVisible(visit)
        voucher = self.is_voucher()
        self.uses_spin.setEnabled(voucher)
        self.uses_spin.setVisible(voucher)
        text = ""
        if voucher and self.uses_spin.value() > 1:
            try:
                total = parse_yuan(self.amount_edit.text()) if self.amount_edit.text().strip() else 0
            except ValueError:
                total = 0
            uses = self.uses_spin.value()
            if total > 0 and total % uses == 0:
                text = tr("StepForm", "每次 {amount}").format(amount=format_fen(total // uses))
        self.per_use_label.setText(text)
        self.per_use_label.setVisible(bool(text))

    def draft(self) -> RemedyDraft:
        return RemedyDraft(
            str(self.kind_combo.currentData() or ""),
            self.amount_edit.text().strip(),
            self.note_edit.text().strip(),
            self.uses_spin.value() if self.is_voucher() else 1,
            self.visit_at() if self.is_visit() else None,
        )

    def is_blank(self) -> bool:
        draft = self.draft()
        return not (draft.kind or draft.amount_text or draft.note)


class RemedyEditor(QWidget):
    """The remedies of the 行动 step: one row each (way, amount in yuan, uses of a 补偿券, note), rows
    added and removed."""

    def __init__(self, parent: QWidget | None, now: Callable[[], datetime]) -> None:
        super().__init__(parent)
        self._now = now  # the injected clock: a new 复查 row proposes tomorrow
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title_label = QLabel(tr("StepForm", "补救措施"), self)
        self.add_button = QPushButton(tr("StepForm", "添加一项(&T)"), self)
        self.add_button.setObjectName("add_button")
        top.addWidget(self.title_label)
        top.addStretch(1)
        top.addWidget(self.add_button)
        layout.addLayout(top)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(4)
        layout.addLayout(self._rows_layout)
        self.rows: list[_RemedyRow] = []
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.title_label.setBuddy(self.add_button)
        self.clear()

    def clear(self) -> None:
        """One empty row."""
        self.set_remedies([])

    def set_remedies(self, drafts: Sequence[RemedyDraft]) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        for draft in drafts or [RemedyDraft("")]:
            self.add_row(draft)

    def add_row(self, draft: RemedyDraft | None = None) -> _RemedyRow:
        row = _RemedyRow(self, self._now)
        if draft is not None:
            if draft.kind:
                _select_data(row.kind_combo, draft.kind)
            row.amount_edit.setText(draft.amount_text)
            row.uses_spin.setValue(draft.uses)
            if draft.visit_at is not None:
                row.set_visit_at(draft.visit_at)
            row.note_edit.setText(draft.note)
        row.remove_button.clicked.connect(lambda: self.remove_row(row))
        self._rows_layout.addWidget(row)
        self.rows.append(row)
        self._chain_tab_order()
        return row

    def remove_row(self, row: _RemedyRow) -> None:
        if row not in self.rows:
            return
        index = self.rows.index(row)
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        if not self.rows:
            self.add_row()
        neighbour = self.rows[min(index, len(self.rows) - 1)]
        neighbour.kind_combo.setFocus()

    def remedies(self) -> list[RemedyDraft]:
        """The rows as typed; rows left completely empty are ignored."""
        return [row.draft() for row in self.rows if not row.is_blank()]

    def focus_chain(self) -> list[QWidget]:
        return [self.add_button, *(w for row in self.rows for w in row.widgets())]

    def _chain_tab_order(self) -> None:
        # Rows come and go: keep them right after the add button in the Tab order.
        chain = self.focus_chain()
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _on_add_button_clicked(self) -> None:
        self.add_row().kind_combo.setFocus()


class StepForm(QWidget):
    """The fields of one step; ``data()`` and ``remedies()`` are what ``complete_step`` takes."""

    def __init__(self, step: Step, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self._services = services
        self.widgets: dict[str, QWidget] = {}
        self.remedy_editor: RemedyEditor | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = QFormLayout()
        outer.addLayout(layout)
        outer.addStretch(1)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        fields: dict[str, tuple[QLabel, QWidget]] = {}
        for spec in STEP_FIELDS[step]:
            widget = self._make_widget(spec)
            label = QLabel(self._label_text(spec), self)
            label.setBuddy(widget)
            error = _error_label(self)
            layout.addRow(label, widget)
            layout.addRow("", error)
            self.widgets[spec.name] = widget
            fields[spec.name] = (error, widget)
        if step == Step.ACT:
            self.remedy_editor = RemedyEditor(self, services.context.now)
            error = _error_label(self)
            layout.addRow(self.remedy_editor)
            layout.addRow(error)
            fields["remedies"] = (error, self.remedy_editor.add_button)
        self.fallback_label = _error_label(self)
        layout.addRow(self.fallback_label)
        self.errors = FieldErrors(fields, self.fallback_label)
        self.reload_choices()

    # -- building ------------------------------------------------------------------------------------

    def _label_text(self, spec: FieldSpec) -> str:
        if spec.name == "manager":
            return tr("StepForm", "{label}（升级后必填）").format(label=spec.label)
        if spec.name == "no_callback_reason":
            return spec.label  # required only without a callback: the placeholder says so
        if not spec.required:
            return tr("StepForm", "{label}（选填）").format(label=spec.label)
        return spec.label

    def _make_widget(self, spec: FieldSpec) -> QWidget:
        if spec.choices or spec.name in ("root_cause", "manager"):
            combo = QComboBox(self)
            combo.setEditable(False)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            return combo
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(_placeholder(spec.name))
        lines = TEXT_LINES if spec.required else 2
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        return edit

    def reload_choices(self) -> None:
        """Fill the lists again (root causes and managers may have changed in 设置), keeping choices."""
        for spec in STEP_FIELDS[self.step]:
            widget = self.widgets[spec.name]
            if not isinstance(widget, QComboBox):
                continue
            current = str(widget.currentData() or "")
            widget.blockSignals(True)
            widget.clear()
            if spec.name == "manager":
                widget.addItem(tr("StepForm", "（不需要）"), "")
                for member in self._services.staff.list():
                    if member.role >= Role.REGIONAL_MANAGER:
                        widget.addItem(member.label, member.name)
            else:
                widget.addItem(tr("StepForm", "请选择…"), "")
                choices = (
                    self._services.incident_rules.root_causes() if spec.name == "root_cause" else spec.choices
                )
                for choice in choices:
                    widget.addItem(choice, choice)
            if current:
                _select_data(widget, current)
            widget.blockSignals(False)

    # -- values ----------------------------------------------------------------------------------------

    def data(self) -> dict[str, str]:
        """Each field's value as typed or chosen (the service strips and checks them)."""
        values: dict[str, str] = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, QComboBox):
                values[name] = str(widget.currentData() or "")
            elif isinstance(widget, QPlainTextEdit):
                values[name] = widget.toPlainText()
        return values

    def remedies(self) -> list[RemedyDraft]:
        """The 行动 step's remedies (empty for the other steps)."""
        return self.remedy_editor.remedies() if self.remedy_editor is not None else []

    def set_values(self, values: dict[str, str]) -> None:
        for name, widget in self.widgets.items():
            value = values.get(name, "")
            if isinstance(widget, QComboBox):
                if value:
                    _select_data(widget, value)
                else:
                    widget.setCurrentIndex(0)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)

    def set_data(self, step_view: StepView | None, remedies: Sequence[RemedyView] = ()) -> None:
        """Fill the form with what was recorded for this step (None: empty it)."""
        self.errors.clear()
        self.set_values(step_view.data if step_view is not None else {})
        if self.remedy_editor is not None:
            self.remedy_editor.set_remedies(
                [
                    RemedyDraft(r.kind.value, _yuan_text(r.amount_fen), r.note, r.uses, r.visit_at)
                    for r in remedies
                ]
            )

    def clear(self) -> None:
        self.set_data(None)

    def focus_chain(self) -> list[QWidget]:
        """The widgets a Tab press visits, in order."""
        chain = list(self.widgets.values())
        if self.remedy_editor is not None:
            chain += self.remedy_editor.focus_chain()
        return chain

    def focus_first(self) -> None:
        chain = self.focus_chain()
        if chain:
            chain[0].setFocus()
