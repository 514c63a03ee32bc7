"""An incident step saved from two PCs: the detail whose save comes second is refused and keeps its form."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPlainTextEdit

from jiazheng_desktop.domain.incidents import Category, Step
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.gui.incidents.detail import IncidentDetail
from jiazheng_desktop.services import build_services
from jiazheng_desktop.services.incidents import IncidentDraft
from tests.conftest import make_draft


def test_a_refused_step_keeps_what_was_typed_and_says_who(
    qtbot, services, owner_auth, clock, no_message_boxes
) -> None:
    services.scripts.ensure_seeded()
    customer = services.customers.create(make_draft())
    incident = services.incidents.open_incident(
        IncidentDraft(customer, Category.LATE.value, 2, customer_said="阿姨迟到了一个小时")
    )
    detail = IncidentDetail(services)
    qtbot.addWidget(detail)
    detail.show()
    detail.show_incident(incident)

    other = build_services(clock)
    other.staff.set_on_duty(services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth))
    clock.advance(timedelta(minutes=3))
    seen = other.incidents.get(incident)
    other.incidents.complete_step(
        incident,
        Step.IDENTIFY,
        {"what_happened": "地铁停运", "root_cause": "交通"},
        expected_version=seen.row_version,
    )

    form = detail.forms[Step.IDENTIFY]
    what = form.widgets["what_happened"]
    cause = form.widgets["root_cause"]
    assert isinstance(what, QPlainTextEdit) and isinstance(cause, QComboBox)
    what.setPlainText("阿姨记错了时间")
    cause.setCurrentIndex(cause.findData("预约失误"))
    qtbot.mouseClick(detail.ui.complete_button, Qt.MouseButton.LeftButton)

    assert len(no_message_boxes) == 1 and "周晓燕" in no_message_boxes[0]
    assert what.toPlainText() == "阿姨记错了时间"
    assert services.incidents.get(incident).steps[Step.IDENTIFY].data["what_happened"] == "地铁停运"
