"""Use cases: one call per thing a user does, each one transaction with an audit row."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.clock import Clock
from .callbacks import CallbackService
from .context import ServiceContext
from .customers import CustomerService
from .incident_lists import IncidentListService
from .incidents import IncidentService
from .onboarding import OnboardingService
from .scripts import ScriptService
from .service_records import ServiceRecordService
from .settings import SettingsService
from .staff import StaffService
from .workers import WorkerService


@dataclass
class Services:
    """Every service, sharing one context (the clock and who is at the desk)."""

    context: ServiceContext
    customers: CustomerService
    workers: WorkerService
    service_records: ServiceRecordService
    staff: StaffService
    settings: SettingsService
    onboarding: OnboardingService
    incidents: IncidentService
    incident_lists: IncidentListService
    callbacks: CallbackService
    scripts: ScriptService


def build_services(clock: Clock) -> Services:
    """Wire the services over the already opened database (``storage.models.db``)."""
    context = ServiceContext(clock=clock)
    settings = SettingsService(context)
    incidents = IncidentService(context, settings)
    return Services(
        context=context,
        customers=CustomerService(context),
        workers=WorkerService(context),
        service_records=ServiceRecordService(context),
        staff=StaffService(context),
        settings=settings,
        onboarding=OnboardingService(context, settings),
        incidents=incidents,
        incident_lists=IncidentListService(context, incidents),
        callbacks=CallbackService(context, incidents),
        scripts=ScriptService(context, settings, incidents),
    )
