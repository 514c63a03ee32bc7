from pathlib import Path

from jiazheng_desktop import paths


def test_data_dir_option_beats_environment_beats_default(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert paths.resolve_data_dir(tmp_path / "from-option") == (tmp_path / "from-option").resolve()
    assert paths.resolve_data_dir(None) == (tmp_path / "from-env").resolve()
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    default = paths.resolve_data_dir(None)
    assert default == paths.default_data_dir() and default.name == "jiazheng-desktop"


def test_data_paths_layout(tmp_path) -> None:
    data = paths.DataPaths(tmp_path / "office")
    data.ensure()
    assert data.backups.is_dir() and data.documents.is_dir()
    assert not data.database.exists()  # only the folders are made; the database is opened elsewhere
    assert data.database.name == "jiazheng.sqlite3"


def test_resource_path_finds_bundled_files() -> None:
    assert paths.resource_path("icons", "app.svg").is_file()
    assert paths.resource_path("resources.qrc").parent.name == "resources"


def test_resource_path_inside_a_pyinstaller_bundle(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert paths.resource_path("fonts", "x.ttf") == Path(tmp_path) / "resources" / "fonts" / "x.ttf"
