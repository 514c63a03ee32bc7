"""Every GUI test sees the program's own look (the theme the start-up code applies)."""

from __future__ import annotations

import pytest

from jiazheng_desktop.gui.common.app_style import apply_theme


@pytest.fixture(autouse=True, scope="session")
def themed_application(qapp):
    """Fusion with the theme's palette, font and style sheet, as ``run_app`` and the window shell give it."""
    apply_theme(qapp)
    return qapp
