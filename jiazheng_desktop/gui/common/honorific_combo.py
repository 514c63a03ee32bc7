"""The form-of-address choice (先生, 女士, 太太 … or typed: 王总), as the customer and inquiry dialogs offer it."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from ...domain.customers import HONORIFICS
from .i18n import tr


def fill_honorifics(combo: QComboBox) -> None:
    """Offer the forms of address in an editable ``combo`` (staff may type one of their own)."""
    combo.setEditable(True)
    for honorific in HONORIFICS:
        combo.addItem(honorific or tr("HonorificCombo", "（直呼姓名）"), honorific)
    typed = combo.lineEdit()
    assert typed is not None
    typed.setPlaceholderText(tr("HonorificCombo", "选择或输入，例如：总"))


def chosen_honorific(combo: QComboBox) -> str:
    """The form of address chosen or typed: an offered one by its id ("" for 直呼姓名), else the text."""
    text = combo.currentText().strip()
    index = combo.findText(text)
    return str(combo.itemData(index)) if index >= 0 else text


def show_honorific(combo: QComboBox, honorific: str) -> None:
    """Show ``honorific``: an offered one is chosen, one typed before (王总) stays as it was."""
    index = combo.findData(honorific)
    if index >= 0:
        combo.setCurrentIndex(index)
    else:
        combo.setEditText(honorific)
