"""改约回访: move a resolved incident's day-3 callback to a time the customer asked for.

Times are shown and typed as wall-clock time in the injected clock's zone (not this computer's), so the
edit is kept in UTC and only its date and time fields are read. A refused time is shown next to the field;
the dialog stays open and keeps what was chosen.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...services import Services
from ...services.callbacks import RESCHEDULE_DAYS_MAX, callback_windows_text
from ..common import theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr

_ERROR_STYLE = theme.ERROR_STYLE
WALL_ZONE = QTimeZone(QTimeZone.Initialization.UTC)
"""The edit's own zone: no conversion, what it shows is the wall-clock time in the clock's zone."""
_WALL = WALL_ZONE


def to_wall(moment: datetime, zone: tzinfo | None) -> QDateTime:
    """``moment``'s wall-clock time in ``zone``, to the minute, as the edit shows it."""
    local = moment.astimezone(zone)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute), _WALL)


def from_wall(value: QDateTime, zone: tzinfo | None) -> datetime:
    """What the edit shows as an aware datetime in ``zone``."""
    day, clock = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(), tzinfo=zone)


class RescheduleCallbackDialog(QDialog):
    """Moves the callback of ``incident_id`` through ``services.callbacks.reschedule``.

    After OK went through: ``new_time`` is the stored time, ``rescheduled`` has been emitted with the
    incident id and the dialog is accepted. Raises ``NotFoundError`` when the incident no longer exists.
    """

    rescheduled = Signal(int)

    def __init__(self, services: Services, incident_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.incident_id = incident_id
        self.new_time: datetime | None = None
        view = services.incidents.get(incident_id)
        self._row_version = view.row_version
        """The incident as read here: a move over someone else's change since is refused, the time kept."""
        now = services.context.now()
        self._zone = now.tzinfo
        self.setWindowTitle(tr("RescheduleCallbackDialog", "改约回访：{number}").format(number=view.number))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)

        customer = (
            tr("RescheduleCallbackDialog", "{address_as}（{name}）").format(
                address_as=view.customer_label, name=view.customer_name
            )
            if view.customer_name and view.customer_name != view.customer_label
            else view.customer_label
        )
        self.customer_label = QLabel(
            tr("RescheduleCallbackDialog", "客户：{customer} · 联系时段：{windows}（避开用餐时间）").format(
                customer=customer, windows=callback_windows_text(view.contact_start, view.contact_end)
            ),
            self,
        )
        self.customer_label.setWordWrap(True)
        layout.addWidget(self.customer_label)
        if view.callback_due_at is not None:
            current = to_wall(view.callback_due_at, self._zone).toString("yyyy-MM-dd HH:mm")
            self.current_label = QLabel(
                tr("RescheduleCallbackDialog", "原定回访时间：{time}").format(time=current), self
            )
            layout.addWidget(self.current_label)

        form = QFormLayout()
        self.when_edit = QDateTimeEdit(self)
        self.when_edit.setTimeZone(_WALL)
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when_edit.setDateTimeRange(
            to_wall(now, self._zone), to_wall(now + timedelta(days=RESCHEDULE_DAYS_MAX), self._zone)
        )
        self.when_edit.setDateTime(to_wall(view.callback_due_at or now, self._zone))
        form.addRow(tr("RescheduleCallbackDialog", "改到(&T)："), self.when_edit)
        self.when_error = QLabel(self)
        self.when_error.setWordWrap(True)
        self.when_error.setStyleSheet(_ERROR_STYLE)
        form.addRow("", self.when_error)
        layout.addLayout(form)
        self.form_error = QLabel(self)
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet(_ERROR_STYLE)
        layout.addWidget(self.form_error)

        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("RescheduleCallbackDialog", "确定改约"))
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(
            tr("RescheduleCallbackDialog", "取消")
        )
        self.button_box.accepted.connect(self._on_ok_clicked)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)
        self.errors = FieldErrors({"when": (self.when_error, self.when_edit)}, fallback=self.form_error)
        self.when_edit.setFocus()

    def chosen_time(self) -> datetime:
        """The time in the edit, in the clock's zone."""
        return from_wall(self.when_edit.dateTime(), self._zone)

    def set_chosen_time(self, moment: datetime) -> None:
        """Put ``moment`` in the edit (within its range), as if picked by hand."""
        self.when_edit.setDateTime(to_wall(moment, self._zone))

    def _on_ok_clicked(self) -> None:
        when = self.chosen_time()

        def reschedule() -> None:
            self.new_time = self._services.callbacks.reschedule(
                self.incident_id, when, expected_version=self._row_version
            )

        if self.errors.attempt(self, reschedule) and self.new_time is not None:
            self.rescheduled.emit(self.incident_id)
            self.accept()
