"""Create or edit a customer, with the consents they give. Nothing typed is lost: errors appear next to their fields."""

from __future__ import annotations

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from ...domain.customers import (
    ContactChannel,
    CustomerDraft,
    CustomerType,
    VipTier,
    clean_honorific,
    form_of_address,
    honorific_problem,
)
from ...domain.errors import DomainError
from ...domain.privacy import ConsentState, Purpose
from ...services import Services
from ..common.customer_picker import pick_customer
from ..common.field_errors import FieldErrors
from ..common.honorific_combo import chosen_honorific, fill_honorifics, show_honorific
from ..common.i18n import tr
from ..forms.ui_customer_dialog import Ui_CustomerDialog
from .consent_answers import ConsentAnswers

DISTRICTS = (
    "浦东新区", "黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区",
    "闵行区", "宝山区", "嘉定区", "松江区", "青浦区", "奉贤区", "金山区", "崇明区",
)  # fmt: skip


class CustomerDialog(QDialog):
    """``customer_id`` None creates a new customer; after Save, ``customer_id`` holds the id.

    The 客户同意 part shows each purpose's state; the answers chosen there are saved with the
    customer. Household notes the customer withdrew consent for are not shown (nor erased).
    A save refused because someone saved the customer after the dialog opened (``ConflictError``)
    is shown like any other refusal: the dialog stays open with everything typed.
    """

    customer_saved = Signal(int)

    def __init__(
        self, services: Services, customer_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_CustomerDialog()
        self.ui.setupUi(self)
        self._services = services
        self.customer_id = customer_id
        self._referrer_id: int | None = None
        ui = self.ui
        self._stored_notes = ""
        self._notes_hidden = False
        self._row_version: int | None = None
        """The customer's version as read when the dialog opened: a save over someone else's is refused."""
        if customer_id is not None:
            view = services.customers.get(customer_id)  # first: the draft below is read after it
            self._stored_notes, self._notes_hidden = view.household_notes, view.household_notes_hidden
            self._row_version = view.row_version
        self.consents = ConsentAnswers(services, customer_id, ui.consent_group)
        ui.consent_layout.addWidget(self.consents)
        fill_honorifics(ui.honorific_combo)  # staff may type a form of address of their own
        ui.district_combo.addItem("")
        ui.district_combo.addItems(DISTRICTS)
        for kind in CustomerType:
            ui.type_combo.addItem(kind.label, kind.value)
        for channel in ContactChannel:
            ui.channel_combo.addItem(channel.label, channel.value)
        tier_rule = services.points.tier_rule()
        for tier in VipTier:
            ui.vip_combo.addItem(tier_rule.name(tier), tier.value)
        self._add_tier_row()
        ui.button_box.button(QDialogButtonBox.StandardButton.Save).setText(tr("CustomerDialog", "保存(&S)"))
        ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("CustomerDialog", "取消"))
        self.errors = FieldErrors(
            {
                "name": (ui.name_error, ui.name_edit),
                "honorific": (ui.honorific_error, ui.honorific_combo),
                "phone": (ui.phone_error, ui.phone_edit),
                "phone2": (ui.phone2_error, ui.phone2_edit),
                "address": (ui.address_error, ui.address_edit),
                "contact_window": (ui.contact_window_error, ui.contact_start_edit),
                "household_notes": (ui.household_notes_error, ui.notes_edit),
                "referrer": (ui.referrer_error, ui.referrer_pick_button),
                **{
                    key: (self.consents.error_label, self.consents.answer_combos[Purpose.HOUSEHOLD_NOTES])
                    for key in ("channel", "note", "wording", "purpose")
                },
            }
        )
        ui.name_edit.textChanged.connect(self._update_address_as)
        ui.honorific_combo.currentTextChanged.connect(self._update_address_as)
        ui.referrer_pick_button.clicked.connect(self._on_referrer_pick_button_clicked)
        ui.referrer_clear_button.clicked.connect(lambda: self._set_referrer(None))
        ui.notes_edit.textChanged.connect(self._update_notes_hint)
        self.consents.answers_changed.connect(self._update_notes_hint)
        ui.button_box.accepted.connect(self._on_save)
        ui.button_box.rejected.connect(self.reject)
        if customer_id is None:
            self.setWindowTitle(tr("CustomerDialog", "新建客户"))
            self.set_draft(CustomerDraft())
        else:
            self.setWindowTitle(tr("CustomerDialog", "编辑客户资料"))
            self.set_draft(services.customers.draft_for(customer_id))
        self._update_notes_hint()
        ui.name_edit.setFocus()

    # -- the tier: derived, or the owner's ----------------------------------------------------------

    def _add_tier_row(self) -> None:
        """The tier is shown, never typed: why it is what it is, and the owner's 设定… beside it."""
        ui = self.ui
        ui.vip_combo.setEnabled(False)
        ui.vip_combo.setToolTip(
            tr("CustomerDialog", "会员等级按近 12 个月的消费自动评定；店主可以点“店主设定…”另行设定")
        )
        row = QWidget(ui.scroll_contents)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tier_reason_label = QLabel(row)
        self.tier_reason_label.setObjectName("tier_reason_label")
        self.tier_reason_label.setWordWrap(True)
        self.tier_override_button = QPushButton(tr("CustomerDialog", "店主设定…"), row)
        self.tier_override_button.setObjectName("tier_override_button")
        self.tier_override_button.setEnabled(self.customer_id is not None)
        self.tier_override_button.clicked.connect(self._on_tier_override_button_clicked)
        layout.addWidget(self.tier_reason_label, 1)
        layout.addWidget(self.tier_override_button)
        form = ui.form_layout
        field = QFormLayout.ItemRole.FieldRole
        rows = [
            r
            for r in range(form.rowCount())
            if (item := form.itemAt(r, field)) and item.widget() is ui.vip_combo
        ]
        form.insertRow(rows[0] + 1 if rows else -1, "", row)
        self._show_tier()

    def _show_tier(self) -> None:
        if self.customer_id is None:
            self.tier_reason_label.setText(tr("CustomerDialog", "按近 12 个月的消费自动评定"))
            return
        try:
            view = self._services.points.tier_view(self.customer_id)
        except DomainError:
            return
        self.ui.vip_combo.setCurrentIndex(max(0, self.ui.vip_combo.findData(view.tier.value)))
        if view.override is not None:
            text = tr("CustomerDialog", "店主设定：{reason}（按规则为{derived}）").format(
                reason=view.override_reason, derived=self._services.points.tier_rule().name(view.derived)
            )
        else:
            text = tr("CustomerDialog", "按规则：{reason}；{next}").format(
                reason=view.reason, next=view.next_text
            )
        self.tier_reason_label.setText(text)

    def _on_tier_override_button_clicked(self) -> None:
        from .points_dialogs import TierOverrideDialog

        if self.customer_id is None:
            return
        dialog = TierOverrideDialog(self._services, self.customer_id, self)
        self.tier_dialog = dialog
        """The owner's dialog opened last (tests reach it here)."""
        dialog.accepted.connect(self._show_tier)
        dialog.open()

    # -- the form and the draft --------------------------------------------------------------------

    def set_draft(self, draft: CustomerDraft) -> None:
        ui = self.ui
        ui.name_edit.setText(draft.name)
        self.set_honorific(draft.honorific)
        ui.phone_edit.setText(draft.phone)
        ui.phone2_edit.setText(draft.phone2)
        ui.district_combo.setCurrentText(draft.district)
        ui.address_edit.setText(draft.address)
        ui.type_combo.setCurrentIndex(max(0, ui.type_combo.findData(draft.customer_type)))
        ui.channel_combo.setCurrentIndex(max(0, ui.channel_combo.findData(draft.contact_channel)))
        ui.contact_start_edit.setTime(QTime(draft.contact_start.hour, draft.contact_start.minute))
        ui.contact_end_edit.setTime(QTime(draft.contact_end.hour, draft.contact_end.minute))
        ui.notes_edit.setPlainText(draft.household_notes)
        ui.vip_combo.setCurrentIndex(max(0, ui.vip_combo.findData(draft.vip_tier)))
        self._set_referrer(draft.referrer_id)
        self._update_address_as()

    def draft(self) -> CustomerDraft:
        """What is in the form now, exactly as typed."""
        ui = self.ui
        return CustomerDraft(
            name=ui.name_edit.text(),
            honorific=self.honorific(),
            phone=ui.phone_edit.text(),
            phone2=ui.phone2_edit.text(),
            district=ui.district_combo.currentText(),
            address=ui.address_edit.text(),
            customer_type=ui.type_combo.currentData(),
            contact_channel=ui.channel_combo.currentData(),
            contact_start=ui.contact_start_edit.time().toPython(),  # type: ignore[arg-type]
            contact_end=ui.contact_end_edit.time().toPython(),  # type: ignore[arg-type]
            household_notes=ui.notes_edit.toPlainText(),
            referrer_id=self._referrer_id,
            vip_tier=ui.vip_combo.currentData(),
        )

    def honorific(self) -> str:
        """The form of address chosen or typed (``chosen_honorific``)."""
        return chosen_honorific(self.ui.honorific_combo)

    def set_honorific(self, honorific: str) -> None:
        show_honorific(self.ui.honorific_combo, honorific)

    def _update_notes_hint(self) -> None:
        """Say under the notes what the 家庭备注 consent means for them (before Save refuses them)."""
        notes = self.ui.notes_edit.toPlainText().strip()
        after = self.consents.state_after(Purpose.HOUSEHOLD_NOTES)
        text = ""
        if self._notes_hidden and not notes:
            text = (
                tr(
                    "CustomerDialog",
                    "客户已撤回家庭备注的同意，原有备注不显示。客户重新同意后，原有备注会重新显示。",
                )
                if after != ConsentState.GRANTED
                else tr("CustomerDialog", "保存后，原有的家庭备注会重新显示。")
            )
        elif not notes or after == ConsentState.GRANTED:
            text = ""
        elif notes == self._stored_notes and after == ConsentState.NOT_ASKED:
            text = tr(
                "CustomerDialog",
                "尚未记录客户同意：这些备注是以前记下的，照样保留；要修改，请先在下方记录客户同意保存家庭备注。",
            )
        elif notes == self._stored_notes:
            text = tr("CustomerDialog", "客户不同意保存家庭备注：保存后这些备注不再显示、不再打印。")
        else:
            text = tr("CustomerDialog", "记下家庭备注要先征得客户同意：请在下方记录客户同意保存家庭备注。")
        self.ui.notes_consent_label.setText(text)
        self.ui.notes_consent_label.setVisible(bool(text))

    def _update_address_as(self) -> None:
        name = self.ui.name_edit.text().strip()
        honorific = clean_honorific(self.honorific())
        shown = form_of_address(name, "" if honorific_problem(honorific, name) else honorific)
        self.ui.address_as_label.setText(
            tr("CustomerDialog", "称呼为：{address_as}").format(address_as=shown) if name else ""
        )

    def _set_referrer(self, customer_id: int | None) -> None:
        self._referrer_id = customer_id
        if customer_id is None:
            self.ui.referrer_edit.clear()
            return
        try:
            self.ui.referrer_edit.setText(self._services.customers.label(customer_id))
        except DomainError:
            self._referrer_id = None
            self.ui.referrer_edit.clear()

    def _on_referrer_pick_button_clicked(self) -> None:
        chosen = pick_customer(
            self, self._services, exclude=self.customer_id, title=tr("CustomerDialog", "选择推荐人")
        )
        if chosen is not None:
            self._set_referrer(chosen)

    # -- saving ----------------------------------------------------------------------------------

    def _on_save(self) -> None:
        draft = self.draft()
        decisions = self.consents.decisions()

        def save() -> None:
            if self.customer_id is None:
                self.customer_id = self._services.customers.create(draft, decisions)
            else:
                self._services.customers.update(
                    self.customer_id, draft, decisions, expected_version=self._row_version
                )

        if self.errors.attempt(self, save) and self.customer_id is not None:
            self.customer_saved.emit(self.customer_id)
            self.accept()
