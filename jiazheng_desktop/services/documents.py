"""Printed documents: gather what a document needs, render it, save it with a readable name.

The PDFs go to the data folder's ``documents/`` (staff open it from the program), named so a person
finds them again: ``补偿通知书-SJ-2026-0042-王先生.pdf``. Nothing here changes data; the audit log
notes each document made (生成文件) and printed (打印文件), with its kind and its subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..domain.errors import DomainError, ValidationError
from ..domain.incidents import MONEY_REMEDIES, Step
from ..domain.money import format_fen
from ..domain.safety_checklists import Season
from ..domain.staff import Role
from ..domain.vouchers import VoucherStatus
from ..storage.models import Customer
from .context import Authorization, ServiceContext
from .settings import SettingsService

if TYPE_CHECKING:
    from ..documents.compensation_notice import CompensationItem, NoticeData
    from ..documents.styles import Letterhead
    from .incidents import IncidentService
    from .monthly_report import MonthlyReportService
    from .personal_data import PersonalDataService
    from .vouchers import VoucherService, VoucherView

LOGO_FILE = "logo.png"
"""The agency's logo for letterheads, kept in the data folder (set on the settings page)."""

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


MADE_ACTION = "生成文件"
PRINTED_ACTION = "打印文件"


class _Made(NamedTuple):
    """What a document saved at some path is about, for its audit rows."""

    entity: str
    entity_id: int | None
    detail: dict[str, Any]


def file_name(*parts: str) -> str:
    """``补偿通知书-SJ-2026-0042-王先生.pdf``: the parts joined by ``-``, safe on Windows."""
    clean = [_UNSAFE.sub("_", part).strip(" .") for part in parts if part and part.strip()]
    return "-".join(clean)[:120] + ".pdf"


class DocumentService:
    def __init__(
        self,
        context: ServiceContext,
        settings: SettingsService,
        incidents: Callable[[], IncidentService],
        vouchers: Callable[[], VoucherService],
        folder: Path | None,
        monthly: Callable[[], MonthlyReportService] | None = None,
        personal_data: Callable[[], PersonalDataService] | None = None,
    ) -> None:
        self._ctx = context
        self._settings = settings
        self._incidents = incidents
        self._vouchers = vouchers
        self.folder = folder
        self._monthly_service = monthly
        self._personal_data = personal_data
        self._made: dict[Path, _Made] = {}

    def _monthly(self) -> MonthlyReportService:
        if self._monthly_service is None:
            raise DomainError("这个版本不能生成月度报告")
        return self._monthly_service()

    # -- where documents go -------------------------------------------------------------------------

    def _target(self, name: str) -> Path:
        if self.folder is None:
            raise DomainError("没有设置保存文件的文件夹")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DomainError(
                f"无法创建文件夹 {self.folder}：{exc.strerror}。请检查磁盘空间和写入权限。"
            ) from None
        return self.folder / name

    @property
    def logo_path(self) -> Path | None:
        """Where the agency's logo is kept (whether or not one was set)."""
        return self.folder.parent / LOGO_FILE if self.folder is not None else None

    def set_logo(self, source: Path | None, auth: Authorization | None) -> None:
        """Use the picture at ``source`` as the letterhead's logo (None removes it); the owner only.

        The picture is checked and stored as PNG (at most 600 pixels wide) beside the database.
        """
        target = self.logo_path
        if target is None:
            raise DomainError("没有设置数据文件夹，无法保存公司标志")
        image = None
        if source is not None:
            image = _load_logo(source)
        with self._ctx.change("修改公司标志", "setting") as entry:
            self._ctx.require(auth, Role.OWNER, "修改公司标志")
            assert auth is not None
            entry.authorized_by(auth)
            try:
                if image is None:
                    target.unlink(missing_ok=True)
                    entry.detail["公司标志"] = "已清除"
                else:
                    partial = target.with_name(target.name + ".part")
                    image.save(partial, "PNG")
                    partial.replace(target)
                    entry.detail["公司标志"] = source.name if source is not None else ""
            except OSError as exc:
                raise DomainError(f"无法保存公司标志：{exc.strerror}。请检查磁盘空间和写入权限。") from None

    def letterhead(self) -> Letterhead:
        """The agency's name, address, phone and logo (if one was set) for the top of every document."""
        from ..documents.styles import Letterhead  # ReportLab: loaded when a document is made

        agency = self._settings.agency()
        logo = self.logo_path
        return Letterhead(agency.name, agency.address, agency.phone, logo if logo and logo.exists() else None)

    # -- the compensation notice ------------------------------------------------------------------------

    def notice_data(self, incident_id: int) -> NoticeData:
        """What the notice of an incident says (its 行动 step must be done)."""
        from ..documents.compensation_notice import CompensationItem, NoticeData
        from ..documents.styles import chinese_day

        view = self._incidents().get(incident_id)
        act = view.steps.get(Step.ACT)
        if act is None or not act.done:
            raise DomainError(f"事件 {view.number} 还没有完成“行动”一步，还没有可以写进通知书的补偿")
        # Every voucher linked to the complaint is printed, the 行动 step's and any issued on the
        # 优惠券 page for it, each with its code, its uses and its last valid day.
        linked = {v.code: v for v in self._vouchers().for_incident(incident_id)}
        items: list[CompensationItem] = []
        for remedy in view.remedies:
            amount = (
                format_fen(remedy.amount_fen) if remedy.kind in MONEY_REMEDIES and remedy.amount_fen else ""
            )
            voucher = linked.pop(remedy.voucher_code, None) if remedy.voucher_code else None
            if remedy.voucher_code and voucher is None:  # linked to the complaint no more: still given
                voucher = self._vouchers().find(remedy.voucher_code)
            if voucher is not None:
                items.append(_voucher_item(voucher, remedy.kind.label, amount, remedy.note))
            elif remedy.visit_at is not None:  # 上门复查: when the visit comes
                when = f"{chinese_day(remedy.visit_at.date())} {remedy.visit_at:%H:%M} 上门"
                note = f"{when}；{remedy.note}" if remedy.note else when
                items.append(CompensationItem(remedy.kind.label, amount, note))
            else:
                items.append(CompensationItem(remedy.kind.label, amount, remedy.note))
        items += [
            _voucher_item(v, v.kind.label, format_fen(v.value_fen), "")
            for v in linked.values()
            if v.status != VoucherStatus.VOID
        ]
        identify = view.steps.get(Step.IDENTIFY)
        empathize = view.steps.get(Step.EMPATHIZE)
        return NoticeData(
            letterhead=self.letterhead(),
            customer_name=view.customer_name,
            address_as=view.customer_label,
            incident_number=view.number,
            reported_on=view.reported_at.astimezone(self._zone()).date(),
            what_happened=(identify.data.get("what_happened") if identify else "") or view.customer_said,
            apology=(empathize.data.get("apology") if empathize else "") or "",
            action_plan=act.data.get("action_plan", ""),
            items=items,
            callback_at=view.callback_due_at.astimezone(self._zone()) if view.callback_due_at else None,
            issued_on=self._today(),
            staff_name=self._ctx.on_duty_name,
        )

    def compensation_notice(self, incident_id: int) -> Path:
        """Render the notice into the documents folder (a newer one replaces the older); returns its path."""
        from ..documents.compensation_notice import render_notice

        data = self.notice_data(incident_id)
        path = self._target(file_name("补偿通知书", data.incident_number, data.address_as))
        _write(path, lambda target: render_notice(data, target))
        return self._made_file(
            path, "incident", incident_id, {"文件": "补偿通知书", "编号": data.incident_number}
        )

    # -- the monthly report -------------------------------------------------------------------------------

    def monthly_report(
        self, year: int, month: int, progress: Callable[[int, str], None] | None = None
    ) -> Path:
        """The owner's report of a month (the same figures the 报表 page shows): ``月度经营报告-2026-10.pdf``."""
        from ..documents.monthly_report import render_monthly_report

        if progress is not None:
            progress(2, "正在统计本月数据…")
        figures = self._monthly().figures(year, month, stages=True)
        path = self._target(file_name("月度经营报告", f"{year}-{month:02d}"))
        letterhead = self.letterhead()
        _write(path, lambda target: render_monthly_report(figures, letterhead, target, progress))
        return self._made_file(path, "report", None, {"文件": "月度经营报告", "月份": f"{year}-{month:02d}"})

    # -- the home-safety checklist ----------------------------------------------------------------------

    def suggested_season(self, incident_category: str | None = None) -> Season:
        """The checklist that suits an emergency of this kind, or else today's season."""
        from ..domain.safety_checklists import for_incident_category, season_for

        suited = for_incident_category(incident_category) if incident_category else None
        return suited or season_for(self._today())

    def safety_checklist(self, season: Season, customer_id: int | None = None) -> Path:
        """The checklist for ``season``: with the customer's name and today's date, or blank to hand out."""
        from ..documents.safety_checklist import render_checklist
        from ..domain.safety_checklists import checklist

        name = ""
        if customer_id is not None:
            customer = Customer.get_or_none(Customer.id == customer_id)
            if customer is None:
                raise DomainError("找不到这位客户，可能已被删除")
            name = customer.address_as
        parts = ["家居安全隐患自查清单", season.label, name]
        path = self._target(file_name(*parts))
        letterhead = self.letterhead()
        day = self._today() if name else None
        _write(path, lambda target: render_checklist(checklist(season), letterhead, target, name, day))
        detail = {"文件": "家居安全隐患自查清单", "季节": season.label}
        if customer_id is None:
            return self._made_file(path, "document", None, detail | {"客户": "空白（不写客户）"})
        return self._made_file(path, "customer", customer_id, detail)

    # -- the privacy notice ---------------------------------------------------------------------------

    def privacy_notice(self) -> Path:
        """The 个人信息处理告知书 as the settings stand today: ``个人信息处理告知书-2026-11-23.pdf``."""
        from ..documents.privacy_notice import render_privacy_notice

        if self._personal_data is None:
            raise DomainError("这个版本不能生成个人信息处理告知书")
        data = self._personal_data().notice_data(self.letterhead())
        path = self._target(file_name("个人信息处理告知书", f"{data.issued_on:%Y-%m-%d}"))
        _write(path, lambda target: render_privacy_notice(data, target))
        return self._made_file(path, "document", None, {"文件": "个人信息处理告知书"})

    # -- files made by other services ------------------------------------------------------------------

    def write(self, name: str, render: Callable[[Path], Path]) -> Path:
        """Save a file made by ``render`` as ``name`` in the documents folder (whole or not at all).

        For another service's files (a customer's export); that service audits them itself.
        """
        return _write(self._target(name), render)

    def note_made(self, path: Path, entity: str, entity_id: int | None, detail: dict[str, Any]) -> None:
        """Remember what a file another service saved is about, so that printing it is audited so."""
        self._made[path] = _Made(entity, entity_id, dict(detail))

    # -- the audit of documents -----------------------------------------------------------------------

    def _made_file(self, path: Path, entity: str, entity_id: int | None, detail: dict[str, Any]) -> Path:
        """Audit a saved document (生成文件) and remember what it is about, for ``printed``."""
        made = _Made(entity, entity_id, detail | {"文件名": path.name})
        self._ctx.record(MADE_ACTION, made.entity, made.entity_id, made.detail)
        self._made[path] = made
        return path

    def printed(self, path: Path, sent: bool = True) -> None:
        """The document at ``path`` was printed from the window: audit it (打印文件).

        ``sent``: handed to the printer; False when it was opened in the PDF viewer to print from there.
        """
        made = self._made.get(path) or _Made("document", None, {"文件名": path.name})
        how = "已交给打印机" if sent else "已在阅读器中打开，由阅读器打印"
        self._ctx.record(PRINTED_ACTION, made.entity, made.entity_id, made.detail | {"打印": how})

    # -- helpers --------------------------------------------------------------------------------------

    def _zone(self) -> tzinfo | None:
        return self._ctx.now().tzinfo

    def _today(self) -> date:
        return self._ctx.now().date()


def _voucher_item(voucher: VoucherView, kind: str, amount: str, note: str) -> CompensationItem:
    from ..documents.compensation_notice import CompensationItem

    return CompensationItem(
        kind, amount, note, voucher.code, voucher.uses_total, format_fen(voucher.value_per_use_fen),
        voucher.valid_until, voucher.usage_note,
    )  # fmt: skip


LOGO_MAX_BYTES = 5 * 1024 * 1024
LOGO_MAX_WIDTH = 600


def _load_logo(source: Path) -> Any:
    """The picture at ``source``, checked and scaled down, as a Pillow image."""
    from PIL import Image, UnidentifiedImageError

    try:
        if source.stat().st_size > LOGO_MAX_BYTES:
            raise ValidationError({"logo": "图片太大（超过 5 MB），请换一张小一些的图片"})
        with Image.open(source) as opened:
            image = opened.convert("RGBA")
    except FileNotFoundError:
        raise ValidationError({"logo": f"找不到这个文件：{source}"}) from None
    except (UnidentifiedImageError, OSError):
        raise ValidationError({"logo": "这个文件不是能识别的图片，请选择 PNG 或 JPG 图片"}) from None
    if image.width > LOGO_MAX_WIDTH:
        image = image.resize((LOGO_MAX_WIDTH, max(1, image.height * LOGO_MAX_WIDTH // image.width)))
    return image


def _write(path: Path, render: Callable[[Path], Path]) -> Path:
    """Render to a temporary file first, then put it in place: a failure never leaves half a PDF."""
    partial = path.with_name(path.name + ".part")
    try:
        render(partial)
        partial.replace(path)
    except PermissionError:
        partial.unlink(missing_ok=True)
        raise DomainError(f"无法保存 {path.name}：文件可能正在别的程序里打开。请关闭它后再试。") from None
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise DomainError(f"无法保存 {path.name}：{exc.strerror}。请检查磁盘空间和写入权限。") from None
    return path
