"""The customers section: list, detail, dialogs."""
