"""office.json and the office code kept outside the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from jiazheng_desktop.paths import DataPaths
from jiazheng_desktop.storage import office_config
from jiazheng_desktop.storage.office_config import CLIENT, HOST, OfficeConfig, OfficeConfigError

CODE = "ABCD-EFGH-JKLM-NPQR"


def test_single_pc_has_no_config(data_paths: DataPaths) -> None:
    assert office_config.load(data_paths) is None


def test_save_load_and_clear(data_paths: DataPaths, key_folder: Path) -> None:
    config = OfficeConfig(CLIENT, "192.168.1.20", 5544)
    office_config.save(data_paths, config, CODE)

    assert office_config.load(data_paths) == config
    address = office_config.load_address(data_paths, config)
    assert (address.host, address.port, address.password) == ("192.168.1.20", 5544, CODE)
    # The code is not in the data folder.
    for path in data_paths.root.rglob("*"):
        if path.is_file():
            assert CODE not in path.read_text(encoding="utf-8", errors="replace"), path
    assert any(CODE in p.read_text() for p in key_folder.glob("*.office"))

    office_config.clear(data_paths)
    assert office_config.load(data_paths) is None
    assert not list(key_folder.glob("*.office"))


def test_two_data_folders_keep_their_own_codes(tmp_path: Path) -> None:
    first, second = DataPaths(tmp_path / "a"), DataPaths(tmp_path / "b")
    office_config.save(first, OfficeConfig(HOST, "127.0.0.1", 5544), CODE)
    office_config.save(second, OfficeConfig(CLIENT, "10.0.0.2", 5545), "WXYZ-WXYZ-WXYZ-WXYZ")
    assert office_config.load_address(first, OfficeConfig(HOST, "127.0.0.1", 5544)).password == CODE


def test_lost_code_and_damaged_file_say_what_to_do(data_paths: DataPaths, key_folder: Path) -> None:
    config = OfficeConfig(CLIENT, "192.168.1.20", 5544)
    office_config.save(data_paths, config, CODE)
    for kept in key_folder.glob("*.office"):
        kept.unlink()
    with pytest.raises(OfficeConfigError, match="找不到办公室代码"):
        office_config.load_address(data_paths, config)

    data_paths.office_file.write_text("{not json", encoding="utf-8")
    with pytest.raises(OfficeConfigError, match="已损坏"):
        office_config.load(data_paths)
    data_paths.office_file.write_text('{"role": "boss", "host": "x", "port": 1}', encoding="utf-8")
    with pytest.raises(OfficeConfigError, match="角色"):
        office_config.load(data_paths)
