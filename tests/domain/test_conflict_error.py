"""The refusal of a save made over someone else's: who, when, and that nothing typed is lost."""

from __future__ import annotations

from datetime import datetime

from jiazheng_desktop.domain.clock import CHINA_TZ
from jiazheng_desktop.domain.errors import ConflictError, DomainError


def test_the_message_names_the_record_the_person_and_the_time() -> None:
    error = ConflictError("这位客户的资料", "周晓燕", datetime(2026, 3, 5, 9, 7, tzinfo=CHINA_TZ))
    assert isinstance(error, DomainError)
    assert str(error).startswith("这位客户的资料在 3月5日 09:07 被周晓燕修改过，您这次的保存没有生效")
    assert "您填写的内容还在窗口里" in str(error)


def test_without_a_log_row_it_still_says_what_to_do() -> None:
    error = ConflictError("这份合同", "", None)
    assert str(error).startswith("这份合同刚刚被另一位同事修改过")
    assert "重新打开查看对方的修改" in str(error)
