"""Chinese for Qt's own strings (确定/取消, context menus) and a short name for translate().

Extracting the hand-written strings for a new language needs lupdate told that ``tr`` takes
(context, source) like ``translate``:
``pyside6-lupdate -tr-function-alias translate+=tr jiazheng_desktop ui -ts translations/xx.ts``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: list[QTranslator] = []  # Qt does not own translators: keep them alive.


def install_chinese(app: QCoreApplication) -> list[str]:
    """Load Qt's Simplified Chinese catalogues; return the names that loaded."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(name)
    return loaded


def tr(context: str, text: str) -> str:
    """Mark a user-visible string for translation (another language can be added later)."""
    return QCoreApplication.translate(context, text)
