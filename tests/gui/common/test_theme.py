"""The theme: applied at start and in the window, its icons all there and tinted, its colours the only ones."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QFile, QSize
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
)

from jiazheng_desktop import app as app_module
from jiazheng_desktop.gui.common import app_style, icons, theme
from jiazheng_desktop.gui.window.shell import build_main_window

PACKAGE = Path(__file__).resolve().parents[3] / "jiazheng_desktop"
GUI = PACKAGE / "gui"
HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b")


@pytest.fixture
def window(qtbot, services, qsettings):
    win = build_main_window(services, qsettings)
    qtbot.addWidget(win)
    win.show()
    yield win
    assert win.reminders is not None
    win.reminders.stop()


def _unthemed(app: QApplication) -> None:
    app.setStyleSheet("")
    app.setProperty("jiazheng_theme", None)
    assert not app_style.is_themed(app)


def _assert_themed(app: QApplication) -> None:
    assert app_style.is_themed(app)
    assert "QListWidget#nav_list" in app.styleSheet() and "@" not in app.styleSheet()
    assert app.palette().color(QPalette.ColorRole.Highlight) == QColor(theme.ACCENT)
    assert "Microsoft YaHei UI" in app.font().families()


def test_the_program_applies_the_theme_when_it_starts(qapp, data_paths, monkeypatch) -> None:
    _unthemed(qapp)
    seen: list[bool] = []

    def session(app, *_args):
        seen.append(app_style.is_themed(app))
        return 0, None

    monkeypatch.setattr(app_module, "_session", session)
    monkeypatch.setattr(app_module, "_install_excepthook", lambda _paths: None)  # pytest keeps its own
    assert app_module.run_app(data_paths) == 0
    assert seen == [True]
    _assert_themed(qapp)


def test_a_window_built_by_the_shell_has_the_theme(qapp, qtbot, services, qsettings) -> None:
    _unthemed(qapp)
    win = build_main_window(services, qsettings)
    qtbot.addWidget(win)
    try:
        _assert_themed(qapp)
    finally:
        assert win.reminders is not None
        win.reminders.stop()


def test_every_section_in_the_navigation_has_its_icon(window) -> None:
    nav = window.ui.nav_list
    assert nav.count() == len(window.section_keys()) == 11
    for row, key in enumerate(window.section_keys()):
        assert key in icons.SECTION_ICONS
        assert not nav.item(row).icon().isNull(), key
    assert window.ui.nav_list.styleSheet() == ""  # its look is the theme's, not its own


def test_every_icon_is_in_the_resources_and_renders_in_its_colour(qapp) -> None:
    assert (
        QFile.exists(":/icons/tabler/LICENSE") or (PACKAGE.parent / "resources/icons/tabler/LICENSE").exists()
    )
    for name in icons.ICONS:
        assert QFile.exists(icons.icon_path(name)), name
        image = icons.icon(name, "#ff0000").pixmap(QSize(24, 24)).toImage()
        drawn = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
        inked = [c for c in drawn if c.alpha() > 200]
        assert inked, name
        assert all(c.red() > 200 and c.green() < 60 and c.blue() < 60 for c in inked), name
    for table in (icons.SECTION_ICONS, icons.BUTTON_ICONS):
        assert set(table.values()) <= set(icons.ICONS)


def test_icons_are_drawn_for_the_screen_scale(qapp) -> None:
    plain = icons.icon("print").pixmap(QSize(20, 20), 1.0)
    large = icons.icon("print").pixmap(QSize(20, 20), 1.25)
    assert (plain.width(), plain.height()) == (20, 20)
    assert (large.width(), large.height()) == (25, 25) and large.devicePixelRatio() == 1.25
    disabled = icons.icon("print").pixmap(QSize(20, 20), QIcon.Mode.Disabled).toImage()
    inked = [
        disabled.pixelColor(x, y)
        for x in range(20)
        for y in range(20)
        if disabled.pixelColor(x, y).alpha() == 255
    ]
    assert inked and all(c.name() == theme.TEXT_DISABLED for c in inked)


def _literal_calls(function: str) -> list[tuple[Path, str]]:
    """Every ``function("literal", …)`` in the package: the icon names the code asks for."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and (
                    getattr(node.func, "id", None) == function or getattr(node.func, "attr", None) == function
                )
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((path, node.args[0].value))
    return found


def test_every_icon_name_used_in_the_code_exists() -> None:
    used = _literal_calls("icon")
    assert used, "the code names its icons through icons.icon()"
    assert [(p.name, n) for p, n in used if n not in icons.ICONS] == []


def test_the_style_sheet_names_only_colours_of_the_theme() -> None:
    sheet = app_style.style_sheet()
    assert "@" not in sheet
    names = {value.lower() for key, value in vars(theme).items() if key.isupper() and isinstance(value, str)}
    assert {color.lower() for color in HEX.findall(sheet)} <= names


def test_colours_in_the_gui_code_come_from_the_theme() -> None:
    """No section keeps a colour of its own: red/amber/green mean the same everywhere."""
    strays = []
    for path in GUI.rglob("*.py"):
        if "forms" in path.parts or path.name == "theme.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and HEX.search(node.value):
                strays.append((path.relative_to(GUI).as_posix(), node.value))
            if isinstance(node, ast.Attribute) and node.attr in {
                "red",
                "green",
                "yellow",
                "darkRed",
                "darkYellow",
            }:
                if getattr(node.value, "attr", None) == "GlobalColor":
                    strays.append((path.relative_to(GUI).as_posix(), node.attr))
    assert strays == []


def test_the_status_colours_agree_across_sections() -> None:
    from jiazheng_desktop.gui.home import page as home
    from jiazheng_desktop.gui.incidents import callback_dialog, table_model
    from jiazheng_desktop.gui.reminders import page as reminders
    from jiazheng_desktop.gui.renewals import table_model as renewals

    overdue = QColor(theme.OVERDUE)
    assert table_model.STATE_COLORS["overdue"] == overdue
    assert home.OVERDUE_COLOR == reminders.OVERDUE_COLOR == renewals.OVERDUE_COLOR == overdue
    assert table_model.STATE_COLORS["warning"] == home.WARNING_COLOR == QColor(theme.NEAR)
    assert callback_dialog.RED == theme.OVERDUE and callback_dialog.AMBER == theme.NEAR_BAR


def test_table_rows_are_tall_enough_for_chinese(qtbot) -> None:
    table = QTableView()
    qtbot.addWidget(table)
    assert table.verticalHeader().defaultSectionSize() == theme.ROW_HEIGHT
    assert table.verticalHeader().defaultSectionSize() >= table.fontMetrics().height() + 10


def test_a_dialog_has_one_filled_primary_button_and_no_tick_or_cross(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    QVBoxLayout(dialog).addWidget(box)
    dialog.show()
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert ok.property("role") == theme.PRIMARY and cancel.property("role") is None
    assert ok.icon().isNull() and cancel.icon().isNull()
    assert ok.palette().color(QPalette.ColorRole.Button) == QColor(theme.ACCENT)
    assert cancel.palette().color(QPalette.ColorRole.Button) == QColor(theme.SURFACE)


def test_buttons_get_their_icon_and_role(qtbot) -> None:
    new = QPushButton("新建客户")
    new.setObjectName("new_button")
    theme.set_role(new, theme.PRIMARY)
    delete = QPushButton("删除")
    delete.setObjectName("delete_button")
    theme.set_role(delete, theme.DANGER)
    plain = QPushButton("明细")
    for button in (new, delete, plain):
        qtbot.addWidget(button)
        button.show()
    assert not new.icon().isNull() and not delete.icon().isNull() and plain.icon().isNull()
    assert delete.palette().color(QPalette.ColorRole.ButtonText) == QColor(theme.OVERDUE)
    white = new.icon().pixmap(QSize(16, 16)).toImage()
    inked = [
        white.pixelColor(x, y) for x in range(16) for y in range(16) if white.pixelColor(x, y).alpha() > 200
    ]
    assert inked and all(min(c.red(), c.green(), c.blue()) > 230 for c in inked)  # white on the filled button

    later = QPushButton("保存")
    later.setObjectName("save_button")
    qtbot.addWidget(later)
    later.show()  # polished: its icon in the text colour
    theme.set_role(later, theme.PRIMARY)  # then made the primary one: the icon turns white with it
    image = later.icon().pixmap(QSize(16, 16)).toImage()
    inked = [
        image.pixelColor(x, y) for x in range(16) for y in range(16) if image.pixelColor(x, y).alpha() > 200
    ]
    assert inked and all(min(c.red(), c.green(), c.blue()) > 230 for c in inked)


def test_message_boxes_use_the_same_icon_set(qapp) -> None:
    style = qapp.style()
    warning = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    assert warning.cacheKey() == icons.icon("warning", theme.NEAR_BAR).cacheKey()
    box = QMessageBox(QMessageBox.Icon.Warning, "提示", "确定要删除吗？")
    assert not box.iconPixmap().isNull()


def test_pages_of_the_window_get_the_theme(window) -> None:
    page = window.show_page("customers")
    new_button = page.findChild(QPushButton, "new_button")
    assert new_button is not None and new_button.property("role") == theme.PRIMARY
    assert not new_button.icon().isNull()
    table = page.findChild(QTableView, "customer_table")
    assert table is not None and table.verticalHeader().defaultSectionSize() == theme.ROW_HEIGHT


def test_the_reminder_notice_is_amber_inside_the_window(window) -> None:
    """The window names its notice ``reminder_notice``: the panel's style must not hang on its own name."""
    from datetime import datetime

    from jiazheng_desktop.domain.clock import CHINA_TZ
    from jiazheng_desktop.domain.reminders import Kind, State
    from jiazheng_desktop.gui.reminders.notice import ReminderNotice
    from jiazheng_desktop.services.reminder_views import ReminderRow

    due = datetime(2026, 11, 20, 9, 0, tzinfo=CHINA_TZ)
    row = ReminderRow(
        id=1, kind=Kind.RENEWAL, subject="contract", subject_id=1, customer_id=1,
        title="续约提醒：王女士的保洁套餐即将到期", due_at=due, wake_at=due, state=State.RAISED, group="overdue",
    )  # fmt: skip
    notice = window.findChild(ReminderNotice)
    assert notice is not None and notice.objectName() == "reminder_notice"
    notice.show_reminders([row], missed=True)
    image = notice.grab().toImage()
    assert image.pixelColor(12, image.height() - 4) == QColor(theme.NOTICE)
