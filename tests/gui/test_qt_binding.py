"""Guards against a Qt binding that over-releases None (PySide6 6.12.0 on CPython 3.11).

Such a binding lets the program run for a while and then abort with
"Fatal Python error: deallocating None" once enough table cells were filled.
"""

import sys

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")


def _none_refs_after(action, times: int = 2000) -> int:
    before = sys.getrefcount(None)
    for _ in range(times):
        action()
    return sys.getrefcount(None) - before


def test_item_data_calls_keep_none_alive(qtbot, tmp_path) -> None:
    item = QStandardItem("x")
    model = QStandardItemModel()
    model.appendRow([QStandardItem("y")])
    index = model.index(0, 0)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    checks = {
        "QStandardItem.setData": lambda: item.setData("k", Qt.ItemDataRole.UserRole),
        "QStandardItem.data → None": lambda: item.data(Qt.ItemDataRole.UserRole + 9),
        "QModelIndex.data → None": lambda: index.data(Qt.ItemDataRole.UserRole + 9),
        "QSettings.value → None": lambda: settings.value("missing"),
    }
    lost = {name: _none_refs_after(action) for name, action in checks.items()}
    assert all(delta > -20 for delta in lost.values()), lost
