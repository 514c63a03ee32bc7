"""Qt widgets, table models and dialogs: the only layer that imports QtWidgets."""
