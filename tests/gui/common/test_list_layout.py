"""Lists on a small screen: optional columns come and go with the width; the list has room while browsing."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QSplitter, QTableView

from jiazheng_desktop.gui.common.list_layout import BROWSING_SHARE, ColumnFitter, ListDetailSplit


def _table(qtbot, widths: list[int]) -> QTableView:
    model = QStandardItemModel(3, len(widths))
    for column in range(len(widths)):
        model.setItem(0, column, QStandardItem(f"列{column}"))
    view = QTableView()
    view.setModel(model)
    view.horizontalHeader().setStretchLastSection(True)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    qtbot.addWidget(view)
    view.model_ = model  # type: ignore[attr-defined]  # kept alive with the view
    return view


def test_optional_columns_are_dropped_least_important_first_and_come_back(qtbot) -> None:
    view = _table(qtbot, [100, 100, 100, 100, 100])
    fitter = ColumnFitter(view, optional=(3, 1))  # 3 goes first, then 1
    view.resize(700, 200)
    view.show()
    qtbot.waitExposed(view)
    assert fitter.hidden_columns() == []
    view.resize(480, 200)  # room for four columns
    qtbot.waitUntil(lambda: fitter.hidden_columns() == [3])
    assert view.horizontalScrollBar().maximum() == 0
    view.resize(350, 200)
    qtbot.waitUntil(lambda: fitter.hidden_columns() == [1, 3])
    view.resize(700, 200)
    qtbot.waitUntil(lambda: fitter.hidden_columns() == [])
    assert view.columnWidth(1) == 100 and view.columnWidth(3) == 100


def test_a_width_the_user_set_is_the_width_a_column_comes_back_at(qtbot) -> None:
    view = _table(qtbot, [100, 100, 100, 100])
    fitter = ColumnFitter(view, optional=(1,))
    view.resize(600, 200)
    view.show()
    qtbot.waitExposed(view)
    view.setColumnWidth(1, 180)  # the user widens it
    view.resize(300, 200)
    qtbot.waitUntil(lambda: fitter.hidden_columns() == [1])
    view.resize(600, 200)
    qtbot.waitUntil(lambda: fitter.hidden_columns() == [])
    assert view.columnWidth(1) == 180


def _splitter(qtbot) -> QSplitter:
    splitter = QSplitter()
    splitter.addWidget(QLabel("列表"))
    splitter.addWidget(QLabel("详情"))
    splitter.resize(1000, 300)
    qtbot.addWidget(splitter)
    return splitter


def _list_share(splitter: QSplitter) -> float:
    sizes = splitter.sizes()
    return sizes[0] / sum(sizes)


def test_the_list_takes_the_width_until_an_item_is_opened(qtbot) -> None:
    splitter = _splitter(qtbot)
    split = ListDetailSplit(splitter, [400, 600])
    split.browse()  # before it is shown: applied at its real width
    splitter.show()
    qtbot.waitExposed(splitter)
    assert abs(_list_share(splitter) - BROWSING_SHARE) < 0.02
    split.open()
    assert abs(_list_share(splitter) - 0.4) < 0.02
    splitter.moveSplitter(550, 1)  # the user prefers more list while working
    splitter.splitterMoved.emit(550, 1)
    split.browse()
    assert abs(_list_share(splitter) - BROWSING_SHARE) < 0.02
    split.open()
    assert abs(_list_share(splitter) - 0.55) < 0.03


def test_what_is_saved_is_the_working_split_even_while_browsing(qtbot, tmp_path) -> None:
    splitter = _splitter(qtbot)
    split = ListDetailSplit(splitter, [300, 700])
    splitter.show()
    qtbot.waitExposed(splitter)
    split.browse()
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    settings.setValue("split", split.save_state())
    assert abs(_list_share(splitter) - BROWSING_SHARE) < 0.02  # saving did not move it

    again = _splitter(qtbot)
    restored = ListDetailSplit(again, [500, 500])
    assert restored.restore_state(settings.value("split"))
    assert abs(restored.working_share() - 0.3) < 0.02
    again.show()
    qtbot.waitExposed(again)
    assert abs(_list_share(again) - 0.3) < 0.02
    assert not restored.restore_state(b"not a state")
