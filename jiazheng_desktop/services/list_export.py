"""导出 Excel: any list as the screen shows it (its search and filters) to an xlsx, for the window and the CLI.

Each export reads through the list's own service (the same query, the same filter type the page
builds), so the file holds exactly the rows the page shows, with the page's columns and a few more
that are useful in a spreadsheet. Cells are typed through ``services/xlsx.py``: dates are dates,
money is a number with two decimals, text never becomes a formula.

Who may export: every list here names people, so each needs the owner's password (``Authorization``
of ``Role.OWNER``), as DESIGN.md has it for every export of personal data; each method says what in
its list is personal. Each export writes one audit row (导出列表): which list, its filters, how many
rows, the file's name and who confirmed — never the rows themselves.

Exports read a lot (the customer list may have 100,000 rows, streamed a page at a time into a
write-only workbook): call them off the GUI thread. Their one write is the audit row, on that
thread's own connection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.customers import ContactChannel, CustomerType, VipTier
from ..domain.phones import phone_digits
from ..domain.privacy import Purpose
from ..domain.search_keys import classify_query, pinyin_keys
from ..domain.staff import Role
from .context import Authorization, ServiceContext
from .customers import CustomerFilter
from .workers import WorkerRow
from .xlsx import Column, Money, Number, Percent, XlsxBook, enum_label, write_xlsx

if TYPE_CHECKING:  # the complaint and voucher modules load when an export first needs them
    from ..domain.monthly_figures import Count, MonthlyFigures, Rate
    from .contracts import ContractService
    from .customers import CustomerService
    from .incident_lists import IncidentFilter, IncidentListService
    from .monthly_report import MonthlyReportService
    from .reminder_views import ReminderRow
    from .reminders import ReminderService
    from .voucher_views import VoucherFilter
    from .vouchers import VoucherService
    from .workers import WorkerService

EXPORT_ACTION = "导出列表"

Progress = Callable[[int, str], None]

LISTS: dict[str, str] = {
    "customers": "客户",
    "incidents": "投诉事件",
    "vouchers": "优惠券",
    "contracts": "续约",
    "reminders": "提醒",
    "workers": "服务人员",
    "report": "月度报表",
}
"""Each list that can be exported (its CLI name) and what it is called on screen and in file names."""

_ENTITY = {
    "customers": "customer",
    "incidents": "incident",
    "vouchers": "voucher",
    "contracts": "contract",
    "reminders": "reminder",
    "workers": "worker",
    "report": "report",
}
"""The audit row's entity for each list (the audit log shows it as 客户, 投诉, …)."""

_SORT_LABELS = {
    "name": "姓名",
    "address_as": "称呼",
    "phones": "电话",
    "district": "区",
    "customer_type": "类型",
    "vip_tier": "会员",
    "last_service_at": "最近服务",
    "created_at": "建档日期",
}
_VOUCHER_VIEWS = {
    "active": "可用",
    "used": "已用完",
    "expiring": "即将过期",
    "expired": "已过期",
    "void": "已作废",
    "all": "全部",
}

CUSTOMER_COLUMNS = (
    Column("客户编号", "int", 9),
    Column("称呼", "text", 12),
    Column("姓名", "text", 10),
    Column("电话", "text", 26),
    Column("区", "text", 10),
    Column("地址", "text", 36),
    Column("类型", "text", 10),
    Column("会员", "text", 8),
    Column("积分", "int", 8),
    Column("希望的联系方式", "text", 12),
    Column("最近服务", "datetime", 17),
    Column("建档日期", "datetime", 17),
)
INCIDENT_COLUMNS = (
    Column("编号", "text", 14),
    Column("客户", "text", 18),
    Column("类别", "text", 12),
    Column("严重程度", "text", 9),
    Column("状态", "text", 9),
    Column("当前步骤", "text", 9),
    Column("级别", "text", 10),
    Column("负责人", "text", 10),
    Column("服务人员", "text", 10),
    Column("登记时间", "datetime", 17),
    Column("下一期限", "datetime", 17),
    Column("期限说明", "text", 24),
)
VOUCHER_COLUMNS = (
    Column("券码", "text", 12),
    Column("种类", "text", 10),
    Column("客户", "text", 18),
    Column("面额", "money", 11),
    Column("余额", "money", 11),
    Column("每次金额", "money", 11),
    Column("剩余次数", "int", 9),
    Column("有效期至", "date", 12),
    Column("状态", "text", 8),
    Column("使用说明", "text", 30),
    Column("相关投诉", "text", 14),
    Column("发放时间", "datetime", 17),
)
CONTRACT_COLUMNS = (
    Column("合同编号", "int", 9),
    Column("客户", "text", 20),
    Column("套餐", "text", 14),
    Column("到期日", "date", 12),
    Column("剩余天数", "int", 9),
    Column("剩余", "text", 12),
    Column("金额", "money", 12),
    Column("最近跟进", "text", 30),
    Column("最近跟进时间", "datetime", 17),
)
REMINDER_COLUMNS = (
    Column("分组", "text", 9),
    Column("类型", "text", 12),
    Column("内容", "text", 50),
    Column("时间", "datetime", 17),
    Column("推迟到", "datetime", 17),
    Column("状态", "text", 8),
)
WORKER_COLUMNS = (
    Column("姓名", "text", 10),
    Column("电话", "text", 14),
    Column("技能", "text", 40),
    Column("背景调查日期", "date", 13),
    Column("状态", "text", 8),
)
_COUNT_COLUMNS = (Column("项目", "text", 30), Column("件数", "int", 9), Column("占比", "percent", 9))
_KEY_COLUMNS = (Column("项目", "text", 30), Column("数值", "auto", 16))
_RISK_COLUMNS = (Column("客户编号", "int", 9), Column("客户", "text", 20), Column("原因", "text", 60))
REPORT_SHEETS = ("本月要点", "投诉类别", "根本原因", "严重程度", "服务人员", "流失原因", "风险客户")
"""The 报表 screen's tables, one sheet each, in the screen's order."""

GROUP_TITLES = {"overdue": "逾期", "today": "今天", "upcoming": "即将到来"}


@dataclass(frozen=True)
class Exported:
    """What an export wrote."""

    path: Path
    rows: int
    """Rows of data written (all sheets together for the month's figures)."""
    list_name: str


def _phones(phones: str) -> str:
    return "、".join(p.strip() for p in (phones or "").split(",") if p.strip())


def worker_matches(worker: WorkerRow, text: str) -> bool:
    """The 服务人员 page's filter: ``text`` inside the name, phone, skills, status or pinyin keys."""
    kind, needle = classify_query(text)
    if kind == "empty":
        return True
    status = "在职" if worker.active else "停用"
    key = " ".join(
        (
            worker.name,
            worker.phone,
            phone_digits(worker.phone),
            worker.skills,
            status,
            pinyin_keys(worker.name),
        )
    ).lower()
    return needle.lower() in key


def default_file_name(list_key: str, today: date, month: tuple[int, int] | None = None) -> str:
    """``客户-2026-12-02.xlsx``; for the month's figures ``月度报表-2026-11.xlsx``."""
    name = LISTS[list_key]
    if month is not None:
        return f"{name}-{month[0]:04d}-{month[1]:02d}.xlsx"
    return f"{name}-{today:%Y-%m-%d}.xlsx"


class ListExportService:
    """The lists' exports; each reads through the list's own service."""

    def __init__(
        self,
        context: ServiceContext,
        customers: CustomerService,
        workers: WorkerService,
        incident_lists: Callable[[], IncidentListService],
        vouchers: Callable[[], VoucherService],
        contracts: Callable[[], ContractService],
        reminders: Callable[[], ReminderService],
        monthly_report: Callable[[], MonthlyReportService],
    ) -> None:
        self._ctx = context
        self._customers = customers
        self._workers = workers
        self._incident_lists = incident_lists
        self._vouchers = vouchers
        self._contracts = contracts
        self._reminders = reminders
        self._monthly_report = monthly_report

    # -- the lists ------------------------------------------------------------------------------------

    def export_customers(
        self, flt: CustomerFilter, target: Path, auth: Authorization | None, progress: Progress | None = None
    ) -> Exported:
        """The 客户 list for ``flt`` (search text, type, VIP tier, consent, sort) as the page shows it.

        Personal data: names, phones and addresses of customers, so the owner confirms. Erased
        customers are never in it (as in the list). Streamed: rows come a page at a time.
        """
        self._start(auth)
        customers = self._customers
        total = customers.count(flt)
        zone = self._zone()

        def fill(book: XlsxBook) -> int:
            sheet = book.sheet("客户", CUSTOMER_COLUMNS)
            for page in customers.export_pages(flt):
                for item in page:
                    row = item.row
                    sheet.append(
                        (row.id, row.address_as, row.name, _phones(row.phones), row.district, item.address,
                         enum_label(CustomerType, row.customer_type), enum_label(VipTier, row.vip_tier), item.points,
                         enum_label(ContactChannel, item.contact_channel), _local(row.last_service_at, zone),
                         _local(row.created_at, zone))
                    )  # fmt: skip
                _report(progress, sheet.rows, total)
            return sheet.rows

        return self._write("customers", target, auth, fill, self.describe_customers(flt))

    def export_incidents(
        self, flt: IncidentFilter, target: Path, auth: Authorization | None, progress: Progress | None = None
    ) -> Exported:
        """The 投诉事件 list for the page's view, level, category and worker, in the page's order.

        Personal data: each complaint names its customer (and the worker), so the owner confirms.
        """
        self._start(auth)
        lists = self._incident_lists()
        total = lists.count(flt)
        zone = self._zone()

        def fill(book: XlsxBook) -> int:
            sheet = book.sheet("投诉事件", INCIDENT_COLUMNS)
            for row in lists.all_rows(flt):  # keyset pages, never all in memory
                sheet.append(
                    (row.number, row.customer_label, row.category.label, row.severity.label, row.status.label,
                     row.current_step.label if row.current_step is not None else "", row.level.label,
                     row.owner_name, row.worker_name, _local(row.reported_at, zone), _local(row.next_due, zone),
                     row.next_due_label)
                )  # fmt: skip
            _report(progress, sheet.rows, total)
            return sheet.rows

        return self._write("incidents", target, auth, fill, self.describe_incidents(flt))

    def export_vouchers(
        self, flt: VoucherFilter, target: Path, auth: Authorization | None, progress: Progress | None = None
    ) -> Exported:
        """The 优惠券 list for the page's search text, view and kind, newest first.

        Personal data: each voucher names its customer, so the owner confirms.
        """
        self._start(auth)
        vouchers = self._vouchers()
        zone = self._zone()

        def fill(book: XlsxBook) -> int:
            sheet = book.sheet("优惠券", VOUCHER_COLUMNS)
            # Every matching voucher in the page's order, read a keyset page at a time.
            for row in vouchers.listing(flt).walk():
                sheet.append(
                    (row.code, row.kind.label, row.customer_label, row.value_fen, row.balance_fen,
                     row.value_per_use_fen or None, row.uses_left if row.value_per_use_fen else None,
                     row.valid_until, row.status.label, row.usage_note, row.incident_number,
                     _local(row.created_at, zone))
                )  # fmt: skip
            _report(progress, sheet.rows, sheet.rows)
            return sheet.rows

        return self._write("vouchers", target, auth, fill, self.describe_vouchers(flt))

    def export_contracts(
        self, days: int, target: Path, auth: Authorization | None, progress: Progress | None = None
    ) -> Exported:
        """The 续约 list: active contracts ending within ``days`` (and run-out ones with no outcome).

        Personal data: each contract names its customer, so the owner confirms.
        """
        self._start(auth)
        contracts = self._contracts()
        zone = self._zone()

        def fill(book: XlsxBook) -> int:
            sheet = book.sheet("续约", CONTRACT_COLUMNS)
            for row in contracts.renewals_listing(days).walk():  # a keyset page at a time
                sheet.append(
                    (row.contract_id, row.customer_label, row.package, row.end_on, row.days_left,
                     row.days_left_text, row.price_fen, row.last_text, _local(row.last_at, zone))
                )  # fmt: skip
            _report(progress, sheet.rows, sheet.rows)
            return sheet.rows

        return self._write("contracts", target, auth, fill, {"到期范围": f"未来 {days} 天"})

    def reminder_rows(self, kind: str | None = None) -> Iterator[ReminderRow]:
        """The 提醒 page's rows for ``kind`` (None: every kind): 逾期, 今天, 即将到来, each soonest first,
        read a keyset page at a time."""
        return self._reminders().listing(kind).walk()

    def export_reminders(
        self, kind: str | None, target: Path, auth: Authorization | None, progress: Progress | None = None
    ) -> Exported:
        """The 提醒 list (every reminder still waiting, of ``kind`` or all) in the page's groups.

        Personal data: reminders name the customer to call back or whose contract ends, so the
        owner confirms.
        """
        self._start(auth)
        zone = self._zone()

        def fill(book: XlsxBook) -> int:
            sheet = book.sheet("提醒", REMINDER_COLUMNS)
            for row in self.reminder_rows(kind):
                snoozed = _local(row.wake_at, zone) if row.wake_at != row.due_at else None
                sheet.append(
                    (GROUP_TITLES[row.group], row.kind_label, row.title, _local(row.due_at, zone), snoozed,
                     row.state.label)
                )  # fmt: skip
            _report(progress, sheet.rows, sheet.rows)
            return sheet.rows

        from ..domain.reminders import Kind as ReminderKind

        flt = {"类型": enum_label(ReminderKind, kind) if kind else "全部"}
        return self._write("reminders", target, auth, fill, flt)

    def export_workers(
        self,
        text: str,
        target: Path,
        auth: Authorization | None,
        progress: Progress | None = None,
        *,
        active_only: bool = False,
    ) -> Exported:
        """The 服务人员 list, narrowed by the page's filter text (and 只看在职); active first, then by name.

        Personal data: the workers' names and phone numbers (PIPL protects staff as it does
        customers), so the owner confirms.
        """
        self._start(auth)

        def fill(book: XlsxBook) -> int:
            sheet = book.sheet("服务人员", WORKER_COLUMNS)
            for worker in self._workers.list(include_inactive=not active_only):
                if worker_matches(worker, text):
                    sheet.append(
                        (worker.name, worker.phone, worker.skills, worker.background_check_on,
                         "在职" if worker.active else "停用")
                    )  # fmt: skip
            _report(progress, sheet.rows, sheet.rows)
            return sheet.rows

        filters: dict[str, Any] = {"筛选": text.strip()} if text.strip() else {}
        if active_only:
            filters["只看在职"] = True
        return self._write("workers", target, auth, fill, filters)

    def export_report(
        self,
        year: int,
        month: int,
        target: Path,
        auth: Authorization | None,
        progress: Progress | None = None,
    ) -> Exported:
        """The 报表 screen's month: its key figures and each of its tables, one sheet each.

        Personal data: the 风险客户 table names customers (and 服务人员 names workers), so the owner
        confirms, as for the printed monthly report's customers at risk.
        """
        self._start(auth)
        if progress is not None:
            progress(5, "正在计算本月数据…")
        figures = self._monthly_report().figures(year, month)

        def fill(book: XlsxBook) -> int:
            return write_report(book, figures)

        _report(progress, 1, 1)
        return self._write("report", target, auth, fill, {"月份": f"{year} 年 {month} 月"}, figures.title)

    # -- what the audit row says about the filters ------------------------------------------------------

    @staticmethod
    def describe_customers(flt: CustomerFilter) -> dict[str, Any]:
        detail: dict[str, Any] = {}
        if flt.text.strip():
            detail["搜索"] = flt.text.strip()
        if flt.customer_type:
            detail["类型"] = enum_label(CustomerType, flt.customer_type)
        if flt.vip_tier is not None:
            detail["会员"] = enum_label(VipTier, flt.vip_tier)
        if flt.consent:
            detail["同意"] = enum_label(Purpose, flt.consent)
        detail["排序"] = _SORT_LABELS.get(flt.sort, flt.sort) + ("（倒序）" if flt.descending else "")
        return detail

    def describe_incidents(self, flt: IncidentFilter) -> dict[str, Any]:
        from ..domain.deadlines import Level
        from ..domain.incidents import Category
        from .incident_lists import VIEWS as INCIDENT_VIEWS

        detail: dict[str, Any] = {"视图": INCIDENT_VIEWS.get(flt.view, flt.view)}
        if flt.level is not None:
            detail["级别"] = enum_label(Level, flt.level)
        if flt.category:
            detail["类别"] = enum_label(Category, flt.category)
        if flt.worker_id is not None:
            names = {w.id: w.name for w in self._workers.list()}
            detail["服务人员"] = names.get(flt.worker_id, f"#{flt.worker_id}")
        if flt.customer_id is not None:
            detail["客户"] = f"#{flt.customer_id}"
        return detail

    @staticmethod
    def describe_vouchers(flt: VoucherFilter) -> dict[str, Any]:
        from ..domain.vouchers import VoucherKind

        detail: dict[str, Any] = {"视图": _VOUCHER_VIEWS.get(flt.view, flt.view)}
        if flt.text.strip():
            detail["搜索"] = flt.text.strip()
        if flt.kind:
            detail["种类"] = enum_label(VoucherKind, flt.kind)
        if flt.customer_id is not None:
            detail["客户"] = f"#{flt.customer_id}"
        return detail

    # -- shared ----------------------------------------------------------------------------------------

    def _start(self, auth: Authorization | None) -> None:
        self._ctx.require(auth, Role.OWNER, EXPORT_ACTION)

    def _zone(self) -> tzinfo | None:
        return self._ctx.now().tzinfo

    def _write(
        self,
        list_key: str,
        target: Path,
        auth: Authorization | None,
        fill: Callable[[XlsxBook], int],
        filters: dict[str, Any],
        title: str = "",
    ) -> Exported:
        """Write the file whole (or not at all), then its audit row (the file is removed if that fails)."""
        auth = self._ctx.require(auth, Role.OWNER, EXPORT_ACTION)
        name = LISTS[list_key]
        rows = write_xlsx(target, fill, title or name)
        detail = {
            "列表": name,
            "筛选": filters or "无",
            "行数": rows,
            "文件": target.name,
            "确认人": auth.name,
        }
        try:
            self._ctx.record(EXPORT_ACTION, _ENTITY[list_key], None, detail)
        except BaseException:
            target.unlink(missing_ok=True)  # an export nobody can see in the log did not happen
            raise
        return Exported(target, rows, name)


def write_report(book: XlsxBook, figures: MonthlyFigures) -> int:
    """The month's figures as the 报表 screen shows them: one sheet per table; returns the rows written."""
    f = figures
    title = f.title

    def rate(r: Rate) -> Any:
        return Percent(r.part / r.whole) if r.whole else "—"

    def optional(value: float | None, unit_format: str) -> Any:
        return Number(value, unit_format) if value is not None else "—"

    key_rows: Sequence[tuple[str, Any]] = (
        ("新客户", f.new_customers),
        ("活跃客户", f.active_customers),
        ("服务收入（元）", Money(f.revenue_fen)),
        ("投诉", f.incidents_total),
        ("期限内首次响应", rate(f.first_response)),
        ("首次响应尚未到期", f.first_response_pending),
        ("已解决", f.resolved_count),
        ("解决用时（中位数，小时）", optional(f.median_resolve_hours, "0.0")),
        ("按时回访", rate(f.callbacks)),
        ("平均满意度（分）", optional(f.average_satisfaction, "0.0")),
        ("有评分的回访", f.scored_callbacks),
        ("满意度回访", f.surveys_total),
        ("满意度回访平均分", optional(f.average_survey_score, "0.0")),
        ("补偿发放（元）", Money(f.compensation_issued_fen)),
        ("补偿已使用（元）", Money(f.compensation_redeemed_fen)),
        ("获补偿的客户", f.compensated_customers),
        ("其中本月仍有服务", f.kept_customers),
        ("挽回客户的收入（元）", Money(f.revenue_kept_fen)),
        ("到期合同", f.renewals_due),
        ("续约", f.renewals_won),
        ("流失", f.renewals_lost),
        ("未定", f.renewals_open),
        ("续约率", rate(f.renewal_rate)),
        ("风险客户", f.at_risk_total),
        ("推荐佣金产生（元）", Money(f.commission_earned_fen)),
        ("推荐佣金结算（元）", Money(f.commission_settled_fen)),
    )
    written = book.sheet("本月要点", _KEY_COLUMNS, f"{title} · 本月要点").extend(key_rows)

    def counts(sheet_title: str, items: Sequence[Count]) -> int:
        total = sum(c.count for c in items)
        sheet = book.sheet(sheet_title, _COUNT_COLUMNS, f"{title} · {sheet_title}")
        return sheet.extend((c.label, c.count, c.count / total if total else None) for c in items)

    written += counts("投诉类别", f.by_category)
    written += counts("根本原因", f.by_root_cause)
    written += counts("严重程度", f.by_severity)
    written += counts("服务人员", f.by_worker)
    written += counts("流失原因", f.lost_reasons)
    caption = f"{title} · 风险客户"
    if f.at_risk_total > len(f.at_risk):
        caption += f"（共 {f.at_risk_total} 位，列出最需要关注的 {len(f.at_risk)} 位）"
    risk = book.sheet("风险客户", _RISK_COLUMNS, caption)
    written += risk.extend((c.customer_id, c.label, c.reason_text) for c in f.at_risk)
    return written


def _local(moment: datetime | None, zone: tzinfo | None) -> datetime | None:
    return moment.astimezone(zone) if moment is not None else None


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(min(95, done * 95 // max(total, 1)), f"已写入 {done:,} / {total:,} 行…")
