"""One more PC of the office, as a process of its own: it opens the same server and does one thing.

Each function runs in a process started with ``spawn`` (as a second program instance would be), takes
the server's address as JSON and answers through a queue; a barrier lines the PCs up so that they act
at the same moment.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from jiazheng_desktop.domain.clock import FixedClock
from jiazheng_desktop.domain.errors import DomainError
from jiazheng_desktop.services import Services, build_services
from jiazheng_desktop.services.office_feed import join_office
from jiazheng_desktop.storage.database import close_database
from jiazheng_desktop.storage.office_server import ServerAddress
from jiazheng_desktop.storage.postgres import open_server


def _services(address: str, now: str, documents: str) -> Services:
    """The PC's services on the server, joined to the office feed as the program joins it at start."""
    server = ServerAddress.from_json(address)
    open_server(server)
    services = build_services(FixedClock(datetime.fromisoformat(now)), Path(documents))
    join_office(services.context, server).wait_listening()
    owner = services.staff.list()[0]
    services.staff.set_on_duty(owner.id)
    return services


def raise_reminders(address: str, now: str, documents: str, barrier: Any, answers: Any) -> None:
    """Raise what is due, as the reminder timer of every PC does at the same minute."""
    services = _services(address, now, documents)
    barrier.wait(timeout=60)
    raised: list[int] = []
    for _ in range(5):
        raised += [row.id for row in services.reminders.raise_due()]
    close_database()
    answers.put(raised)


def redeem(address: str, now: str, documents: str, code: str, visit: int, barrier: Any, answers: Any) -> None:
    """Redeem a voucher at a desk."""
    services = _services(address, now, documents)
    barrier.wait(timeout=60)
    try:
        services.vouchers.redeem(code, visit)
        answers.put("ok")
    except DomainError as exc:
        answers.put(str(exc))
    finally:
        close_database()


def rename_customer(address: str, now: str, documents: str, customer: int, name: str, answers: Any) -> None:
    """Change a customer's name at another desk."""
    services = _services(address, now, documents)
    draft = services.customers.draft_for(customer)
    from dataclasses import replace

    services.customers.update(customer, replace(draft, name=name))
    close_database()
    answers.put("saved")


def edit_customer(
    address: str, now: str, documents: str, customer: int, name: str, barrier: Any, answers: Any
) -> None:
    """Open a customer's dialog (read it and its version), then save a new name at the same moment as
    another desk."""
    from dataclasses import replace

    from jiazheng_desktop.domain.errors import ConflictError

    services = _services(address, now, documents)
    version = services.customers.get(customer).row_version
    draft = services.customers.draft_for(customer)
    barrier.wait(timeout=60)
    try:
        services.customers.update(customer, replace(draft, name=name), expected_version=version)
        answers.put(("saved", name))
    except ConflictError as exc:
        answers.put(("refused", str(exc)))
    finally:
        close_database()
