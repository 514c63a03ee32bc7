"""The agency's logo: set by the owner, checked, stored as PNG, printed on the letterhead."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from jiazheng_desktop.domain.errors import PermissionDenied, ValidationError
from jiazheng_desktop.gui.settings.logo_box import LogoBox


def _picture(path: Path, size=(1200, 400)) -> Path:
    Image.new("RGB", size, (31, 95, 168)).save(path)
    return path


def test_the_owner_sets_a_logo_and_it_heads_the_documents(services, owner_auth, tmp_path) -> None:
    services.documents.set_logo(_picture(tmp_path / "logo.jpg"), owner_auth)
    stored = services.documents.logo_path
    assert stored is not None and stored.exists()
    with Image.open(stored) as image:
        assert image.format == "PNG" and image.width == 600  # scaled down
    assert services.documents.letterhead().logo == stored
    services.documents.set_logo(None, owner_auth)
    assert not stored.exists() and services.documents.letterhead().logo is None


def test_a_bad_picture_or_no_password_changes_nothing(services, owner_auth, tmp_path) -> None:
    not_a_picture = tmp_path / "x.png"
    not_a_picture.write_text("hello")
    with pytest.raises(ValidationError, match="PNG 或 JPG"):
        services.documents.set_logo(not_a_picture, owner_auth)
    with pytest.raises(ValidationError, match="找不到"):
        services.documents.set_logo(tmp_path / "missing.png", owner_auth)
    with pytest.raises(PermissionDenied):
        services.documents.set_logo(_picture(tmp_path / "ok.png"), None)
    assert not services.documents.logo_path.exists()


def test_the_logo_box_previews_and_clears(
    qtbot, services, owner_auth, tmp_path, monkeypatch, no_message_boxes
) -> None:
    monkeypatch.setattr("jiazheng_desktop.gui.settings.logo_box.ask_authorization", lambda *_a: owner_auth)
    box = LogoBox(services)
    qtbot.addWidget(box)
    assert not box.clear_button.isEnabled() and box.preview.text() == "（未设置）"
    assert box.save(_picture(tmp_path / "logo.png"))
    assert not box.preview.pixmap().isNull() and box.clear_button.isEnabled()
    bad = tmp_path / "bad.png"
    bad.write_text("no")
    assert not box.save(bad)
    assert any("PNG 或 JPG" in text for text in no_message_boxes)
    assert box.save(None)
    assert not box.clear_button.isEnabled()
