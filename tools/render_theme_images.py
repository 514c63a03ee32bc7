"""Render the style sheet's pictures (the arrows of combo and spin boxes) into resources/theme/.

The style sheet names pictures by path, so they are PNGs (plain and @2x for 125 %–200 %), rendered from
the Tabler SVGs in the theme's colours; run this after changing either, then tools/build_forms.py.

python tools/render_theme_images.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jiazheng_desktop.gui.common import theme  # noqa: E402  (colours only: no compiled resources needed)

SOURCE = ROOT / "resources" / "icons" / "tabler"
TARGET = ROOT / "resources" / "theme"
SIDE = 16
PICTURES = {  # file stem → (Tabler SVG, colour)
    "chevron-down": ("chevron-down", theme.ICON),
    "chevron-down-disabled": ("chevron-down", theme.TEXT_DISABLED),
    "chevron-up": ("chevron-up", theme.ICON),
}


def render(svg: Path, color: str, side: int, out: Path) -> None:
    data = svg.read_text(encoding="utf-8").replace("currentColor", color)
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(data.encode("utf-8"))).render(painter, QRectF(pixmap.rect()))
    painter.end()
    if not pixmap.save(str(out), "PNG"):
        raise SystemExit(f"could not write {out}")


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # a QPixmap needs one
    TARGET.mkdir(parents=True, exist_ok=True)
    for stem, (name, color) in PICTURES.items():
        for suffix, side in (("", SIDE), ("@2x", SIDE * 2)):
            out = TARGET / f"{stem}{suffix}.png"
            render(SOURCE / f"{name}.svg", color, side, out)
            print(out.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
