"""The program's icon, from pre-rendered PNGs (loading Qt's SVG icon engine slows start-up)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from ..forms import resources_rc  # noqa: F401  (registers :/icons/…)

APP_ICON_SIZES = (32, 64, 256)


def app_icon() -> QIcon:
    """The house with a heart, at the sizes Windows and Linux ask for."""
    icon = QIcon()
    for size in APP_ICON_SIZES:
        icon.addFile(f":/icons/app-{size}.png")
    return icon
