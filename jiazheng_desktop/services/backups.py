"""Backups that happen by themselves, and the owner's backup, copy-out and restore.

Automatic backups are made at start (when the last one is older than a day) and daily while the
program runs, then rotated (7 daily, 4 weekly, 12 monthly by default). Backups made for a reason
(before a migration, before encryption, before a restore, by hand) are never rotated away.
Every backup is encrypted with the database's key and checked before it gets its name.
"""

from __future__ import annotations

import errno
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.backup_rotation import RotationPolicy, backup_due, keep
from ..domain.clock import CHINA_TZ
from ..domain.errors import DomainError, ValidationError
from ..domain.staff import Role
from ..storage.backup import (
    BackupCheckError,
    backup_name,
    backup_to,
    check_file,
    list_backups,
    make_backup,
    parse_backup_name,
)
from ..storage.database import StorageError
from ..storage.office_move import export_to_file
from ..storage.office_server import ServerAddress
from .context import SYSTEM, Authorization, ServiceContext
from .settings import SettingsService

log = logging.getLogger(__name__)

AUTOMATIC = "auto"
POLICY_KEY = "backup.rotation"
CHECKS_FILE = "checks.json"

REASON_LABELS = {
    AUTOMATIC: "自动",
    "manual": "手动",
    "before-restore": "恢复前",
    "before-encryption": "加密前",
    "copy": "备份到外部",
}


def reason_label(reason: str) -> str:
    if reason.startswith("before-migration"):
        return "升级前"
    base = reason.rsplit("-", 1)[0] if reason.rsplit("-", 1)[-1].isdigit() else reason
    return REASON_LABELS.get(base, REASON_LABELS.get(reason, reason or "其他"))


@dataclass(frozen=True)
class BackupPlace:
    """The database this program has open, its backup folder and its key (None: a plain file)."""

    database: Path
    folder: Path
    key: bytes | None
    key_protection: str = ""
    """Where this PC keeps the key, in words for the owner (``KeyStore.describe``)."""
    server: ServerAddress | None = None
    """On the office's host: the data is on the server, and a backup is an export of it into an
    encrypted file of the same format (``office_move.export_to_file``); ``database`` is not in use."""
    client: bool = False
    """A PC connected to the host: no backups here (the host makes them)."""


CLIENT_NO_BACKUPS = (
    "这台电脑连接到主机，数据在主机上：备份由主机自动做，这台电脑不做备份。"
    "要查看、备份或恢复，请在主机的 设置 → 数据与备份 里操作。"
)
HOST_RESTORE_NOTE = (
    "这台电脑是主机：备份是主机数据库的导出。恢复会把选中备份里的数据整体搬进主机的数据库，"
    "替换现在全公司（所有电脑）用的数据；恢复前先另做一份“恢复前”备份。"
)


@dataclass(frozen=True)
class BackupView:
    path: Path
    made_at: datetime | None
    reason: str
    size: int
    check: str
    """"ok", what is wrong with it, or "" when not checked since it was made (it was, before its rename)."""

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def check_label(self) -> str:
        if self.check == "ok":
            return "已检查，完好"
        if not self.check:
            # Every backup this program writes passed quick_check before it got its name.
            return "创建时已检查"
        return f"损坏：{self.check}"

    @property
    def usable(self) -> bool:
        return self.check == "ok"


class BackupService:
    def __init__(
        self, context: ServiceContext, settings: SettingsService, place: Callable[[], BackupPlace | None]
    ) -> None:
        self._ctx = context
        self._settings = settings
        self._place = place

    # -- reading -------------------------------------------------------------------------------

    def place(self) -> BackupPlace:
        place = self._place()
        if place is None:
            raise DomainError("这个窗口没有打开数据文件夹，无法备份")
        return place

    def views(self) -> list[BackupView]:
        """Every backup in the folder, newest first, with the result of its last check."""
        place = self.place()
        if place.client:
            return []
        checks = self._read_checks(place.folder)
        views = []
        for path in list_backups(place.folder):
            info = parse_backup_name(path)
            views.append(
                BackupView(
                    path, info.made_at, reason_label(info.reason), info.size, checks.get(path.name, "")
                )
            )
        return views

    def verify(self, path: Path) -> BackupView:
        """Check one backup now (``quick_check`` with this PC's key) and remember the result."""
        place = self.place()
        result = check_file(path, place.key)
        if path.parent == place.folder:
            self._write_checks(place.folder, {path.name: result})
        info = parse_backup_name(path)
        return BackupView(path, info.made_at, reason_label(info.reason), info.size, result)

    def newest_usable(self) -> BackupView | None:
        """The newest backup that passes its check now (older ones are tried when it does not)."""
        for view in self.views():
            checked = self.verify(view.path)
            if checked.usable:
                return checked
        return None

    def policy(self) -> RotationPolicy:
        stored = self._settings.get_value(POLICY_KEY, None)
        if not isinstance(stored, dict):
            return RotationPolicy()
        try:
            return RotationPolicy(**{k: int(v) for k, v in stored.items()})
        except (TypeError, ValueError):
            return RotationPolicy()

    def last_backup_at(self) -> datetime | None:
        """When the newest backup of any kind was made (agency time)."""
        for view in self.views():
            if view.made_at is not None:
                return view.made_at.replace(tzinfo=CHINA_TZ)
        return None

    # -- writing -------------------------------------------------------------------------------

    def _writable_place(self) -> BackupPlace:
        place = self.place()
        if place.client:
            raise DomainError(CLIENT_NO_BACKUPS)
        if place.server is not None and place.key is None:
            raise DomainError("这台电脑没有数据钥匙，无法给主机的数据做加密备份。请到 设置 → 数据安全 查看。")
        return place

    def _copy(self, place: BackupPlace, target: Path) -> Path:
        """The data now in use into ``target``: the file's backup, or on the host an export of the server."""
        if place.server is None:
            return backup_to(place.database, target, place.key)
        assert place.key is not None
        try:
            export_to_file(place.server, target, place.key)
        except StorageError as exc:
            raise DomainError(f"备份没有成功：{exc}") from exc
        return target

    def _make(self, reason: str) -> Path:
        place = self._writable_place()
        moment = self._ctx.now().astimezone(CHINA_TZ).replace(tzinfo=None)
        try:
            if place.server is None:
                path = make_backup(place.database, place.folder, moment, reason, place.key)
            else:
                path = place.folder / backup_name(moment, reason)
                counter = 1
                while path.exists():
                    counter += 1
                    path = place.folder / backup_name(moment, f"{reason}-{counter}")
                self._copy(place, path)
        except BackupCheckError as exc:
            raise DomainError(f"备份没有成功：{exc}。数据文件本身没有改动；请检查磁盘后再试。") from exc
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise DomainError(
                    f"备份没有成功：备份文件夹所在的磁盘已满（{place.folder}）。请腾出空间后再试。"
                ) from exc
            raise DomainError(f"备份没有成功：无法写入 {place.folder}（{exc.strerror}）") from exc
        self._write_checks(place.folder, {path.name: "ok"})
        return path

    def backup_now(self, auth: Authorization | None) -> Path:
        """立即备份 (the owner)."""
        self._ctx.require(auth, Role.OWNER, "备份数据")
        assert auth is not None
        path = self._make("manual")
        with self._ctx.change("备份数据", "backup") as entry:
            entry.detail = {"文件": path.name, "大小": f"{path.stat().st_size // 1024} KB"}
            entry.authorized_by(auth)
        return path

    def automatic(self, *, force: bool = False) -> Path | None:
        """Make the automatic backup if the last one is older than a day, then rotate; the path or None."""
        if self.place().client:
            return None  # the host makes the office's backups
        last = self.last_backup_at()
        if not force and not backup_due(last, self._ctx.now()):
            return None
        path = self._make(AUTOMATIC)
        removed = self.rotate()
        with self._ctx.change("自动备份", "backup") as entry:
            entry.by_name = SYSTEM
            entry.detail = {"文件": path.name}
            if removed:
                entry.detail["按保留规则删除"] = "、".join(p.name for p in removed)
        return path

    def rotate(self) -> list[Path]:
        """Delete the automatic backups the policy no longer keeps; the deleted paths."""
        place = self.place()
        automatic: list[tuple[Path, datetime]] = []
        for path in list_backups(place.folder):
            info = parse_backup_name(path)
            if info.made_at is not None and info.reason.split("-")[0] == AUTOMATIC:
                automatic.append((path, info.made_at.replace(tzinfo=CHINA_TZ)))
        kept = keep(automatic, self._ctx.now(), self.policy())
        removed = []
        for path, _made in automatic:
            if path not in kept:
                try:
                    path.unlink()
                    removed.append(path)
                except OSError:
                    log.warning("could not delete the old backup %s", path)
        return removed

    def set_policy(self, policy: RotationPolicy, auth: Authorization | None) -> None:
        errors = {}
        for name, value, low, high in (
            ("daily", policy.daily, 1, 60),
            ("weekly", policy.weekly, 0, 52),
            ("monthly", policy.monthly, 0, 120),
        ):
            if not low <= value <= high:
                errors[name] = f"请填写 {low} 到 {high} 之间的数"
        if errors:
            raise ValidationError(errors)
        with self._ctx.change("修改备份保留规则", "setting") as entry:
            self._ctx.require(auth, Role.OWNER, "修改备份保留规则")
            assert auth is not None
            self._settings.put(
                POLICY_KEY, {"daily": policy.daily, "weekly": policy.weekly, "monthly": policy.monthly}
            )
            entry.detail = {"每日": policy.daily, "每周": policy.weekly, "每月": policy.monthly}
            entry.authorized_by(auth)

    def copy_to(self, folder: Path, auth: Authorization | None) -> Path:
        """备份到… a folder such as a USB stick (encrypted like the rest)."""
        self._ctx.require(auth, Role.OWNER, "备份到其他位置")
        assert auth is not None
        place = self._writable_place()
        moment = self._ctx.now().astimezone(CHINA_TZ).replace(tzinfo=None)
        target = folder / f"jiazheng-{moment.strftime('%Y%m%d-%H%M%S')}-copy.sqlite3"
        try:
            self._copy(place, target)
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise DomainError(
                    f"{folder} 空间不够，备份没有写完（已删除不完整的文件）。请换一个 U 盘或腾出空间。"
                ) from exc
            raise DomainError(
                f"无法写入 {folder}（{exc.strerror}）。请检查 U 盘是否插好、是否写保护。"
            ) from exc
        except BackupCheckError as exc:
            raise DomainError(f"备份没有成功：{exc}") from exc
        with self._ctx.change("备份到外部位置", "backup") as entry:
            entry.detail = {"文件": str(target)}
            entry.authorized_by(auth)
        return target

    def prepare_restore(self, backup: Path, auth: Authorization | None) -> Path:
        """Check ``backup`` and back the current file up; the restore itself happens at the restart.

        Returns the "before-restore" backup. Raises ``DomainError`` when the backup cannot be used
        (damaged, or made with another key), and nothing changes.
        """
        self._ctx.require(auth, Role.OWNER, "从备份恢复")
        assert auth is not None
        place = self._writable_place()
        problem = check_file(backup, place.key)
        if problem != "ok":
            if "not a database" in problem:
                raise DomainError(
                    f"{backup.name} 打不开：它可能已损坏，或是用别的钥匙加密的（别的电脑、别的公司的备份）。"
                    "请换一份备份。"
                )
            raise DomainError(f"{backup.name} 已损坏（{problem}），不能用来恢复。请换一份更早的备份。")
        if backup.parent == place.folder:
            self._write_checks(place.folder, {backup.name: "ok"})
        safety = self._make("before-restore")
        with self._ctx.change("准备从备份恢复", "backup") as entry:
            entry.detail = {"备份": backup.name, "恢复前备份": safety.name}
            entry.authorized_by(auth)
        return safety

    def record_restored(self, backup_name: str, by_name: str) -> None:
        """After the restart, in the restored file: who restored which backup."""
        with self._ctx.change("从备份恢复", "backup") as entry:
            entry.detail = {"备份": backup_name, "确认人": by_name}

    # -- the check results -----------------------------------------------------------------------

    @staticmethod
    def _read_checks(folder: Path) -> dict[str, str]:
        try:
            data = json.loads((folder / CHECKS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write_checks(self, folder: Path, results: dict[str, str]) -> None:
        checks = self._read_checks(folder)
        checks.update(results)
        present = {p.name for p in list_backups(folder)}
        checks = {k: v for k, v in checks.items() if k in present}
        partial = folder / (CHECKS_FILE + ".part")
        try:
            partial.write_text(json.dumps(checks, ensure_ascii=False, indent=1), encoding="utf-8")
            partial.replace(folder / CHECKS_FILE)
        except OSError:
            log.warning("could not record the backup checks in %s", folder)
