"""Every section fits the office PC's screen: a 1366×768 laptop, and a 1920×1080 screen at 125 %.

The real window is opened on demo data in a process whose offscreen screen has that geometry
(``screen_probe.py``); it reports, section by section, the window's minimum size, whether a list
scrolls sideways and whether a scrolling area got less height than it needs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jiazheng_desktop.storage.keys import KEY_DIR_ENV

ROOT = Path(__file__).resolve().parents[3]
PROBE = Path(__file__).with_name("screen_probe.py")
TASK_BAR = 40  # Windows' task bar, which the available geometry leaves out on a real PC


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("office")
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    env[KEY_DIR_ENV] = str(root / "keys")
    subprocess.run(
        [sys.executable, "-m", "jiazheng_desktop", "--data-dir", str(root / "data"), "demo", "--customers", "2000"],
        check=True, env=env, capture_output=True, timeout=120,
    )  # fmt: skip
    return root, env


def _probe(demo_folder: tuple[Path, dict[str, str]], width: int, height: int, scale: float) -> dict:
    root, env = demo_folder
    screen = root / f"screen-{width}x{height}.json"
    screen.write_text(
        json.dumps(
            {"screens": [{"name": "office", "x": 0, "y": 0, "width": width, "height": height - TASK_BAR}]}
        ),
        encoding="utf-8",
    )
    env = dict(env, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", QT_SCALE_FACTOR=str(scale))
    done = subprocess.run(
        [sys.executable, str(PROBE), str(root / "data")], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("width", "height", "scale"), [(1366, 768, 1.0), (1920, 1080, 1.25)])
def test_every_section_fits_the_screen(demo_folder, width: int, height: int, scale: float) -> None:
    report = _probe(demo_folder, width, height, scale)
    room_w, room_h = report["screen"]
    assert (room_w, room_h) == (round(width / scale), round((height - TASK_BAR) / scale))
    assert report["maximised"]  # smaller than 1440×900 (in Qt's pixels): the window takes the screen
    rounding = 0 if scale == 1 else 1  # 1920 / 1.25 = 1536 Qt pixels; the maximised frame comes out at 1537
    assert report["window"][0] <= room_w + rounding and report["window"][1] <= room_h + rounding
    assert len(report["pages"]) == 11
    for key, page in report["pages"].items():
        for state, measured in (("browsing", page), ("opened", page.get("opened", page))):
            min_w, min_h = measured["minimum"]
            assert min_w <= room_w and min_h <= room_h, (key, state, measured["minimum"], report["screen"])
            assert measured["cut"] == [], (key, state, measured["cut"])
    for key in ("customers", "incidents", "renewals", "vouchers", "workers", "reminders"):
        page = report["pages"][key]
        assert page["sideways"] and "opened" in page, key  # the list was there and had rows
        assert set(page["sideways"]) == {0}, (key, "the list scrolls sideways")
        assert set(page["opened"]["sideways"]) == {0}, (key, "with an item open, the list scrolls sideways")
