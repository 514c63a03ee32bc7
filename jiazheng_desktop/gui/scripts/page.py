"""The script library (话术模板): find a template, edit it with its placeholders, see it filled in."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHeaderView, QListWidgetItem, QTableWidgetItem, QWidget

from ...domain.errors import DomainError
from ...domain.templates import PLACEHOLDERS, Channel, Scenario, missing_values, render
from ...services import Services
from ...services.changes import ChangeKind
from ...services.scripts import TemplateDraft, TemplateRow
from ..common import messages, theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.section import SectionPage
from ..forms.ui_scripts_page import Ui_ScriptsPage
from .samples import sample_values

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SPLITTER_KEY = "scripts_page/splitter"
COLUMNS = (
    str(QT_TRANSLATE_NOOP("ScriptsPage", "标题")),
    str(QT_TRANSLATE_NOOP("ScriptsPage", "场景")),
    str(QT_TRANSLATE_NOOP("ScriptsPage", "渠道")),
)


class ScriptsPage(SectionPage):
    """The template list on the left, the editor with placeholders and a live preview on the right."""

    watches = frozenset({ChangeKind.SCRIPT})

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ScriptsPage()
        self.ui.setupUi(self)
        self._services = services
        self._current_id: int | None = None
        self._saved_title = ""
        self._baseline = TemplateDraft("", "", "", "")
        self._samples = sample_values(services)
        self._loaded = False
        ui = self.ui

        ui.scenario_filter_combo.addItem(tr("ScriptsPage", "全部场景"), "")
        ui.channel_filter_combo.addItem(tr("ScriptsPage", "全部渠道"), "")
        for scenario in Scenario:
            ui.scenario_filter_combo.addItem(scenario.label, scenario.value)
            ui.scenario_combo.addItem(scenario.label, scenario.value)
        for channel in Channel:
            ui.channel_filter_combo.addItem(channel.label, channel.value)
            ui.channel_combo.addItem(channel.label, channel.value)
        for name, description in PLACEHOLDERS.items():
            item = QListWidgetItem(
                tr("ScriptsPage", "{placeholder}  {description}").format(
                    placeholder="{" + name + "}", description=description
                )
            )
            item.setData(ID_ROLE, name)
            item.setToolTip(description)
            ui.placeholder_list.addItem(item)
        ui.placeholder_list.setCurrentRow(0)

        table = ui.template_table
        table.setColumnCount(len(COLUMNS))
        table.setHorizontalHeaderLabels([tr("ScriptsPage", title) for title in COLUMNS])
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.errors = FieldErrors(
            {
                "scenario": (ui.scenario_error, ui.scenario_combo),
                "channel": (ui.channel_error, ui.channel_combo),
                "title": (ui.title_error, ui.title_edit),
                "body": (ui.body_error, ui.body_edit),
            },
            fallback=ui.form_error,
        )

        ui.scenario_filter_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        ui.channel_filter_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        ui.filter_edit.textChanged.connect(lambda _t: self.refresh())
        table.itemSelectionChanged.connect(self._on_template_table_selection_changed)
        ui.new_button.clicked.connect(self.create_new)
        ui.save_button.clicked.connect(self._on_save_button_clicked)
        ui.delete_button.clicked.connect(self._on_delete_button_clicked)
        theme.set_role(ui.new_button, theme.PRIMARY)
        theme.set_role(ui.delete_button, theme.DANGER)
        ui.insert_button.clicked.connect(self._on_insert_button_clicked)
        # activated covers Enter and the double-click.
        ui.placeholder_list.itemActivated.connect(lambda item: self.insert_placeholder(item.data(ID_ROLE)))
        ui.title_edit.textChanged.connect(self._on_form_changed)
        ui.body_edit.textChanged.connect(self._on_form_changed)
        ui.scenario_combo.currentIndexChanged.connect(self._on_form_changed)
        ui.channel_combo.currentIndexChanged.connect(self._on_form_changed)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Save),
            self,
            self._on_save_button_clicked,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

        ui.splitter.setStretchFactor(0, 2)
        ui.splitter.setStretchFactor(1, 3)
        if not self.restore_state(settings):
            ui.splitter.setSizes([420, 680])
        self._show_blank()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    # -- remembered layout ----------------------------------------------------------------------------

    def restore_state(self, settings: QSettings) -> bool:
        state = settings.value(SPLITTER_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            return self.ui.splitter.restoreState(state)
        return False

    def save_state(self, settings: QSettings) -> None:
        """Remember where the list ends and the editor begins."""
        settings.setValue(SPLITTER_KEY, self.ui.splitter.saveState())

    # -- the list --------------------------------------------------------------------------------------

    @property
    def current_template_id(self) -> int | None:
        """The template in the editor (None: a new one, not saved yet)."""
        return self._current_id

    def refresh(self) -> None:
        """Reload the list with the filters as set; the editor keeps what is typed in it."""
        first_load = not self._loaded
        self._loaded = True
        self._samples = sample_values(self._services)
        ui = self.ui
        rows = self._services.scripts.list(
            ui.scenario_filter_combo.currentData() or None, ui.channel_filter_combo.currentData() or None
        )
        needle = ui.filter_edit.text().strip().lower()
        if needle:
            rows = [r for r in rows if needle in r.title.lower() or needle in r.body.lower()]
        table = ui.template_table
        table.blockSignals(True)
        table.setRowCount(0)
        for row in rows:
            self._append(row)
        table.blockSignals(False)
        ui.count_label.setText(tr("ScriptsPage", "共 {count} 条").format(count=len(rows)))
        self._select_row_of(self._current_id)
        if first_load and self._current_id is None and rows and not self.is_dirty():
            self.load_template(rows[0].id)
        else:
            self._update_preview()

    def _append(self, row: TemplateRow) -> None:
        table = self.ui.template_table
        index = table.rowCount()
        table.insertRow(index)
        for column, text in enumerate((row.title, row.scenario.label, row.channel.label)):
            item = QTableWidgetItem(text)
            item.setData(ID_ROLE, row.id)
            item.setToolTip(row.body if len(row.body) <= 300 else row.body[:300] + "…")
            table.setItem(index, column, item)

    def _selected_id(self) -> int | None:
        items = self.ui.template_table.selectedItems()
        return int(items[0].data(ID_ROLE)) if items else None

    def _select_row_of(self, template_id: int | None) -> bool:
        """Select ``template_id`` in the list without going through the unsaved-changes guard."""
        table = self.ui.template_table
        table.blockSignals(True)
        try:
            for row in range(table.rowCount()):
                item = table.item(row, 0)
                if template_id is not None and item is not None and item.data(ID_ROLE) == template_id:
                    table.selectRow(row)
                    table.scrollToItem(item)
                    return True
            table.clearSelection()
            return False
        finally:
            table.blockSignals(False)

    def _on_template_table_selection_changed(self) -> None:
        chosen = self._selected_id()
        if chosen is None or chosen == self._current_id:
            return
        if not self.confirm_discard():
            self._select_row_of(self._current_id)
            return
        self.load_template(chosen)

    # -- the editor ------------------------------------------------------------------------------------

    def draft(self) -> TemplateDraft:
        """What is in the editor now, exactly as typed."""
        ui = self.ui
        return TemplateDraft(
            scenario=ui.scenario_combo.currentData() or "",
            channel=ui.channel_combo.currentData() or "",
            title=ui.title_edit.text(),
            body=ui.body_edit.toPlainText(),
        )

    def _set_draft(self, draft: TemplateDraft) -> None:
        ui = self.ui
        for widget in (ui.scenario_combo, ui.channel_combo, ui.title_edit, ui.body_edit):
            widget.blockSignals(True)
        ui.scenario_combo.setCurrentIndex(max(0, ui.scenario_combo.findData(draft.scenario)))
        ui.channel_combo.setCurrentIndex(max(0, ui.channel_combo.findData(draft.channel)))
        ui.title_edit.setText(draft.title)
        ui.body_edit.setPlainText(draft.body)
        for widget in (ui.scenario_combo, ui.channel_combo, ui.title_edit, ui.body_edit):
            widget.blockSignals(False)
        self._baseline = self.draft()
        self.errors.clear()
        self._on_form_changed()

    def is_dirty(self) -> bool:
        """True when the editor holds changes that are not saved."""
        return self.draft() != self._baseline

    def confirm_discard(self) -> bool:
        """Ask before unsaved changes are thrown away; True when there are none or the user agrees."""
        if not self.is_dirty():
            return True
        title = self.ui.title_edit.text().strip() or self._saved_title
        text = (
            tr("ScriptsPage", "话术“{title}”有未保存的修改。放弃这些修改吗？").format(title=title)
            if title
            else tr("ScriptsPage", "新写的话术还没有保存。放弃它吗？")
        )
        return messages.confirm(self, text, yes=tr("ScriptsPage", "放弃修改"))

    def load_template(self, template_id: int) -> bool:
        """Put a template in the editor (no unsaved-changes check: callers ask first)."""
        try:
            row = self._services.scripts.get(template_id)
        except DomainError as exc:  # deleted meanwhile
            messages.show_error(self, str(exc))
            self._current_id = None
            self.refresh()
            return False
        self._current_id = row.id
        self._saved_title = row.title
        self._set_draft(TemplateDraft(row.scenario.value, row.channel.value, row.title, row.body))
        self._select_row_of(row.id)
        return True

    def _show_blank(self) -> None:
        ui = self.ui
        self._current_id = None
        self._saved_title = ""
        scenario = ui.scenario_filter_combo.currentData() or Scenario.FIRST_INQUIRY.value
        channel = ui.channel_filter_combo.currentData() or Channel.PHONE.value
        self._set_draft(TemplateDraft(scenario, channel, "", ""))
        self._select_row_of(None)

    def create_new(self) -> bool:
        """Ctrl+N on this page: an empty template (scenario and channel from the filters)."""
        if not self.confirm_discard():
            return True
        self._show_blank()
        self.ui.title_edit.setFocus()
        return True

    def show_item(self, item_id: int, intent: str = "") -> bool:
        return self.confirm_discard() and self.load_template(item_id)

    def show_topic(self, topic: str) -> bool:
        """List the templates of the scenario ``topic``; the editor keeps what is typed in it."""
        combo = self.ui.scenario_filter_combo
        index = combo.findData(topic)
        if index < 0:
            return False
        if combo.currentIndex() != index:
            combo.setCurrentIndex(index)  # reloads the list
        return True

    def _on_form_changed(self, *_args: object) -> None:
        ui = self.ui
        dirty = self.is_dirty()
        if self._current_id is None:
            ui.editor_title_label.setText(tr("ScriptsPage", "新话术（未保存）"))
        else:
            ui.editor_title_label.setText(tr("ScriptsPage", "编辑：{title}").format(title=self._saved_title))
        ui.state_label.setText(tr("ScriptsPage", "有未保存的修改") if dirty else "")
        ui.delete_button.setEnabled(self._current_id is not None)
        self._update_preview()

    def _update_preview(self) -> None:
        ui = self.ui
        body = ui.body_edit.toPlainText()
        ui.preview_edit.setPlainText(render(body, self._samples))
        missing = missing_values(body, self._samples)
        if missing:
            ui.preview_hint_label.setText(
                tr("ScriptsPage", "【待补：…】是用的时候缺少的内容：{names}").format(
                    names=tr("ScriptsPage", "、").join(missing)
                )
            )
        else:
            ui.preview_hint_label.setText(tr("ScriptsPage", "这里用示例数据显示；使用时换成客户的真实信息。"))

    def insert_placeholder(self, name: str) -> None:
        """Put ``{name}`` into the body at the cursor (replacing a selection)."""
        self.ui.body_edit.insertPlainText("{" + name + "}")
        self.ui.body_edit.setFocus()

    def _on_insert_button_clicked(self) -> None:
        item = self.ui.placeholder_list.currentItem()
        if item is not None:
            self.insert_placeholder(item.data(ID_ROLE))

    # -- saving and deleting -----------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the editor's template; errors show next to their fields and the text stays."""
        draft = self.draft()
        saved: list[int] = []

        def save() -> None:
            saved.append(self._services.scripts.save(self._current_id, draft))

        if not self.errors.attempt(self, save):
            return False
        template_id = saved[0]
        self._current_id = template_id
        self._saved_title = draft.title.strip()
        self._baseline = draft
        self.refresh()
        if not self._select_row_of(template_id):  # hidden by the filters: show it rather than hide it
            ui = self.ui
            for widget in (ui.scenario_filter_combo, ui.channel_filter_combo, ui.filter_edit):
                widget.blockSignals(True)
            ui.scenario_filter_combo.setCurrentIndex(0)
            ui.channel_filter_combo.setCurrentIndex(0)
            ui.filter_edit.clear()
            for widget in (ui.scenario_filter_combo, ui.channel_filter_combo, ui.filter_edit):
                widget.blockSignals(False)
            self.refresh()
        self._on_form_changed()
        self.ui.state_label.setText(tr("ScriptsPage", "已保存"))
        return True

    def _on_save_button_clicked(self) -> None:
        self.save()

    def _on_delete_button_clicked(self) -> None:
        template_id = self._current_id
        if template_id is None:
            return
        if not messages.confirm(
            self,
            tr("ScriptsPage", "删除话术“{title}”吗？删除后不能恢复。").format(title=self._saved_title),
            yes=tr("ScriptsPage", "删除"),
        ):
            return
        try:
            self._services.scripts.delete(template_id)
        except DomainError as exc:
            messages.show_error(self, str(exc))
            return
        self._baseline = self.draft()  # nothing left to guard
        self._show_blank()
        self.refresh()
        table = self.ui.template_table
        if table.rowCount():
            first = table.item(0, 0)
            if first is not None:
                self.load_template(int(first.data(ID_ROLE)))
