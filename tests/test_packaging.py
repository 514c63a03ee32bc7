"""What the Windows installer and the build promise, checked in their sources (the build itself runs in CI
under Wine: packaging/windows/build_windows.sh)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NSI = (ROOT / "packaging" / "windows" / "installer.nsi").read_text("utf-8")
SPEC = (ROOT / "packaging" / "jiazheng.spec").read_text("utf-8")


def _function(name: str) -> str:
    match = re.search(rf"^Function {re.escape(name)}\n(.*?)^FunctionEnd", NSI, re.S | re.M)
    assert match, f"no Function {name} in installer.nsi"
    return match[1]


def test_the_installer_refuses_old_or_32_bit_windows_in_chinese() -> None:
    for include in ("LogicLib.nsh", "WinVer.nsh", "x64.nsh"):
        assert f'!include "{include}"' in NSI
    on_init = _function(".onInit")
    assert "${IfNot} ${AtLeastWin10}" in on_init and "${OrIfNot} ${RunningX64}" in on_init
    assert re.search(r'MessageBox MB_ICONSTOP\|MB_OK "\$\{NEEDS_WINDOWS\}" /SD IDOK\s+Abort', on_init)
    message = re.search(r'^!define NEEDS_WINDOWS "(.*)"$', NSI, re.M)
    assert message and "64 位的 Windows 10 或 Windows 11" in message[1]
    assert "Windows 10 和 Windows 11" in NSI  # said on the welcome page too


def test_the_build_makes_wine_report_windows_10() -> None:
    script = (ROOT / "packaging" / "windows" / "build_windows.sh").read_text("utf-8")
    assert "winecfg -v win10" in script and "-ge 10240" in script


def _spec_list(name: str) -> list[str]:
    match = re.search(rf"^{name} = (\[.*?\])", SPEC, re.S | re.M)
    assert match, name
    return list(ast.literal_eval(match[1]))


def test_modules_left_out_of_the_build_are_not_imported_by_the_program() -> None:
    dropped = set(_spec_list("UNUSED_MODULES"))
    assert {"setuptools", "pypinyin.phrases_dict"} <= dropped
    assert "ssl" not in dropped  # psycopg (a PC of an office server) imports it
    for path in (ROOT / "jiazheng_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and node.level == 0
                else []
            )
            for name in names:
                assert not any(name == d or name.startswith(d + ".") for d in dropped), (path, name)


def test_only_qtbase_zh_cn_of_qts_translations_is_shipped() -> None:
    assert 'KEEP_TRANSLATIONS = ("qtbase_zh_CN.qm",)' in SPEC
