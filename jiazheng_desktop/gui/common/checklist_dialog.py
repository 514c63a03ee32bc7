"""Print a 家居安全隐患自查清单: pick the season, for this customer or blank to hand out."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from ...domain.safety_checklists import Season
from ...services import Services
from .documents import DocumentJob, make_document
from .i18n import tr


class ChecklistDialog(QDialog):
    """``customer_id`` fills in the name and date (unticked: a blank form); ``category`` suggests the season."""

    def __init__(
        self,
        services: Services,
        customer_id: int | None = None,
        category: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._customer_id = customer_id
        self.job: DocumentJob | None = None
        self.setWindowTitle(tr("ChecklistDialog", "打印家居安全隐患自查清单"))
        self.season_combo = QComboBox(self)
        for season in Season:
            self.season_combo.addItem(tr("ChecklistDialog", season.label), season.value)
        suggested = services.documents.suggested_season(category)
        self.season_combo.setCurrentIndex(self.season_combo.findData(suggested.value))
        form = QFormLayout(self)
        form.addRow(tr("ChecklistDialog", "季节(&S)"), self.season_combo)
        self.for_customer_check = QCheckBox(tr("ChecklistDialog", "写上客户的称呼和今天的日期"), self)
        if customer_id is not None:
            label = services.customers.get(customer_id).address_as
            self.for_customer_check.setText(
                tr("ChecklistDialog", "写上“{name}”和今天的日期").format(name=label)
            )
            self.for_customer_check.setChecked(True)
            form.addRow("", self.for_customer_check)
        else:
            form.addRow("", QLabel(tr("ChecklistDialog", "不写客户姓名：用于发放的空白清单"), self))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("ChecklistDialog", "生成(&G)"))
        buttons.accepted.connect(self.generate)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @property
    def season(self) -> Season:
        return Season(self.season_combo.currentData())

    def generate(self) -> DocumentJob:
        """Make the checklist off the GUI thread (then offered to open or print) and close."""
        season = self.season
        customer = self._customer_id if self.for_customer_check.isChecked() else None
        documents = self._services.documents
        parent = self.parentWidget() or self
        self.job = make_document(
            parent,
            tr("ChecklistDialog", "正在生成安全自查清单…"),
            lambda _progress: documents.safety_checklist(season, customer),
            printed=documents.printed,
        )
        self.accept()
        return self.job
