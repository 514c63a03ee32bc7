"""Who is at the desk: chosen at start (remembered) and switchable from the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidgetItem, QWidget

from ...services import Services
from ..common.i18n import tr
from ..forms.ui_staff_picker_dialog import Ui_StaffPickerDialog


class StaffPickerDialog(QDialog):
    def __init__(
        self, services: Services, current_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_StaffPickerDialog()
        self.ui.setupUi(self)
        self.chosen_id: int | None = None
        self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(
            tr("StaffPickerDialog", "开始值班")
        )
        for member in services.staff.list():
            item = QListWidgetItem(member.label)
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.ui.staff_list.addItem(item)
            if member.id == current_id:
                self.ui.staff_list.setCurrentItem(item)
        if self.ui.staff_list.currentRow() < 0 and self.ui.staff_list.count():
            self.ui.staff_list.setCurrentRow(0)
        self.ui.staff_list.itemDoubleClicked.connect(lambda _i: self._on_accepted())
        self.ui.button_box.accepted.connect(self._on_accepted)
        self.ui.button_box.rejected.connect(self.reject)

    def _on_accepted(self) -> None:
        item = self.ui.staff_list.currentItem()
        if item is None:
            return
        self.chosen_id = int(item.data(Qt.ItemDataRole.UserRole))
        self.accept()


def pick_staff(parent: QWidget | None, services: Services, current_id: int | None) -> int | None:
    dialog = StaffPickerDialog(services, current_id, parent)
    return dialog.chosen_id if dialog.exec() == QDialog.DialogCode.Accepted else None
