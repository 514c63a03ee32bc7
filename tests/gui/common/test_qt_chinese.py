"""Qt's own file dialog (the one used off Windows: the logo picker in 设置) speaks Chinese after install_chinese."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton

from jiazheng_desktop.gui.common.i18n import install_chinese, tr

PACKAGE = Path(__file__).resolve().parents[3] / "jiazheng_desktop"


def test_qts_file_dialog_labels_are_chinese(qtbot, tmp_path: Path) -> None:
    assert install_chinese(QApplication.instance()) == ["qtbase_zh_CN"]
    assert install_chinese(QApplication.instance()) == ["qtbase_zh_CN"]  # once per process
    dialog = QFileDialog(None, "选择标志图片", str(tmp_path), "图片 (*.png *.jpg)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = sorted(label.text() for label in dialog.findChildren(QLabel) if label.text())
    assert labels == ["文件名称(&N)：", "文件类型(&T)：", "查找范围(&L)："], labels
    buttons = {button.text() for button in dialog.findChildren(QPushButton) if button.isVisible()}
    assert buttons == {"打开(&O)", "取消"}


def test_the_added_strings_leave_the_programs_own_alone() -> None:
    install_chinese(QApplication.instance())
    assert tr("ReportsPage", "月份(&M)：") == "月份(&M)："
    assert (
        QApplication.translate("QFileDialog", "Look in:") == "查找范围："
    )  # Qt's own catalogue still answers


def test_the_program_leaves_windows_its_native_file_dialog() -> None:
    """QFileDialog's static functions use Windows' own dialog unless told not to; nothing tells them."""
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text("utf-8")
        assert "DontUseNativeDialog" not in text, path
        assert "AA_DontUseNativeDialogs" not in text, path
