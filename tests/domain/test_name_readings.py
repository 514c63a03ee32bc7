"""Names are read character by character (pypinyin without its phrase dictionary, as in the Windows build)."""

from __future__ import annotations

import os

from jiazheng_desktop.domain.search_keys import name_sort_key, pinyin_keys


def test_names_are_not_read_as_ordinary_words() -> None:
    assert os.environ.get("PYPINYIN_NO_PHRASES")  # set by search_keys before pypinyin was imported
    assert pinyin_keys("陆万") == "|luwan|lw|"  # the phrase dictionary read 陆万 as the number, "liu wan"
    assert pinyin_keys("贾马") == "|jiama|jm|"  # and 贾马 as "gu ma"
    assert pinyin_keys("曾孙") == "|cengsun|cs|zengsun|zs|"  # a surname's own reading is still a key
    assert name_sort_key("曾孙").startswith("zeng ")
