"""Start the program when Windows starts: a value under the current user's ``Run`` key.

Only Windows has this; elsewhere the settings page disables the option and says why. The registry is
reached through QSettings' native format, so no ``winreg`` code and nothing needing administrator rights.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings

RUN_KEY = "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"
VALUE_NAME = "JiazhengDesktop"


def autostart_supported() -> bool:
    return sys.platform == "win32"


def _run_key() -> QSettings:
    return QSettings(RUN_KEY, QSettings.Format.NativeFormat)


def autostart_command() -> str:
    """The command Windows runs at log-in: the bundled exe, or ``pythonw -m jiazheng_desktop`` from source."""
    if getattr(sys, "frozen", False):
        return f'"{sys.executable}"'
    python = Path(sys.executable)
    windowless = python.with_name("pythonw.exe")  # no console window at log-in
    if windowless.exists():
        python = windowless
    return f'"{python}" -m jiazheng_desktop'


def set_autostart(enabled: bool, command: str, registry: QSettings | None = None) -> None:
    """Write (``enabled``) or remove the ``Run`` value. ``registry`` is for tests (any QSettings).

    Raises ``OSError`` when the value could not be written (a locked-down account).
    """
    run = registry if registry is not None else _run_key()
    if enabled:
        run.setValue(VALUE_NAME, command)
    else:
        run.remove(VALUE_NAME)
    run.sync()
    if run.status() != QSettings.Status.NoError:
        raise OSError("无法修改开机启动设置（可能没有权限）")


def autostart_enabled(registry: QSettings | None = None) -> bool:
    """Whether the ``Run`` value is there now (someone may have removed it in Task Manager)."""
    if registry is None and not autostart_supported():
        return False
    run = registry if registry is not None else _run_key()
    return bool(run.value(VALUE_NAME, ""))
