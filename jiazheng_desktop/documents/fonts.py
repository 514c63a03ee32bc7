"""The Chinese font every document embeds, registered with ReportLab once per process."""

from __future__ import annotations

import threading

from ..paths import resource_path

FONT = "WenQuanYiMicroHei"
"""The font name to use in styles (regular; the family has no bold face)."""

FONT_FILE = ("fonts", "wqy-microhei.ttc")

_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the bundled font (once; later calls are free) and return its name.

    Documents are made on worker threads too, hence the lock. ReportLab embeds a subset of the
    glyphs each PDF uses.
    """
    global _registered
    if _registered:
        return FONT
    with _lock:
        if not _registered:
            from reportlab.lib.fonts import addMapping
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            path = resource_path(*FONT_FILE)
            if not path.exists():
                raise FileNotFoundError(f"找不到打印用的中文字体文件：{path}。请重新安装程序。")
            pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
            # One face for every weight and slant: <b> in a paragraph must not look for a missing font.
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT, bold, italic, FONT)
            # A canvas starts in this font instead of Helvetica, so every font in a PDF is embedded.
            from reportlab import rl_config

            rl_config.canvas_basefontname = FONT
            _registered = True
    return FONT
