"""The hand-written GUI strings go through Qt's translation: a translator for some contexts changes them.

No .qm file is needed: a QTranslator subclass answers for the chosen contexts and returns None for the
rest (Qt then falls back to the Chinese source text). It is removed again so other tests see Chinese.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from jiazheng_desktop.gui.common import messages
from jiazheng_desktop.gui.customers.customer_dialog import CustomerDialog
from jiazheng_desktop.gui.customers.page import CustomersPage
from jiazheng_desktop.gui.window.shell import build_main_window
from jiazheng_desktop.services import Services


class FakeEnglish(QTranslator):
    """Prefixes "[EN] " to the Chinese texts of the chosen contexts.

    ASCII sources are left alone: some forms pass their style sheets through translate() too.
    """

    def __init__(self, contexts: set[str]) -> None:
        super().__init__()
        self.contexts = contexts
        self.asked: set[str] = set()

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        self.asked.add(context)
        if context in self.contexts and not source.isascii():
            return f"[EN] {source}"
        return None

    def isEmpty(self) -> bool:
        return False


@contextmanager
def english_for(*contexts: str) -> Iterator[FakeEnglish]:
    translator = FakeEnglish(set(contexts))
    assert QCoreApplication.installTranslator(translator)
    try:
        yield translator
    finally:
        QCoreApplication.removeTranslator(translator)


def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)


def test_customers_page_button_header_and_count_are_translated(qtbot, services: Services, tmp_path) -> None:
    with english_for("CustomersPage", "CustomerTable"):
        page = CustomersPage(services, qsettings(tmp_path))
        qtbot.addWidget(page)
        assert page.ui.new_button.text() == "[EN] 新建客户(&N)"  # from the .ui form
        assert page.ui.count_label.text() == "[EN] 共 0 位客户"  # a formatted string
        assert page.ui.type_filter_combo.itemText(0) == "[EN] 全部类型"
        # The header is a module constant: translated when shown, not when imported.
        assert page.model.headerData(1, Qt.Orientation.Horizontal) == "[EN] 姓名"
        # Contexts the translator does not know fall back to the Chinese source.
        assert page.detail.ui.title_label.text() == "未选择客户"


def test_dialog_title_and_buttons_are_translated(qtbot, services: Services) -> None:
    with english_for("CustomerDialog", "HonorificCombo"):
        dialog = CustomerDialog(services, None)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "[EN] 新建客户"
        save = dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save)
        assert save.text() == "[EN] 保存(&S)"
        plain = dialog.ui.honorific_combo.findData("")
        assert dialog.ui.honorific_combo.itemText(plain) == "[EN] （直呼姓名）"


def test_main_window_navigation_status_and_worker_headers_are_translated(
    qtbot, services: Services, tmp_path
) -> None:
    with english_for("shell", "MainWindow", "WorkersPage"):
        window = build_main_window(services, qsettings(tmp_path))
        qtbot.addWidget(window)
        titles = [window.ui.nav_list.item(i).text() for i in range(window.ui.nav_list.count())]
        assert titles == [
            "[EN] 工作台",
            "[EN] 客户",
            "[EN] 提醒",
            "[EN] 投诉事件",
            "[EN] 优惠券",
            "[EN] 续约",
            "[EN] 服务人员",
            "[EN] 话术模板",
            "[EN] 报表",
            "[EN] 营销活动",
            "[EN] 设置",
        ]
        assert window.ui.nav_list.item(0).toolTip() == "[EN] [EN] 工作台（Ctrl+1）"
        assert window.ui.nav_list.item(1).toolTip() == "[EN] [EN] 客户（Ctrl+2）"
        assert window.duty_button.text().startswith("[EN] 值班：李店主")
        assert window.duty_button.toolTip() == "[EN] 点击切换值班员工"
        workers = window.page("workers")
        assert workers.model.horizontalHeaderItem(0).text() == "[EN] 姓名"  # type: ignore[attr-defined]


def test_message_box_defaults_are_translated_when_shown(qtbot, monkeypatch) -> None:
    shown: list[tuple[str, list[str]]] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append((box.windowTitle(), [b.text() for b in box.buttons()]))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    with english_for("messages"):
        messages.show_error(None, "数据库出错")
    messages.show_error(None, "数据库出错")
    assert shown == [("[EN] 无法完成", ["[EN] 知道了"]), ("无法完成", ["知道了"])]


def test_translator_is_removed_afterwards(qtbot, services: Services) -> None:
    with english_for("CustomerDialog") as translator:
        assert QCoreApplication.translate("CustomerDialog", "新建客户") == "[EN] 新建客户"
    assert "CustomerDialog" in translator.asked
    dialog = CustomerDialog(services, None)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "新建客户"
