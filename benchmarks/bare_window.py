"""The yardstick for start-up: a bare PySide6 main window that says "idle" once shown, then quits.

With JIAZHENG_REPORT_MEMORY set, the line also gives its own peak memory (VmHWM), as the program's does.

QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bare_window.py
"""

from __future__ import annotations

import os
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
        line = "idle"
        if os.environ.get("JIAZHENG_REPORT_MEMORY") and os.path.exists("/proc/self/status"):
            with open("/proc/self/status", encoding="ascii") as status:
                peak = [row.split()[1] for row in status if row.startswith("VmHWM:")]
            line += f" VmHWM={peak[0]} kB" if peak else ""
        print(line, flush=True)
        window.close()
        app.quit()

    QTimer.singleShot(0, idle)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
