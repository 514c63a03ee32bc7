"""First start on a new, empty database: the agency's details and the owner's account."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ...services import Services
from ...services.settings import AgencyInfo
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..forms.ui_setup_dialog import Ui_SetupDialog


class SetupDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SetupDialog()
        self.ui.setupUi(self)
        self._services = services
        self.owner_id: int | None = None
        ui = self.ui
        ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(tr("SetupDialog", "开始使用"))
        ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("SetupDialog", "退出"))
        self.errors = FieldErrors(
            {
                "name": (ui.name_error, ui.agency_name_edit),
                "address": (ui.address_error, ui.agency_address_edit),
                "phone": (ui.phone_error, ui.agency_phone_edit),
                "owner_name": (ui.owner_name_error, ui.owner_name_edit),
                "password": (ui.password_error, ui.password_edit),
                "password_again": (ui.password_again_error, ui.password_again_edit),
            }
        )
        ui.button_box.accepted.connect(self._on_accepted)
        ui.button_box.rejected.connect(self.reject)

    def _on_accepted(self) -> None:
        ui = self.ui
        agency = AgencyInfo(
            ui.agency_name_edit.text(), ui.agency_address_edit.text(), ui.agency_phone_edit.text()
        )

        def save() -> None:
            self.owner_id = self._services.onboarding.set_up(
                agency, ui.owner_name_edit.text(), ui.password_edit.text(), ui.password_again_edit.text()
            )

        if self.errors.attempt(self, save):
            self.accept()
