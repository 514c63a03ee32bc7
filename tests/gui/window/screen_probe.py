"""Open the real window on a data folder at one screen size and print how every section fits, as JSON.

Run by ``test_fits_office_screens.py`` in a process of its own: Qt's offscreen platform takes its screen
geometry only when it starts (``QT_QPA_PLATFORM=offscreen:configfile=…``), and the test session's
platform is the default 800×600 one.

    python screen_probe.py DATA_DIR        (the screen comes from the environment)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QHeaderView, QTableView, QWidget

from jiazheng_desktop.app import _open_database, build_services
from jiazheng_desktop.domain.clock import SystemClock
from jiazheng_desktop.gui.common.i18n import install_chinese
from jiazheng_desktop.gui.window.shell import build_main_window
from jiazheng_desktop.paths import DataPaths

LIST_SECTIONS = {"customers", "incidents", "renewals", "vouchers", "workers", "reminders"}


def _cut(page: QWidget) -> list[str]:
    """Scrolling areas given less height than they need to show what they must (a script's lines)."""
    return [
        area.objectName() or type(area).__name__
        for area in page.findChildren(QAbstractScrollArea)
        if area.isVisible()
        and not isinstance(area, QHeaderView)
        and area.height() < (area.minimumHeight() or area.minimumSizeHint().height())  # what Qt lays out by
    ]


def main(data_dir: str) -> int:
    app = QApplication(sys.argv)
    install_chinese(app)
    paths = DataPaths(Path(data_dir))
    clock = SystemClock()
    if _open_database(paths, clock) is None:
        print("the database did not open", file=sys.stderr)
        return 1
    services = build_services(clock, paths.documents)
    services.staff.set_on_duty(services.staff.list()[0].id)
    window = build_main_window(services, QSettings(str(paths.root / "probe.ini"), QSettings.Format.IniFormat))
    window.restore_state()
    window.show()
    app.processEvents()
    screen = window.screen().availableGeometry()
    report: dict[str, object] = {
        "screen": [screen.width(), screen.height()],
        "window": [window.frameGeometry().width(), window.frameGeometry().height()],
        "maximised": window.isMaximized(),
        "pages": {},
    }
    pages: dict[str, object] = {}
    for key in window.section_keys():
        page = window.show_page(key)
        for _ in range(3):
            app.processEvents()
        hint = window.minimumSizeHint()
        views = [
            view
            for view in page.findChildren(QTableView)
            if key in LIST_SECTIONS
            and view.isVisible()
            and view.model() is not None
            and view.model().rowCount()
        ]
        sideways = [view.horizontalScrollBar().maximum() if view.horizontalScrollBar().isVisible() else 0
                    for view in views]  # fmt: skip
        browsing = {"minimum": [hint.width(), hint.height()], "sideways": sideways, "cut": _cut(page)}
        if key in LIST_SECTIONS and views:  # and with the first item open beside the list
            views[0].selectRow(0)
            for _ in range(3):
                app.processEvents()
            hint = window.minimumSizeHint()
            bar = views[0].horizontalScrollBar()
            browsing["opened"] = {
                "minimum": [hint.width(), hint.height()],
                "sideways": [bar.maximum() if bar.isVisible() else 0],
                "cut": _cut(page),
            }
        pages[key] = browsing
    report["pages"] = pages
    print(json.dumps(report, ensure_ascii=False))
    window.reminders.stop() if window.reminders is not None else None
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
