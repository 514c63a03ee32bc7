"""Show validation messages next to the fields they belong to, keeping everything typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from ...domain.errors import DomainError, ValidationError
from . import messages
from .i18n import tr


class FieldErrors:
    """Maps service field names to (error label, widget to focus).

    ``show(error)`` fills the labels for the fields named in a ``ValidationError``,
    hides the others, and puts the cursor in the first bad field. Messages for
    fields with no label go to ``fallback`` (or are returned).
    """

    def __init__(self, fields: dict[str, tuple[QLabel, QWidget]], fallback: QLabel | None = None) -> None:
        self._fields = fields
        self._fallback = fallback
        self.clear()

    def clear(self) -> None:
        for label, _widget in self._fields.values():
            label.clear()
            label.setVisible(False)
        if self._fallback is not None:
            self._fallback.clear()
            self._fallback.setVisible(False)

    def show(self, error: ValidationError) -> list[str]:
        """Display ``error``; return messages that had no field to sit next to."""
        self.clear()
        first: QWidget | None = None
        leftovers: list[str] = []
        for field, message in error.fields.items():
            if field in self._fields:
                label, widget = self._fields[field]
                label.setText(message)
                label.setVisible(True)
                if first is None:
                    first = widget
            else:
                leftovers.append(message)
        if leftovers and self._fallback is not None:
            self._fallback.setText(tr("FieldErrors", "；").join(leftovers))
            self._fallback.setVisible(True)
            leftovers = []
        if first is not None:
            first.setFocus()
        return leftovers

    def message(self, field: str) -> str:
        """The message currently shown for ``field`` (empty when none); for tests and screen readers."""
        label = self._fields[field][0]
        return "" if label.isHidden() else label.text()

    def attempt(self, parent: QWidget, action: Callable[[], object]) -> bool:
        """Run a service call for a form; True if it went through.

        A ``ValidationError`` is shown next to its fields (the rest in a message box),
        any other ``DomainError`` in a message box; the form keeps what was typed.
        """
        try:
            action()
        except ValidationError as exc:
            leftovers = self.show(exc)
            if leftovers:
                messages.show_error(parent, "\n".join(leftovers))
            return False
        except DomainError as exc:
            messages.show_error(parent, str(exc))
            return False
        self.clear()
        return True
