"""新建/修改营销活动: purpose, festival, who it is for (with the live count), the message with a preview
for the first recipient, and an optional voucher for every recipient.

The count is worked out off the GUI thread a moment after the filters stop changing: with a stage,
risk or value filter every candidate is assessed, which takes a while at 100,000 customers (a progress
line shows how far it is). Nothing typed is lost when the campaign is refused.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaigns import (
    DEFAULT_TEMPLATES,
    VALID_DAYS_DEFAULT,
    VALUE_TIERS,
    VOUCHER_SENTENCE,
    AudienceFilter,
    CampaignDraft,
    CampaignPurpose,
    ContractState,
)
from ...domain.errors import DomainError, ValidationError
from ...domain.festivals import DEFAULT_FESTIVALS, FESTIVALS
from ...domain.lifecycle import RiskBand, Stage
from ...domain.vouchers import MAX_USES, VoucherKind
from ...domain.workers import SERVICE_TYPES
from ...services import Services
from ...services.campaigns import AudiencePreview
from ..common import theme
from ..common.background import BackgroundCall, Progress
from ..common.field_errors import FieldErrors
from ..common.i18n import tr

COUNT_DELAY_MS = 400


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(theme.ERROR_STYLE)
    label.setWordWrap(True)
    return label


class CampaignDialog(QDialog):
    """A new campaign (``campaign_id`` None) or a draft to change; ``saved_id`` once saved."""

    def __init__(
        self,
        services: Services,
        campaign_id: int | None = None,
        parent: QWidget | None = None,
        festival_key: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._campaign_id = campaign_id
        self.saved_id: int | None = None
        self.preview: AudiencePreview | None = None
        self._call: BackgroundCall | None = None
        self._again = False
        self._template_touched = False
        self.setWindowTitle(
            tr("CampaignDialog", "新建营销活动")
            if campaign_id is None
            else tr("CampaignDialog", "修改营销活动")
        )
        self.resize(720, 760)

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("name_edit")
        self.name_edit.setPlaceholderText(tr("CampaignDialog", "例如：2027 春节问候"))
        self.purpose_combo = QComboBox(self)
        self.purpose_combo.setObjectName("purpose_combo")
        for purpose in CampaignPurpose:
            self.purpose_combo.addItem(purpose.label, purpose.value)
        self.festival_combo = QComboBox(self)
        self.festival_combo.setObjectName("festival_combo")
        self.festival_combo.addItem(tr("CampaignDialog", "（不是节日活动）"), None)
        for festival in FESTIVALS:
            self.festival_combo.addItem(festival.name, festival.key)

        # -- who it is for
        audience = QGroupBox(tr("CampaignDialog", "发给谁（只会选到同意“营销与节日问候”的客户）"), self)
        self.stage_boxes = {s.value: QCheckBox(s.label, audience) for s in Stage}
        self.risk_boxes = {b.value: QCheckBox(b.label, audience) for b in RiskBand}
        self.value_boxes = {t: QCheckBox(t, audience) for t in VALUE_TIERS}
        self.district_edit = QLineEdit(audience)
        self.district_edit.setObjectName("district_edit")
        self.district_edit.setPlaceholderText(tr("CampaignDialog", "不限"))
        self.service_combo = QComboBox(audience)
        self.service_combo.setObjectName("service_combo")
        self.service_combo.addItem(tr("CampaignDialog", "不限"), "")
        for service in SERVICE_TYPES:
            self.service_combo.addItem(service, service)
        self.visited_spin = QSpinBox(audience)
        self.visited_spin.setObjectName("visited_spin")
        self.visited_spin.setRange(0, 3650)
        self.visited_spin.setSpecialValueText(tr("CampaignDialog", "不限"))
        self.visited_spin.setSuffix(tr("CampaignDialog", " 天内服务过"))
        self.lapsed_spin = QSpinBox(audience)
        self.lapsed_spin.setObjectName("lapsed_spin")
        self.lapsed_spin.setRange(0, 3650)
        self.lapsed_spin.setSpecialValueText(tr("CampaignDialog", "不限"))
        self.lapsed_spin.setSuffix(tr("CampaignDialog", " 天以上没服务"))
        self.contract_combo = QComboBox(audience)
        self.contract_combo.setObjectName("contract_combo")
        for state in ContractState:
            self.contract_combo.addItem(state.label, state.value)
        self.count_label = QLabel(audience)
        self.count_label.setObjectName("count_label")
        self.count_label.setStyleSheet("font-weight: bold;")
        self.audience_error = _error_label(audience)
        form = QFormLayout(audience)
        for title, boxes in (
            (tr("CampaignDialog", "阶段"), self.stage_boxes),
            (tr("CampaignDialog", "流失风险"), self.risk_boxes),
            (tr("CampaignDialog", "价值"), self.value_boxes),
        ):
            row = QHBoxLayout()
            for box in boxes.values():
                row.addWidget(box)
            row.addStretch(1)
            form.addRow(title, row)
        form.addRow(tr("CampaignDialog", "区"), self.district_edit)
        form.addRow(tr("CampaignDialog", "服务过的项目"), self.service_combo)
        visits = QHBoxLayout()
        visits.addWidget(self.visited_spin)
        visits.addWidget(self.lapsed_spin)
        form.addRow(tr("CampaignDialog", "最近服务"), visits)
        self.visits_error = _error_label(audience)
        form.addRow("", self.visits_error)
        form.addRow(tr("CampaignDialog", "合同"), self.contract_combo)
        form.addRow(tr("CampaignDialog", "人数"), self.count_label)
        form.addRow("", self.audience_error)

        # -- the message
        self.template_edit = QPlainTextEdit(self)
        self.template_edit.setObjectName("template_edit")
        self.template_edit.setToolTip(
            tr(
                "CampaignDialog",
                "可以用 {称呼}、{节日}、{公司名称}、{金额}、{券码}、{有效期} 等占位符，发送时逐位填好",
            )
        )
        self.preview_label = QLabel(self)
        self.preview_label.setObjectName("preview_label")
        self.preview_label.setWordWrap(True)
        self.preview_label.setStyleSheet(
            f"background: {theme.INFO_SOFT}; color: {theme.INFO_TEXT}; padding: 6px;"
        )

        # -- the voucher
        self.voucher_box = QGroupBox(tr("CampaignDialog", "给每位客户发一张券"), self)
        self.voucher_box.setObjectName("voucher_box")
        self.voucher_box.setCheckable(True)
        self.voucher_box.setChecked(False)
        self.kind_combo = QComboBox(self.voucher_box)
        self.kind_combo.setObjectName("kind_combo")
        for kind in (VoucherKind.FESTIVAL, VoucherKind.PROMOTION):
            self.kind_combo.addItem(kind.label, kind.value)
        self.value_edit = QLineEdit(self.voucher_box)
        self.value_edit.setObjectName("value_edit")
        self.value_edit.setPlaceholderText(tr("CampaignDialog", "每次金额（元），例如 20"))
        self.uses_spin = QSpinBox(self.voucher_box)
        self.uses_spin.setObjectName("uses_spin")
        self.uses_spin.setRange(1, MAX_USES)
        self.uses_spin.setSuffix(tr("CampaignDialog", " 次"))
        self.valid_edit = QDateEdit(self.voucher_box)
        self.valid_edit.setObjectName("valid_edit")
        self.valid_edit.setCalendarPopup(True)
        self.valid_edit.setDisplayFormat("yyyy-MM-dd")
        self._valid_touched = False
        """The validity was chosen by hand: a change of festival no longer moves it."""
        self.budget_label = QLabel(self.voucher_box)
        self.budget_label.setObjectName("budget_label")
        self.value_error = _error_label(self.voucher_box)
        self.valid_error = _error_label(self.voucher_box)
        self.kind_error = _error_label(self.voucher_box)
        voucher_form = QFormLayout(self.voucher_box)
        voucher_form.addRow(tr("CampaignDialog", "种类"), self.kind_combo)
        voucher_form.addRow("", self.kind_error)
        voucher_form.addRow(tr("CampaignDialog", "每次金额"), self.value_edit)
        voucher_form.addRow("", self.value_error)
        voucher_form.addRow(tr("CampaignDialog", "可用次数"), self.uses_spin)
        voucher_form.addRow(tr("CampaignDialog", "有效期至"), self.valid_edit)
        voucher_form.addRow("", self.valid_error)
        voucher_form.addRow(tr("CampaignDialog", "预算"), self.budget_label)

        self.name_error = _error_label(self)
        self.festival_error = _error_label(self)
        self.template_error = _error_label(self)
        self.other_error = _error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("CampaignDialog", "保存草稿"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("CampaignDialog", "取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        top = QFormLayout()
        top.addRow(tr("CampaignDialog", "活动名称"), self.name_edit)
        top.addRow("", self.name_error)
        top.addRow(tr("CampaignDialog", "目的"), self.purpose_combo)
        top.addRow(tr("CampaignDialog", "节日"), self.festival_combo)
        top.addRow("", self.festival_error)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(audience)
        layout.addWidget(QLabel(tr("CampaignDialog", "消息模板"), self))
        layout.addWidget(self.template_edit, 1)
        layout.addWidget(self.template_error)
        layout.addWidget(QLabel(tr("CampaignDialog", "第一位客户会收到："), self))
        layout.addWidget(self.preview_label)
        layout.addWidget(self.voucher_box)
        layout.addWidget(self.other_error)
        layout.addWidget(self.buttons)

        self.errors = FieldErrors(
            {
                "name": (self.name_error, self.name_edit),
                "festival": (self.festival_error, self.festival_combo),
                "purpose": (self.festival_error, self.purpose_combo),
                "template": (self.template_error, self.template_edit),
                "visited_within_days": (self.visits_error, self.visited_spin),
                "not_visited_days": (self.visits_error, self.lapsed_spin),
                "voucher_kind": (self.kind_error, self.kind_combo),
                "voucher_value": (self.value_error, self.value_edit),
                "voucher_uses": (self.value_error, self.uses_spin),
                "voucher_valid_until": (self.valid_error, self.valid_edit),
                "audience": (self.audience_error, self.district_edit),
            },
            self.other_error,
        )
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self.update_count)

        if campaign_id is not None:
            self._fill(services.campaigns.get(campaign_id).draft())
        else:
            purpose = CampaignPurpose.FESTIVAL
            self._select(self.purpose_combo, purpose.value)
            key = festival_key or self._next_festival()
            self._select(self.festival_combo, key)
            self.template_edit.setPlainText(DEFAULT_TEMPLATES[purpose])
            self._suggest_name()
            self._default_validity()
        for signal in (
            self.district_edit.textChanged,
            self.service_combo.currentIndexChanged,
            self.visited_spin.valueChanged,
            self.lapsed_spin.valueChanged,
            self.contract_combo.currentIndexChanged,
            self.value_edit.textChanged,
            self.uses_spin.valueChanged,
            self.voucher_box.toggled,
            self.festival_combo.currentIndexChanged,
        ):
            signal.connect(self.schedule_count)
        for boxes in (self.stage_boxes, self.risk_boxes, self.value_boxes):
            for box in boxes.values():
                box.toggled.connect(self.schedule_count)
        self.template_edit.textChanged.connect(self._on_template_edited)
        self.purpose_combo.currentIndexChanged.connect(self._on_purpose_changed)
        self.festival_combo.currentIndexChanged.connect(self._suggest_name)
        self.festival_combo.currentIndexChanged.connect(self._default_validity)
        self.valid_edit.dateChanged.connect(self._on_validity_chosen)
        self.voucher_box.toggled.connect(self._on_voucher_toggled)
        self.update_count()

    # -- helpers ------------------------------------------------------------------------------------

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    @staticmethod
    def _set_date(edit: QDateEdit, day: date) -> None:
        edit.setDate(QDate(day.year, day.month, day.day))

    def _next_festival(self) -> str:
        from ...domain.festivals import festival_in_question

        found = festival_in_question(DEFAULT_FESTIVALS, self._services.context.now().date())
        return found[0].key if found else DEFAULT_FESTIVALS[0]

    def _festival_day(self) -> date | None:
        from ...domain.festivals import festival_date

        key = self.festival_combo.currentData()
        if not key:
            return None
        today = self._services.context.now().date()
        day = festival_date(key, today.year)
        return day if day >= today else festival_date(key, today.year + 1)

    def _default_validity(self) -> None:
        """30 days from the festival (a red packet for 春节 must outlast 春节), else from today."""
        if self._campaign_id is not None or self._valid_touched:
            return
        start = self._festival_day() or self._services.context.now().date()
        self.valid_edit.blockSignals(True)
        self._set_date(self.valid_edit, start + timedelta(days=VALID_DAYS_DEFAULT))
        self.valid_edit.blockSignals(False)

    def _on_validity_chosen(self) -> None:
        self._valid_touched = True

    def _suggest_name(self) -> None:
        if self._campaign_id is not None or self.name_edit.isModified():
            return
        key = self.festival_combo.currentData()
        if self.purpose_combo.currentData() == CampaignPurpose.FESTIVAL.value and key:
            from ...domain.festivals import BY_KEY, festival_date

            today = self._services.context.now().date()
            day = festival_date(key, today.year)
            year = today.year if day >= today else today.year + 1
            self.name_edit.setText(
                tr("CampaignDialog", "{year} {name}问候").format(year=year, name=BY_KEY[key].name)
            )
        else:
            self.name_edit.setText(self.purpose_combo.currentText())

    def _fill(self, draft: CampaignDraft) -> None:
        self.name_edit.setText(draft.name)
        self._select(self.purpose_combo, draft.purpose)
        self._select(self.festival_combo, draft.festival_key)
        self.template_edit.setPlainText(draft.template)
        self._template_touched = True
        flt = draft.audience
        for boxes, chosen in (
            (self.stage_boxes, flt.stages),
            (self.risk_boxes, flt.risk_bands),
            (self.value_boxes, flt.value_tiers),
        ):
            for value, box in boxes.items():
                box.setChecked(value in chosen)
        self.district_edit.setText(flt.district)
        self._select(self.service_combo, flt.service_type)
        self.visited_spin.setValue(flt.visited_within_days or 0)
        self.lapsed_spin.setValue(flt.not_visited_days or 0)
        self._select(self.contract_combo, flt.contract)
        if draft.voucher_kind:
            self.voucher_box.setChecked(True)
            self._select(self.kind_combo, draft.voucher_kind)
            self.value_edit.setText(draft.voucher_value_text.removesuffix(".00"))
            self.uses_spin.setValue(draft.voucher_uses)
            if draft.voucher_valid_until is not None:
                self._set_date(self.valid_edit, draft.voucher_valid_until)

    def audience(self) -> AudienceFilter:
        return AudienceFilter(
            stages=tuple(v for v, box in self.stage_boxes.items() if box.isChecked()),
            risk_bands=tuple(v for v, box in self.risk_boxes.items() if box.isChecked()),
            value_tiers=tuple(v for v, box in self.value_boxes.items() if box.isChecked()),
            district=self.district_edit.text(),
            service_type=self.service_combo.currentData() or "",
            visited_within_days=self.visited_spin.value() or None,
            not_visited_days=self.lapsed_spin.value() or None,
            contract=self.contract_combo.currentData(),
        )

    def draft(self) -> CampaignDraft:
        """What is typed, as the service takes it."""
        voucher = self.voucher_box.isChecked()
        valid = self.valid_edit.date()
        return CampaignDraft(
            name=self.name_edit.text(),
            purpose=self.purpose_combo.currentData(),
            template=self.template_edit.toPlainText(),
            festival_key=self.festival_combo.currentData(),
            audience=self.audience(),
            voucher_kind=self.kind_combo.currentData() if voucher else None,
            voucher_value_text=self.value_edit.text() if voucher else "",
            voucher_uses=self.uses_spin.value(),
            voucher_valid_until=date(valid.year(), valid.month(), valid.day()) if voucher else None,
        )

    # -- reacting ---------------------------------------------------------------------------------

    def _on_template_edited(self) -> None:
        self._template_touched = True
        self.schedule_count()

    def _on_purpose_changed(self) -> None:
        purpose = CampaignPurpose(self.purpose_combo.currentData())
        if purpose is not CampaignPurpose.FESTIVAL:
            self._select(self.festival_combo, None)
        elif self.festival_combo.currentData() is None:
            self._select(self.festival_combo, self._next_festival())
        if not self._template_touched:
            self._set_default_template()
            self._template_touched = False
        self._suggest_name()
        self.schedule_count()

    def _on_voucher_toggled(self, on: bool) -> None:
        if not self._template_touched:
            self._set_default_template()
            self._template_touched = False

    def _set_default_template(self) -> None:
        purpose = CampaignPurpose(self.purpose_combo.currentData())
        text = DEFAULT_TEMPLATES[purpose]
        if self.voucher_box.isChecked():
            text += VOUCHER_SENTENCE
        self.template_edit.blockSignals(True)
        self.template_edit.setPlainText(text)
        self.template_edit.blockSignals(False)
        self.schedule_count()

    def schedule_count(self) -> None:
        self._count_timer.start()

    def update_count(self) -> None:
        """Work out who the filters reach, off the GUI thread; a change meanwhile asks again after."""
        if self._call is not None:
            self._again = True
            return
        try:
            flt = self.audience().validated()
        except ValidationError as exc:
            self.errors.show(exc)
            self.count_label.setText(tr("CampaignDialog", "筛选条件有误"))
            return
        self.count_label.setText(
            tr("CampaignDialog", "正在评估客户阶段和风险…")
            if flt.needs_assessment
            else tr("CampaignDialog", "正在计算…")
        )
        campaigns = self._services.campaigns

        def work(progress: Progress) -> list[int]:
            return campaigns.audience(flt, lambda done, total: progress(done, f"{done} / {total}"))

        self._call = call = BackgroundCall(self, work)
        call.progressed.connect(
            lambda _n, text: self.count_label.setText(
                tr("CampaignDialog", "正在评估：已看 {text} 位").format(text=text)
            )
        )
        call.succeeded.connect(self._on_counted)
        call.refused.connect(self._on_count_refused)

    def _finish_call(self) -> bool:
        self._call = None
        if self._again:
            self._again = False
            self.update_count()
            return False
        return True

    def _on_count_refused(self, error: DomainError) -> None:
        if self._finish_call():
            self.count_label.setText(str(error))

    def _on_counted(self, ids: object) -> None:
        if not self._finish_call():
            return
        assert isinstance(ids, list)
        self.customer_ids = ids
        self.count_label.setText(
            tr("CampaignDialog", "{n} 位客户（都已同意接收营销信息）").format(n=len(ids))
            if ids
            else tr("CampaignDialog", "没有符合条件、并且同意接收营销信息的客户")
        )
        self._update_budget(len(ids))
        self._update_preview(ids[0] if ids else None)

    def _update_budget(self, count: int) -> None:
        from ...domain.campaigns import budget_text
        from ...domain.money import parse_yuan

        if not self.voucher_box.isChecked():
            self.budget_label.setText("")
            return
        try:
            value = parse_yuan(self.value_edit.text())
        except ValueError:
            self.budget_label.setText(tr("CampaignDialog", "填好金额后显示预算"))
            return
        self.budget_label.setText(budget_text(count, value, self.uses_spin.value()))

    def _update_preview(self, customer_id: int | None) -> None:
        if customer_id is None:
            self.preview_label.setText(tr("CampaignDialog", "（没有客户可以预览）"))
            return
        try:
            text = self._services.campaigns.preview_message(self.draft(), customer_id)
        except DomainError as exc:
            text = str(exc)
        self.preview_label.setText(text)

    # -- saving -----------------------------------------------------------------------------------

    def save(self) -> None:
        draft = self.draft()
        campaigns = self._services.campaigns

        def act() -> None:
            if self._campaign_id is None:
                self.saved_id = campaigns.create(draft)
            else:
                campaigns.update(self._campaign_id, draft)
                self.saved_id = self._campaign_id

        if self.errors.attempt(self, act):
            self.accept()

    def done(self, result: int) -> None:
        self._count_timer.stop()
        super().done(result)
