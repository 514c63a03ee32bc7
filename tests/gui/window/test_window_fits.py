"""The main window fits the office PC's screen: maximised on a 1366×768 laptop, never larger than the screen."""

from __future__ import annotations

from PySide6.QtCore import QRect

from jiazheng_desktop.gui.window.main_window import fit_window

LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less the task bar
DESK = QRect(0, 0, 1536, 824)  # 1920×1080 at 125 %, less the task bar
BIG = QRect(0, 0, 2560, 1400)


def test_the_first_start_is_maximised_on_a_small_screen_and_centred_at_the_preferred_size_on_a_big_one() -> (
    None
):
    assert fit_window(None, LAPTOP) == (None, True)
    assert fit_window(None, DESK) == (None, True)  # 824 high: under 900
    place, maximise = fit_window(None, BIG)
    assert not maximise and place is not None
    assert (place.width(), place.height()) == (1280, 800) and place.center() == BIG.center()


def test_a_saved_place_that_fits_is_kept_and_one_that_does_not_is_brought_inside() -> None:
    assert fit_window(QRect(40, 30, 1200, 680), LAPTOP) == (None, False)
    place, maximise = fit_window(QRect(300, 200, 1280, 800), LAPTOP)  # saved on a bigger monitor
    assert not maximise and place is not None
    assert LAPTOP.contains(place) and (place.width(), place.height()) == (1280, 728)
    off, _ = fit_window(QRect(2000, 900, 800, 600), LAPTOP)  # on a monitor that is gone
    assert off is not None and LAPTOP.contains(off) and (off.width(), off.height()) == (800, 600)
