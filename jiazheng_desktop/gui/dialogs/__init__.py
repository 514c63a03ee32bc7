"""Dialogs; each holds its generated form as ``self.ui``."""
