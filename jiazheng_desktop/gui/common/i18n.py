"""Chinese for Qt's own strings (确定/取消, context menus, its file dialog) and a short name for translate().

Extracting the hand-written strings for a new language needs lupdate told that ``tr`` takes
(context, source) like ``translate``:
``pyside6-lupdate -tr-function-alias translate+=tr jiazheng_desktop ui -ts translations/xx.ts``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: list[QTranslator] = []  # Qt does not own translators: keep them alive.
_loaded: list[str] = []

QT_CATALOGUE = "qtbase_zh_CN"
"""Qt's own strings: the one catalogue the Windows build ships (packaging/jiazheng.spec)."""

QT_GAPS = {
    # Qt 6 put the shortcut mark into these two labels of its own file dialog (the one used off Windows);
    # qtbase_zh_CN.qm has only the old texts ("Look in:"), so the dialog showed them in English.
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}
"""Qt's strings that its Chinese catalogue lacks, by (context, source text)."""


class _QtGapsTranslator(QTranslator):
    """Answers for ``QT_GAPS`` only; asked after qtbase_zh_CN (installed before it), so it never overrides it."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return QT_GAPS.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_chinese(app: QCoreApplication) -> list[str]:
    """Load Qt's Simplified Chinese catalogue and the strings it lacks; return the catalogues that loaded.

    Once per process: a second call installs nothing more and returns the same names.
    """
    if _installed:
        return list(_loaded)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    gaps = _QtGapsTranslator(app)
    app.installTranslator(gaps)  # the last installed is asked first: this one after qtbase_zh_CN
    _installed.append(gaps)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(QT_CATALOGUE, folder):
        app.installTranslator(translator)
        _installed.append(translator)
        _loaded.append(QT_CATALOGUE)
    return list(_loaded)


def tr(context: str, text: str) -> str:
    """Mark a user-visible string for translation (another language can be added later)."""
    return QCoreApplication.translate(context, text)
