"""设置 → 隐私: what personal data the program keeps and for how long, who agreed to what, the consent
wordings (edited by the owner), and the 个人信息处理告知书 to print for customers.

Everything shown is read when the tab is shown (``refresh``). ``add_section`` puts another box at
the end (the retention periods are set in a box of their own).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from html import escape
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.privacy import ConsentState, Purpose
from ...services import Services
from ...services.consents import Wording
from ...services.context import SYSTEM
from ..common import messages, theme
from ..common.background import BackgroundCall
from ..common.documents import DocumentJob, make_document
from ..common.i18n import tr
from .retention_box import RetentionBox
from .wording_dialog import WordingDialog

MUTED_STYLE = theme.MUTED_STYLE
KIND_COLUMNS = (
    str(QT_TRANSLATE_NOOP("PrivacyTab", "信息")),
    str(QT_TRANSLATE_NOOP("PrivacyTab", "包括")),
    str(QT_TRANSLATE_NOOP("PrivacyTab", "为什么保存")),
    str(QT_TRANSLATE_NOOP("PrivacyTab", "保存多久")),
)
COUNT_COLUMNS = (
    str(QT_TRANSLATE_NOOP("PrivacyTab", "用途")),
    str(QT_TRANSLATE_NOOP("PrivacyTab", "已同意")),
    str(QT_TRANSLATE_NOOP("PrivacyTab", "不同意/已撤回")),
    str(QT_TRANSLATE_NOOP("PrivacyTab", "未征求")),
)
COUNT_STATES = (ConsentState.GRANTED, ConsentState.WITHDRAWN, ConsentState.NOT_ASKED)


class FitTable(QTableWidget):
    """A read-only table exactly as tall as its rows: the tab scrolls, not the table.

    Wrapped text is measured again whenever the width changes.
    """

    def __init__(self, columns: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(columns), parent)
        self.setHorizontalHeaderLabels([tr("PrivacyTab", title) for title in columns])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.setStyleSheet("QTableWidget::item { padding: 3px 4px; }")

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, column, item)
        self._fit()

    def text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def _fit(self) -> None:
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(row) for row in range(self.rowCount()))
        self.setFixedHeight(self.horizontalHeader().height() + rows + 2 * self.frameWidth() + 2)


class WordingBox(QGroupBox):
    """One purpose: the wording in force and its version, 编辑…, and the older versions (read only)."""

    def __init__(self, purpose: Purpose, parent: QWidget | None = None) -> None:
        super().__init__(purpose.label, parent)
        self.purpose = purpose
        allows = QLabel(tr("PrivacyTab", "同意后我们可以：{allows}").format(allows=purpose.allows), self)
        allows.setWordWrap(True)
        allows.setStyleSheet(MUTED_STYLE)
        self.text_label = QLabel(self)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setStyleSheet(
            f"QLabel {{ background: {theme.READ_ONLY}; border: 1px solid {theme.BORDER}; padding: 6px; }}"
        )
        self.version_label = QLabel(self)
        self.version_label.setStyleSheet(MUTED_STYLE)
        self.edit_button = QPushButton(tr("PrivacyTab", "编辑条款…"), self)
        self.edit_button.setObjectName("edit_button")
        self.history_button = QPushButton(self)
        self.history_button.setObjectName("history_button")
        self.history_button.setCheckable(True)
        self.history_label = QLabel(self)
        self.history_label.setWordWrap(True)
        self.history_label.setTextFormat(Qt.TextFormat.RichText)
        self.history_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_label.setVisible(False)
        self.history_button.toggled.connect(self.history_label.setVisible)
        buttons = QHBoxLayout()
        buttons.addWidget(self.version_label, 1)
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(allows)
        layout.addWidget(self.text_label)
        layout.addLayout(buttons)
        layout.addWidget(self.history_label)

    def show_versions(self, versions: list[Wording], zone: tzinfo | None) -> None:
        """``versions`` newest first (the first is the one in force); times shown in ``zone``."""
        current, older = versions[0], versions[1:]
        self.text_label.setText(current.text)
        self.version_label.setText(_version_line(current, zone))
        self.history_button.setText(tr("PrivacyTab", "历史版本（{count}）").format(count=len(older)))
        self.history_button.setEnabled(bool(older))
        if not older:
            self.history_button.setChecked(False)
        self.history_label.setText(
            "".join(
                f"<p><b>{escape(_version_line(old, zone))}</b><br>{escape(old.text)}</p>" for old in older
            )
        )


def _version_line(wording: Wording, zone: tzinfo | None) -> str:
    if wording.version == 1 and wording.created_by_name in ("", SYSTEM):
        return tr("PrivacyTab", "第 1 版（程序自带）")
    return tr("PrivacyTab", "第 {version} 版 · {when} 由 {who} 保存").format(
        version=wording.version,
        when=f"{wording.created_at.astimezone(zone):%Y-%m-%d %H:%M}",
        who=wording.created_by_name or tr("PrivacyTab", "程序"),
    )


class PrivacyTab(QWidget):
    """The tab scrolls as a whole, so it reads at 1366×768. ``counted`` once the consent counts are shown."""

    counted = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._jobs: list[DocumentJob] = []
        self._counting: BackgroundCall | None = None
        self.dialog: WordingDialog | None = None
        inner = QWidget()
        self._layout = QVBoxLayout(inner)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        kept = QGroupBox(tr("PrivacyTab", "本程序保存的个人信息"), inner)
        kept_layout = QVBoxLayout(kept)
        explain = QLabel(
            tr(
                "PrivacyTab",
                "按《个人信息保护法》，客户有权知道我们保存了什么、为什么保存、保存多久。"
                "下面的保存期限按本程序现在的设置写出；客户要求查阅、复制或删除时，由店主在客户页面办理。",
            ),
            kept,
        )
        explain.setWordWrap(True)
        self.kinds_table = FitTable(KIND_COLUMNS, kept)
        header = self.kinds_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        notice_row = QHBoxLayout()
        notice_hint = QLabel(
            tr("PrivacyTab", "个人信息处理告知书：一页纸，写明以上内容和客户的权利，交给客户阅读并签字。"),
            kept,
        )
        notice_hint.setWordWrap(True)
        self.notice_button = QPushButton(tr("PrivacyTab", "打印告知书…"), kept)
        self.notice_button.setObjectName("notice_button")
        self.notice_button.clicked.connect(self.print_notice)
        notice_row.addWidget(notice_hint, 1)
        notice_row.addWidget(self.notice_button)
        kept_layout.addWidget(explain)
        kept_layout.addWidget(self.kinds_table)
        kept_layout.addLayout(notice_row)
        self._layout.addWidget(kept)

        # How long, and what has passed its time now: the owner's periods and the retention job.
        self.retention_box = RetentionBox(services, inner)
        self.retention_box.policy_saved.connect(self._read)
        self.retention_box.cleaned.connect(lambda _result: self._read())
        self._layout.addWidget(self.retention_box)

        counts = QGroupBox(tr("PrivacyTab", "客户的同意情况"), inner)
        counts_layout = QVBoxLayout(counts)
        self.counts_table = FitTable(COUNT_COLUMNS, counts)
        counts_header = self.counts_table.horizontalHeader()
        counts_header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.counts_label = QLabel(counts)
        self.counts_label.setWordWrap(True)
        self.counts_label.setStyleSheet(MUTED_STYLE)
        counts_layout.addWidget(self.counts_table)
        counts_layout.addWidget(self.counts_label)
        self._layout.addWidget(counts)

        wordings = QGroupBox(tr("PrivacyTab", "同意条款"), inner)
        wordings_layout = QVBoxLayout(wordings)
        wordings_hint = QLabel(
            tr(
                "PrivacyTab",
                "员工征求客户同意时念给客户听（或给客户看）的原话。修改需要店主密码，每次保存成为新的一版；"
                "已经记录的同意仍保留客户当时听到的那一版。",
            ),
            wordings,
        )
        wordings_hint.setWordWrap(True)
        wordings_layout.addWidget(wordings_hint)
        self.wording_boxes: dict[Purpose, WordingBox] = {}
        for purpose in Purpose:
            box = WordingBox(purpose, wordings)
            box.edit_button.clicked.connect(lambda _checked=False, p=purpose: self.edit_wording(p))
            wordings_layout.addWidget(box)
            self.wording_boxes[purpose] = box
        self._layout.addWidget(wordings)

        # Other boxes about personal data go here, at the end.
        self.sections_layout = QVBoxLayout()
        self._layout.addLayout(self.sections_layout)
        self._layout.addStretch(1)

    def add_section(self, widget: QWidget) -> None:
        """Add a box at the end of the tab (below the consent wordings)."""
        self.sections_layout.addWidget(widget)

    # -- reading ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read everything again: the periods may have changed, and customers' consents."""
        self.retention_box.refresh()
        self._read()

    def _read(self) -> None:
        try:
            kinds = self._services.personal_data.kinds()
            versions = {purpose: self._services.consents.wordings(purpose) for purpose in Purpose}
        except DomainError as exc:
            messages.show_error(self, str(exc))
            return
        self.kinds_table.set_rows([(k.name, k.what, k.why, k.kept) for k in kinds])
        for purpose, box in self.wording_boxes.items():
            if versions[purpose]:
                box.show_versions(versions[purpose], self._services.context.now().tzinfo)
        # The counts read every customer's latest consents (about 0.3 s at 100,000 customers): off
        # the GUI thread, the table says so meanwhile.
        self.counts_label.setText(tr("PrivacyTab", "正在统计…"))
        call = BackgroundCall(self, lambda _progress: self._services.consents.counts())
        self._counting = call  # the newest count wins: an older one still running is not shown
        call.succeeded.connect(lambda result: self._show_counts(result) if self._counting is call else None)
        call.refused.connect(lambda error: self.counts_label.setText(str(error)))

    def _show_counts(self, result: object) -> None:
        counts = cast(dict[Purpose, dict[ConsentState, int]], result)
        self.counts_table.set_rows(
            [
                (
                    purpose.label,
                    *(tr("PrivacyTab", "{n} 位").format(n=counts[purpose][s]) for s in COUNT_STATES),
                )
                for purpose in Purpose
            ]
        )
        total = sum(counts[Purpose.MARKETING].values()) if counts else 0
        self.counts_label.setText(
            tr(
                "PrivacyTab",
                "共 {total} 位客户（不含已删除个人信息的客户）。“不同意/已撤回”的用途，程序不再那样使用他们的信息；"
                "“未征求”的客户，下次联系时请征求同意。",
            ).format(total=total)
        )
        self.counted.emit()

    # -- doing --------------------------------------------------------------------------------------

    def edit_wording(self, purpose: Purpose) -> WordingDialog | None:
        """Open the editor for one purpose's wording (window-modal); the tab reloads after 保存."""
        try:
            dialog = WordingDialog(self._services, purpose, self)
        except DomainError as exc:
            messages.show_error(self, str(exc))
            return None
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(self.refresh)
        self.dialog = dialog
        dialog.open()
        return dialog

    def print_notice(self) -> DocumentJob:
        """Make the 个人信息处理告知书 off the GUI thread, then offer to open or print it."""
        documents = self._services.documents
        job = make_document(
            self,
            tr("PrivacyTab", "正在生成个人信息处理告知书…"),
            lambda _progress: documents.privacy_notice(),
            printed=documents.printed,
        )
        self._jobs.append(job)
        job.done.connect(lambda _path: self._jobs.remove(job) if job in self._jobs else None)
        job.failed.connect(lambda _text: self._jobs.remove(job) if job in self._jobs else None)
        return job
