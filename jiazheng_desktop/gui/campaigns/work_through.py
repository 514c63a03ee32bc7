"""逐个发送: the front desk works through a campaign one customer at a time.

Each customer's personal message is ready; 复制 puts it on the clipboard (to paste into WeChat or an
SMS), 已发送 keeps it as sent and moves on, 跳过 moves on without it, 不要再发 (after a confirmation)
withdraws the customer's marketing consent. Every step is saved at once, so closing the window and
opening it again resumes at the next customer.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaigns import progress_text
from ...domain.customers import ContactChannel
from ...domain.errors import DomainError
from ...services import Services
from ...services.campaigns import RecipientView
from ..common import messages, theme
from ..common.i18n import tr

COPY_KEY = "F6"
SENT_KEY = "F7"
SKIP_KEY = "F8"
STOP_KEY = "F9"


class WorkThroughDialog(QDialog):
    """One customer at a time, resumed from wherever the campaign was left."""

    def __init__(self, services: Services, campaign_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._campaign_id = campaign_id
        self.current: RecipientView | None = None
        campaign = services.campaigns.get(campaign_id)
        self.setWindowTitle(tr("WorkThrough", "逐个发送 - {name}").format(name=campaign.name))
        self.resize(640, 480)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("progress_label")
        self.customer_label = QLabel(self)
        self.customer_label.setObjectName("customer_label")
        self.customer_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.contact_label = QLabel(self)
        self.contact_label.setObjectName("contact_label")
        self.warning_label = QLabel(self)
        self.warning_label.setObjectName("warning_label")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(theme.ERROR_STYLE)
        self.message_edit = QPlainTextEdit(self)
        self.message_edit.setObjectName("message_edit")
        self.message_edit.setToolTip(
            tr("WorkThrough", "可以先改一改再复制；点“已发送”时保存的就是这里的内容")
        )
        self.copy_button = self._button("copy_button", tr("WorkThrough", "复制"), COPY_KEY)
        self.sent_button = self._button("sent_button", tr("WorkThrough", "已发送 → 下一位"), SENT_KEY)
        self.skip_button = self._button("skip_button", tr("WorkThrough", "跳过"), SKIP_KEY)
        self.stop_button = self._button("stop_button", tr("WorkThrough", "不要再发"), STOP_KEY)
        self.close_button = QPushButton(tr("WorkThrough", "关闭（进度已保存）"), self)
        self.close_button.setObjectName("close_button")
        self.copy_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy_message)
        self.sent_button.clicked.connect(self.mark_sent)
        self.skip_button.clicked.connect(self.skip)
        self.stop_button.clicked.connect(self.stop)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.copy_button, self.sent_button, self.skip_button, self.stop_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.customer_label)
        layout.addWidget(self.contact_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.message_edit, 1)
        layout.addLayout(buttons)
        self.load_next()

    def _button(self, name: str, text: str, key: str) -> QPushButton:
        button = QPushButton(f"{text}（{key}）", self)
        button.setObjectName(name)
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setObjectName(f"{name}_shortcut")
        shortcut.activated.connect(button.click)  # a disabled button ignores its click
        return button

    # -- showing ------------------------------------------------------------------------------------

    def load_next(self) -> None:
        """Show the next customer still to do (or that everyone has been done) and the progress."""
        campaigns = self._services.campaigns
        self.current = campaigns.next_recipient(self._campaign_id)
        self.progress_label.setText(progress_text(campaigns.progress(self._campaign_id)))
        current = self.current
        acting = current is not None
        for button in (self.copy_button, self.sent_button, self.skip_button, self.stop_button):
            button.setEnabled(acting)
        if current is None:
            self.customer_label.setText(tr("WorkThrough", "全部处理完了"))
            self.contact_label.setText(tr("WorkThrough", "这个活动的每位客户都已发送、跳过或不再发送。"))
            self.warning_label.hide()
            self.message_edit.clear()
            self.message_edit.setEnabled(False)
            self.close_button.setFocus()
            return
        self.message_edit.setEnabled(True)
        self.customer_label.setText(
            tr("WorkThrough", "第 {n} 位：{label}").format(n=current.position, label=current.label)
        )
        try:
            channel = ContactChannel(current.contact_channel).label
        except ValueError:
            channel = current.contact_channel
        self.contact_label.setText(
            tr("WorkThrough", "电话：{phones}　希望的联系方式：{channel}{code}").format(
                phones=current.phones or tr("WorkThrough", "（无）"),
                channel=channel,
                code=tr("WorkThrough", "　券码：{code}").format(code=current.voucher_code)
                if current.voucher_code
                else "",
            )
        )
        self.message_edit.setPlainText(current.message)
        if not current.consent_granted:
            self.warning_label.setText(
                tr("WorkThrough", "这位客户在活动开始后撤回了营销同意，不能再发，请点“跳过”。")
            )
            self.warning_label.show()
            self.copy_button.setEnabled(False)
            self.sent_button.setEnabled(False)
            self.stop_button.setEnabled(False)
            self.skip_button.setFocus()
        else:
            self.warning_label.hide()
            self.copy_button.setFocus()

    # -- acting -------------------------------------------------------------------------------------

    def copy_message(self) -> None:
        """复制: the message as shown (edited or not) goes on the clipboard."""
        if self.current is None:
            return
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.message_edit.toPlainText())
        self.sent_button.setFocus()

    def _do(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except DomainError as exc:
            messages.show_error(self, str(exc))
            self.load_next()  # another desk may have done this one: show where the campaign is now
            return
        self.load_next()

    def mark_sent(self) -> None:
        current = self.current
        if current is None:
            return
        text = self.message_edit.toPlainText()
        self._do(lambda: self._services.campaigns.mark_sent(current.id, text))

    def skip(self) -> None:
        current = self.current
        if current is not None:
            self._do(lambda: self._services.campaigns.skip(current.id))

    def stop(self) -> None:
        current = self.current
        if current is None:
            return
        if not messages.confirm(
            self,
            tr(
                "WorkThrough",
                "{label} 不想再收到营销信息？\n将撤回这位客户的“营销与节日问候”同意（记入同意记录），"
                "以后的活动都不会再选到，这个活动的券也会作废。",
            ).format(label=current.label),
            tr("WorkThrough", "不要再发"),
            tr("WorkThrough", "撤回同意"),
        ):
            return
        self._do(lambda: self._services.campaigns.stop(current.id))
