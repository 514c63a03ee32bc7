"""The 导入 wizard driven through its widgets on a real database: file → columns → check → import → result."""

from __future__ import annotations

import json
import threading

from PySide6.QtCore import QItemSelectionModel, Qt

from jiazheng_desktop.domain.imports import DuplicateChoice, ImportKind
from jiazheng_desktop.gui.common import import_dialog
from jiazheng_desktop.gui.common.import_dialog import ImportDialog
from jiazheng_desktop.gui.customers.page import CustomersPage
from jiazheng_desktop.gui.renewals.page import RenewalsPage
from jiazheng_desktop.gui.workers.page import WorkersPage
from jiazheng_desktop.storage.models import AuditLog, Customer
from tests.conftest import make_draft
from tests.services.import_sheets import customer_sheet, read_xlsx, wps_customers, write_xlsx


def _dialog(qtbot, services, kind=ImportKind.CUSTOMERS) -> ImportDialog:
    dialog = ImportDialog(services, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _idle(qtbot, dialog: ImportDialog, page: int) -> None:
    qtbot.waitUntil(lambda: dialog.job is None and dialog.stack.currentIndex() == page, timeout=20000)


def _click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_sheet_goes_in_through_every_step(qtbot, services, tmp_path, monkeypatch, no_message_boxes) -> None:
    zhang = services.customers.create(make_draft(name="张三", phone="13800000001"))
    path = customer_sheet(tmp_path)
    monkeypatch.setattr(import_dialog, "ask_open_path", lambda _parent: str(path))
    dialog = _dialog(qtbot, services)
    assert dialog.kind_combo.currentText() == "客户" and not dialog.back_button.isVisible()

    _click(qtbot, dialog.browse_button)  # the file dialog answers with the sheet, and it is read
    _idle(qtbot, dialog, dialog.MAPPING)
    combos = [dialog.mapping_table.cellWidget(row, 2) for row in range(dialog.mapping_table.rowCount())]
    assert [dialog.mapping_table.item(r, 0).text() for r in range(7)] == [
        "客户姓名", "手机", "住址", "区域", "客户类型", "VIP", "备注",
    ]  # fmt: skip
    assert [c.currentData() for c in combos] == [
        "name", "phone", "address", "district", "customer_type", "vip_tier", "household_notes",
    ]  # fmt: skip
    # the preview shows the rows as they will be saved: the float phone as digits, the label of the type
    preview = dialog.preview_table
    headers = [preview.horizontalHeaderItem(c).text() for c in range(preview.columnCount())]
    assert headers[:4] == ["行", "姓名", "称呼为", "电话"] and headers[-1] == "检查结果"
    assert [preview.item(1, c).text() for c in (0, 1, 3, 6)] == ["4", "李秀英", "13912345679", "老人"]
    assert "请填写客户姓名" in preview.item(2, len(headers) - 1).text()

    dialog.set_mapping(2, "")  # 住址 left out: the preview follows at once
    assert preview.item(0, 5).text() == ""
    dialog.set_mapping(1, "")  # without a phone column the check cannot start
    assert "电话" in dialog.missing_label.text() and not dialog.next_button.isEnabled()
    dialog.set_mapping(1, "phone")
    dialog.set_mapping(2, "address")
    assert dialog.next_button.isEnabled()

    _click(qtbot, dialog.next_button)
    _idle(qtbot, dialog, dialog.CHECK)
    assert "共 8 行：4 行可以导入，2 行有错" in dialog.summary_label.text()
    assert dialog.check_tabs.tabText(0) == "有错的行（2）" and dialog.check_tabs.tabText(1) == "重复的行（2）"
    errors = dialog.errors_table
    assert [errors.item(r, 0).text() for r in range(errors.rowCount())] == ["5", "6"]
    assert errors.item(1, 1).text() == "手机" and "11 位" in errors.item(1, 2).text()
    assert "家庭备注要先征得客户同意" in dialog.warnings_label.text()

    dialog.check_tabs.setCurrentIndex(1)
    dups = dialog.duplicates_table
    assert [dups.item(r, 0).text() for r in range(dups.rowCount())] == ["9", "10"]
    assert [dups.item(r, dups.columnCount() - 1).text() for r in range(2)] == ["跳过", "跳过"]
    dups.selectionModel().select(
        dups.model().index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    _click(qtbot, dialog.choice_buttons[DuplicateChoice.FILL_BLANKS])
    assert [dups.item(r, dups.columnCount() - 1).text() for r in range(2)] == ["补充空白信息", "跳过"]
    assert "跳过 1 行，补充空白信息 1 行" in dialog.summary_label.text()

    _click(qtbot, dialog.import_now_button)
    _idle(qtbot, dialog, dialog.DONE)
    assert (
        dialog.outcome_label.text()
        == "导入 4 个客户，补充 1 个已有客户的空白信息，跳过 1 行重复，2 行有错未导入。"
    )
    assert "第 10 行跳过" in dialog.outcome_details.toPlainText()
    assert Customer.select().count() == 5
    assert Customer.get_by_id(zhang).address == "新地址 8 号"
    (audit,) = AuditLog.select().where(AuditLog.action == "导入客户")
    assert json.loads(audit.detail)["补充空白信息"] == 1

    target = tmp_path / "改正后再导入"
    monkeypatch.setattr(import_dialog, "ask_save_path", lambda _parent, suggested: str(target))
    _click(qtbot, dialog.save_rejected_button)
    header, *rows = read_xlsx(tmp_path / "改正后再导入.xlsx")
    assert header[-1] == "原因" and len(rows) == 3
    assert no_message_boxes and "已保存 3 行" in no_message_boxes[-1]
    _click(qtbot, dialog.close_button)
    assert not dialog.isVisible()


def test_cancelling_the_import_saves_nothing(qtbot, services, tmp_path, no_message_boxes) -> None:
    path, _expected = wps_customers(tmp_path, count=600)
    dialog = _dialog(qtbot, services)
    dialog.choose_file(path)
    _idle(qtbot, dialog, dialog.MAPPING)
    _click(qtbot, dialog.next_button)
    _idle(qtbot, dialog, dialog.CHECK)
    real_save = services.imports.save
    started, pressed = threading.Event(), threading.Event()

    def save_after_cancel(*args, **kwargs):  # on the import's own thread
        started.set()
        pressed.wait(10)
        return real_save(*args, **kwargs)

    services.imports.save = save_after_cancel
    _click(qtbot, dialog.import_now_button)
    qtbot.waitUntil(started.is_set)
    assert dialog.cancel_button.text() == "取消导入"
    _click(qtbot, dialog.cancel_button)  # pressed while the rows are being saved
    pressed.set()
    _idle(qtbot, dialog, dialog.CHECK)
    assert no_message_boxes[-1] == "已取消导入：没有保存任何一行。"
    assert Customer.select().count() == 0
    assert not AuditLog.select().where(AuditLog.action == "导入客户").exists()
    assert dialog.isVisible() and dialog.import_now_button.isEnabled()  # and it can be started again
    services.imports.save = real_save
    _click(qtbot, dialog.import_now_button)
    _idle(qtbot, dialog, dialog.DONE)
    assert Customer.select().count() > 500


def test_a_damaged_file_is_a_message_and_the_dialog_stays(
    qtbot, services, tmp_path, no_message_boxes
) -> None:
    bad = tmp_path / "客户.xlsx"
    bad.write_bytes(b"not a spreadsheet at all" * 20)
    dialog = _dialog(qtbot, services)
    dialog.choose_file(bad)
    qtbot.waitUntil(lambda: bool(no_message_boxes), timeout=10000)
    assert "可能已损坏" in no_message_boxes[0]
    assert dialog.stack.currentIndex() == dialog.FILE and dialog.path_edit.text() == str(bad)


def test_workers_and_contracts_are_chosen_kinds(qtbot, services, tmp_path) -> None:
    path = write_xlsx(tmp_path / "阿姨.xlsx", ["姓名", "电话", "技能"], [["王阿姨", 13712340001, "保洁"]])
    dialog = _dialog(qtbot, services, ImportKind.WORKERS)
    assert dialog.kind_combo.currentText() == "服务人员"
    dialog.choose_file(path)
    _idle(qtbot, dialog, dialog.MAPPING)
    assert dialog.preview_table.item(0, 3).text() == "日常保洁"
    _click(qtbot, dialog.next_button)
    _idle(qtbot, dialog, dialog.CHECK)
    _click(qtbot, dialog.import_now_button)
    _idle(qtbot, dialog, dialog.DONE)
    assert services.workers.list()[0].name == "王阿姨"


def test_the_list_pages_offer_the_import(qtbot, services, qsettings, monkeypatch) -> None:
    opened: list[ImportKind] = []
    monkeypatch.setattr(ImportDialog, "exec", lambda self: opened.append(self.kind) or 0)
    for page_class, kind in (
        (CustomersPage, ImportKind.CUSTOMERS),
        (WorkersPage, ImportKind.WORKERS),
        (RenewalsPage, ImportKind.CONTRACTS),
    ):
        page = page_class(services, qsettings)
        qtbot.addWidget(page)
        assert page.import_button.text() == "导入(&M)…"
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
        assert opened[-1] == kind


def test_the_columns_are_chosen_with_the_keyboard(qtbot, services, tmp_path) -> None:
    from PySide6.QtWidgets import QApplication

    dialog = _dialog(qtbot, services)
    dialog.choose_file(customer_sheet(tmp_path))
    _idle(qtbot, dialog, dialog.MAPPING)
    combos = [dialog.mapping_table.cellWidget(row, 2) for row in range(dialog.mapping_table.rowCount())]
    combos[0].setFocus()
    qtbot.keyClick(combos[0], Qt.Key.Key_Tab)  # Tab goes to the next column's list, not the next cell
    assert QApplication.focusWidget() is combos[1]
    qtbot.keyClick(combos[1], Qt.Key.Key_Home)  # the first entry: （不导入）
    assert combos[1].currentData() == "" and "电话" in dialog.missing_label.text()
    assert dialog.next_button.isDefault() and not dialog.next_button.isEnabled()
