"""The yardstick for start-up: a bare PySide6 main window that says "idle" once shown, then quits.

QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bare_window.py
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare window")
    window.resize(1200, 800)
    window.show()

    def idle() -> None:
        print("idle", flush=True)
        window.close()
        app.quit()

    QTimer.singleShot(0, idle)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
