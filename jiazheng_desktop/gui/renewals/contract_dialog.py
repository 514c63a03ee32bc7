"""Sign a contract (新建合同) for a customer, or renew one (续约) with the old terms filled in."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ...domain.contracts import PACKAGES, ContractDraft
from ...domain.money import format_fen
from ...services import Services
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..forms.ui_contract_dialog import Ui_ContractDialog


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _yuan_text(fen: int) -> str:
    """Fen as the yuan text the price field takes back: 360000 → ``3600``, 360050 → ``3600.50``."""
    yuan, cents = divmod(fen, 100)
    return f"{yuan}.{cents:02d}" if cents else str(yuan)


class ContractDialog(QDialog):
    """A new contract for ``customer_id``; with ``renew_from`` the renewal of that contract.

    A new contract starts today (the injected clock) and runs a month. A renewal keeps the old
    package and price, starts the day after the old end and runs as long as the old one did.
    After Save, ``contract_id`` holds the new contract and ``contract_saved`` has been emitted.
    Raises ``DomainError`` when the customer or the old contract no longer exists.
    """

    contract_saved = Signal(int)

    def __init__(
        self,
        services: Services,
        customer_id: int,
        renew_from: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ContractDialog()
        self.ui.setupUi(self)
        self._services = services
        self.customer_id = customer_id
        self.renew_from = renew_from
        self.contract_id: int | None = None
        self._renew_version: int | None = None
        """The old contract's version as read here: a renewal over someone else's change is refused."""
        ui = self.ui
        customer = services.customers.get(customer_id)
        ui.customer_label.setText(
            tr("ContractDialog", "客户：{address_as}（{name}）").format(
                address_as=customer.address_as, name=customer.name
            )
        )
        for package in PACKAGES:
            ui.package_combo.addItem(package, package)
        for edit in (ui.start_date_edit, ui.end_date_edit):
            edit.setCalendarPopup(True)

        if renew_from is None:
            self.setWindowTitle(tr("ContractDialog", "新建合同"))
            start = services.context.now().date()
            ui.start_date_edit.setDate(to_qdate(start))
            ui.end_date_edit.setDate(to_qdate(start).addMonths(1))
        else:
            old = services.contracts.get(renew_from)
            self._renew_version = old.row_version
            self.setWindowTitle(tr("ContractDialog", "续约"))
            ui.package_combo.setCurrentIndex(max(0, ui.package_combo.findData(old.package)))
            start = old.end_on + timedelta(days=1)
            ui.start_date_edit.setDate(to_qdate(start))
            ui.end_date_edit.setDate(to_qdate(start + (old.end_on - old.start_on)))
            ui.price_edit.setText(_yuan_text(old.price_fen))
            ui.renew_label.setText(
                tr("ContractDialog", "续约原合同：{package} {price}（{start} 至 {end}）").format(
                    package=old.package,
                    price=format_fen(old.price_fen),
                    start=f"{old.start_on:%Y-%m-%d}",
                    end=f"{old.end_on:%Y-%m-%d}",
                )
            )
            ui.renew_label.setVisible(True)

        ui.button_box.button(QDialogButtonBox.StandardButton.Save).setText(
            tr("ContractDialog", "续约(&S)") if renew_from is not None else tr("ContractDialog", "保存(&S)")
        )
        ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("ContractDialog", "取消"))
        self.errors = FieldErrors(
            {
                "package": (ui.package_error, ui.package_combo),
                "start_on": (ui.start_on_error, ui.start_date_edit),
                "end_on": (ui.end_on_error, ui.end_date_edit),
                "price": (ui.price_error, ui.price_edit),
                "notes": (ui.notes_error, ui.notes_edit),
            },
            fallback=ui.form_error,
        )
        ui.button_box.accepted.connect(self._on_save_button_clicked)
        ui.button_box.rejected.connect(self.reject)
        ui.price_edit.setFocus()

    def draft(self) -> ContractDraft:
        """What is in the form now, exactly as typed."""
        ui = self.ui
        return ContractDraft(
            customer_id=self.customer_id,
            package=ui.package_combo.currentData() or "",
            start_on=from_qdate(ui.start_date_edit.date()),
            end_on=from_qdate(ui.end_date_edit.date()),
            price_text=ui.price_edit.text(),
            notes=ui.notes_edit.toPlainText(),
        )

    def _on_save_button_clicked(self) -> None:
        draft = self.draft()
        contracts = self._services.contracts

        def save() -> None:
            if self.renew_from is None:
                self.contract_id = contracts.create(draft)
            else:
                self.contract_id = contracts.renew(self.renew_from, draft, self._renew_version)

        if self.errors.attempt(self, save) and self.contract_id is not None:
            self.contract_saved.emit(self.contract_id)
            self.accept()
