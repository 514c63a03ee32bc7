"""Use cases: one call per thing a user does, each one transaction with an audit row."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..domain.clock import Clock
from ..storage.database import close_database, translate_error
from ..storage.models import db
from .context import ServiceContext
from .onboarding import OnboardingService
from .service_records import ServiceRecordService
from .settings import SettingsService
from .staff import StaffService
from .workers import WorkerService

T = TypeVar("T")

if TYPE_CHECKING:
    from ..storage.models import ServiceRecord
    from .audit_log import AuditLogService
    from .backups import BackupPlace, BackupService
    from .callbacks import CallbackService
    from .campaigns import CampaignService
    from .consents import ConsentService
    from .contracts import ContractService
    from .customer_export import CustomerExportService
    from .customers import CustomerService
    from .documents import DocumentService
    from .erasure import ErasureService
    from .imports import ImportService
    from .incident_lists import IncidentListService
    from .incident_rules import IncidentRulesService
    from .incidents import IncidentService
    from .inquiries import InquiryService
    from .lifecycle import LifecycleService
    from .list_export import ListExportService
    from .monthly_report import MonthlyReportService
    from .personal_data import PersonalDataService
    from .points import PointsService
    from .referrals import ReferralService
    from .reminders import ReminderService
    from .retention import RetentionService
    from .scripts import ScriptService
    from .security import SecurityService
    from .surveys import SurveyService
    from .vouchers import VoucherService
    from .workbench import WorkbenchService


class Services:
    """Every service, sharing one context (the clock and who is at the desk).

    The complaint services are made (and their modules loaded) on first use, so the
    window does not wait for them at start-up.
    """

    def __init__(
        self, context: ServiceContext, documents_folder: Path | None = None, rng: random.Random | None = None
    ) -> None:
        self.context = context
        self.documents_folder = documents_folder
        """Where printed documents are saved (the data folder's ``documents/``)."""
        self.rng = rng
        """Where voucher codes come from: None (the system's secure source) except for demo data."""
        self.settings = SettingsService(context)
        self.workers = WorkerService(context)
        self.service_records = ServiceRecordService(context, after_add=self._after_visit)
        self.staff = StaffService(context)
        self.onboarding = OnboardingService(context, self.settings)
        self.backup_place: BackupPlace | None = None
        """The open database, its backup folder and key (set by whoever opened the file)."""
        context.reminder_sync = lambda subject, subject_id, acted: self.reminders.sync(
            subject, subject_id, acted
        )

    @cached_property
    def customers(self) -> CustomerService:
        from .customers import CustomerService  # with the search and the import: when first needed

        return CustomerService(self.context, lambda: self.consents)

    @cached_property
    def backups(self) -> BackupService:
        from .backups import BackupService

        return BackupService(self.context, self.settings, lambda: self.backup_place)

    @cached_property
    def security(self) -> SecurityService:
        from .security import SecurityService

        return SecurityService(
            self.context, self.settings, lambda: self.backup_place, lambda: self.documents.letterhead()
        )

    @cached_property
    def consents(self) -> ConsentService:
        from .consents import ConsentService

        return ConsentService(self.context)

    @cached_property
    def erasure(self) -> ErasureService:
        from .erasure import ErasureService

        return ErasureService(self.context, self.consents, lambda: self.vouchers, self.documents_folder)

    @cached_property
    def retention(self) -> RetentionService:
        from .retention import RetentionService

        return RetentionService(self.context, self.settings, lambda: self.erasure)

    @cached_property
    def incident_rules(self) -> IncidentRulesService:
        from .incident_rules import IncidentRulesService

        return IncidentRulesService(self.context, self.settings)

    @cached_property
    def incidents(self) -> IncidentService:
        from .incidents import IncidentService

        return IncidentService(self.context, self.incident_rules, self.vouchers, self.service_records)

    @cached_property
    def vouchers(self) -> VoucherService:
        from .vouchers import VoucherService

        return VoucherService(self.context, self.settings, self.incident_rules, self.consents, self.rng)

    @cached_property
    def incident_lists(self) -> IncidentListService:
        from .incident_lists import IncidentListService

        return IncidentListService(self.context, self.incident_rules)

    @cached_property
    def callbacks(self) -> CallbackService:
        from .callbacks import CallbackService

        return CallbackService(self.context, self.incidents, self.consents)

    @cached_property
    def scripts(self) -> ScriptService:
        from .scripts import ScriptService

        return ScriptService(self.context, self.settings, self.incidents, self.consents)

    @cached_property
    def contracts(self) -> ContractService:
        from .contracts import ContractService

        return ContractService(self.context, lambda: self.vouchers)

    @cached_property
    def inquiries(self) -> InquiryService:
        from .inquiries import InquiryService

        return InquiryService(self.context, self.customers, lambda: self.reminders)

    @cached_property
    def surveys(self) -> SurveyService:
        from .surveys import SurveyService

        return SurveyService(self.context, self.settings, self.consents)

    @cached_property
    def lifecycle(self) -> LifecycleService:
        from .lifecycle import LifecycleService

        return LifecycleService(self.context, self.settings)

    @cached_property
    def campaigns(self) -> CampaignService:
        from .campaigns import CampaignService

        return CampaignService(
            self.context,
            self.consents,
            lambda: self.scripts,
            lambda: self.vouchers,
            lambda: self.lifecycle,
            lambda: self.incident_rules,
        )

    @cached_property
    def referrals(self) -> ReferralService:
        from .referrals import ReferralService

        return ReferralService(self.context, self.settings, lambda: self.vouchers, lambda: self.points)

    @cached_property
    def points(self) -> PointsService:
        from .points import PointsService

        return PointsService(self.context, self.settings, lambda: self.vouchers)

    @cached_property
    def reminders(self) -> ReminderService:
        from .reminders import ReminderService

        return ReminderService(self.context, self.settings, self.incident_rules)

    @cached_property
    def documents(self) -> DocumentService:
        from .documents import DocumentService

        return DocumentService(
            self.context,
            self.settings,
            lambda: self.incidents,
            lambda: self.vouchers,
            self.documents_folder,
            lambda: self.monthly_report,
            lambda: self.personal_data,
        )

    @cached_property
    def personal_data(self) -> PersonalDataService:
        from .personal_data import PersonalDataService

        return PersonalDataService(self.context, self.retention, self.consents, self.backups)

    @cached_property
    def customer_export(self) -> CustomerExportService:
        from .customer_export import CustomerExportService

        return CustomerExportService(self.context, self.consents, self.audit_log, lambda: self.documents)

    @cached_property
    def list_export(self) -> ListExportService:
        from .list_export import ListExportService

        return ListExportService(
            self.context,
            self.customers,
            self.workers,
            lambda: self.incident_lists,
            lambda: self.vouchers,
            lambda: self.contracts,
            lambda: self.reminders,
            lambda: self.monthly_report,
        )

    @cached_property
    def monthly_report(self) -> MonthlyReportService:
        from .monthly_report import MonthlyReportService

        return MonthlyReportService(self.context, self.incident_rules.policy, lambda: self.lifecycle)

    @cached_property
    def workbench(self) -> WorkbenchService:
        from .workbench import WorkbenchService

        return WorkbenchService(self.context, self.incident_rules, self.contracts)

    @cached_property
    def imports(self) -> ImportService:
        from .imports import ImportService

        return ImportService(self.context, self.settings, self.customers)

    @cached_property
    def audit_log(self) -> AuditLogService:
        from .audit_log import AuditLogService

        return AuditLogService(self.context)

    def _after_visit(self, record: ServiceRecord) -> None:
        """Inside the visit's transaction: a paid visit earns points (and may move the tier), a referred
        customer's first paid visit rewards the referrer (and a paid visit earns the commission the rule
        gives), a caller who has now been served needs no inquiry follow-up, the visit may want a survey,
        and the customer's stage moves."""
        if record.amount_fen > 0:
            self.points.on_visit_added(record)
            self.referrals.on_visit_added(record)
        self.inquiries.on_visit_added(record.customer_id)
        self.surveys.on_visit_added(record)
        self.lifecycle.refresh(record.customer_id)  # the list's 阶段 and 流失风险 at once


def read_in_background(read: Callable[[], T], deliver: Callable[[T | Exception], None]) -> threading.Thread:
    """Run a read-only ``read`` on a thread of its own, then ``deliver`` its result (or the error).

    ``deliver`` is called on that thread: a GUI hands it to a Qt signal. The thread's own database
    connection is closed afterwards. Writes never go through here.
    """

    def work() -> None:
        try:
            result: T | Exception = read()
        except Exception as exc:  # handed over whole: the caller shows it
            # A lost office server, a locked or full disk: the user's message, not a programming error.
            translated = translate_error(exc, Path(db.database or ""), saving=False)
            result = exc if translated is None else translated
        finally:
            close_database()
        try:
            deliver(result)
        except RuntimeError:
            pass  # whoever asked is gone (the window closed meanwhile): nobody to tell

    thread = threading.Thread(target=work, name="background-read", daemon=True)
    thread.start()
    return thread


def build_services(
    clock: Clock, documents_folder: Path | None = None, rng: random.Random | None = None
) -> Services:
    """Wire the services over the already opened database (``storage.models.db``).

    ``rng``: a seeded source of voucher codes, for demo data that comes out the same every time;
    None (always, outside the demo) uses the system's secure random source.
    """
    return Services(ServiceContext(clock=clock), documents_folder, rng)
