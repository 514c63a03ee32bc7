"""设置 → 多台电脑: one PC, the office's host, or a PC connected to the host; changing it needs the owner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError, ValidationError
from ...domain.staff import Role
from ...paths import DataPaths
from ...services import Services
from ...services.office import (
    CLIENT,
    DEFAULT_PORT,
    HOST,
    NOT_INSTALLED,
    SINGLE,
    HostResult,
    OfficeSetup,
    OfficeState,
    firewall_command,
    firewall_text,
)
from ...services.office_discovery import FoundHost, find_hosts
from ..common import messages, theme
from ..common.background import BackgroundCall
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization

RESTART_TEXT = "设置已保存。程序现在重新启动，之后就用新的设置打开数据。"


class OfficeTab(QWidget):
    """Status, 把这台电脑设为主机, 连接到主机, 改回单机. Every change asks for the owner's password first."""

    restart_requested = Signal()
    """The setting changed: the window closes and the program starts again with it."""

    def __init__(
        self, services: Services, parent: QWidget | None = None, *, setup: OfficeSetup | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._setup = setup
        self._jobs: list[BackgroundCall] = []
        self.finder: Callable[[], list[FoundHost]] = find_hosts
        """How the host is looked for (tests ask on loopback only)."""
        self._code = ""
        self.last_result: HostResult | None = None
        layout = QVBoxLayout(self)

        status = QGroupBox(tr("OfficeTab", "现在"), self)
        status_layout = QVBoxLayout(status)
        self.status_label = QLabel(status)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.online_label = QLabel(status)
        self.online_label.setWordWrap(True)
        status_layout.addWidget(self.status_label)
        status_layout.addWidget(self.online_label)
        layout.addWidget(status)

        # How the other PCs connect (on the host, and right after it was set up).
        self.join_box = QGroupBox(tr("OfficeTab", "其他电脑怎样连接"), self)
        join = QVBoxLayout(self.join_box)
        self.code_label = QLabel(self.join_box)
        big = QFont(self.code_label.font())
        big.setPointSizeF(big.pointSizeF() * 2)
        big.setBold(True)
        big.setFamily("monospace")
        self.code_label.setFont(big)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addresses_label = QLabel(self.join_box)
        self.addresses_label.setWordWrap(True)
        self.addresses_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.firewall_label = QLabel(self.join_box)
        self.firewall_label.setWordWrap(True)
        command_row = QHBoxLayout()
        self.firewall_edit = QLineEdit(self.join_box)
        self.firewall_edit.setReadOnly(True)
        self.copy_button = QPushButton(tr("OfficeTab", "复制命令"), self.join_box)
        self.copy_button.clicked.connect(self._copy_command)
        command_row.addWidget(self.firewall_edit, 1)
        command_row.addWidget(self.copy_button)
        join.addWidget(QLabel(tr("OfficeTab", "办公室代码（在每台要连接的电脑上输入一次）："), self.join_box))
        code_row = QHBoxLayout()
        self.reveal_button = QPushButton(tr("OfficeTab", "显示办公室代码…"), self.join_box)
        self.reveal_button.clicked.connect(self.reveal_code)
        code_row.addWidget(self.code_label)
        code_row.addWidget(self.reveal_button)
        code_row.addStretch(1)
        join.addLayout(code_row)
        join.addWidget(self.addresses_label)
        join.addWidget(self.firewall_label)
        join.addLayout(command_row)
        layout.addWidget(self.join_box)

        self.host_box = QGroupBox(tr("OfficeTab", "把这台电脑设为主机"), self)
        host = QVBoxLayout(self.host_box)
        self.host_explain = QLabel(
            tr(
                "OfficeTab",
                "主机是一直开着、放全公司数据的那台电脑。设为主机后：这台电脑上装一个只给家政服务台用的数据库，"
                "现在的全部数据搬进去（逐表核对行数，出错就什么都不改），其他电脑输入办公室代码就能同时使用同一份数据。"
                "自动备份仍在这台电脑上做。主机要开着，其他电脑才能用。",
            ),
            self.host_box,
        )
        self.host_explain.setWordWrap(True)
        self.not_installed_label = QLabel(tr("OfficeTab", NOT_INSTALLED), self.host_box)
        self.not_installed_label.setWordWrap(True)
        self.not_installed_label.setStyleSheet(f"color: {theme.OVERDUE};")
        self.program_label = QLabel(self.host_box)
        self.program_label.setWordWrap(True)
        self.program_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.make_host_button = QPushButton(tr("OfficeTab", "把这台电脑设为主机…"), self.host_box)
        self.make_host_button.clicked.connect(self.make_host)
        host.addWidget(self.host_explain)
        host.addWidget(self.not_installed_label)
        host.addWidget(self.program_label)
        host.addWidget(self.make_host_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.host_box)

        self.connect_box = QGroupBox(tr("OfficeTab", "连接到主机"), self)
        form = QFormLayout(self.connect_box)
        connect_explain = QLabel(
            tr(
                "OfficeTab",
                "这台电脑改用主机上的数据（这台电脑现有的数据文件保留不动，但不再使用）。"
                "地址和办公室代码在主机的 设置 → 多台电脑 里。",
            ),
            self.connect_box,
        )
        connect_explain.setWordWrap(True)
        form.addRow(connect_explain)
        self.host_edit = QLineEdit(self.connect_box)
        self.host_edit.setPlaceholderText("192.168.1.20")
        self.port_spin = QSpinBox(self.connect_box)
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.code_edit = QLineEdit(self.connect_box)
        self.code_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        self.connect_error = QLabel(self.connect_box)
        self.connect_error.setWordWrap(True)
        self.connect_error.setStyleSheet(f"color: {theme.OVERDUE};")
        self.connect_status = QLabel(self.connect_box)
        self.connect_status.setWordWrap(True)
        self.find_button = QPushButton(tr("OfficeTab", "在网络上查找"), self.connect_box)
        self.find_button.setToolTip(tr("OfficeTab", "找同一网络里开着家政服务台的主机（约 1 秒）"))
        self.find_button.clicked.connect(self.find_host)
        host_row = QHBoxLayout()
        host_row.addWidget(self.host_edit, 1)
        host_row.addWidget(self.find_button)
        form.addRow(tr("OfficeTab", "主机地址"), host_row)
        form.addRow(tr("OfficeTab", "端口"), self.port_spin)
        form.addRow(tr("OfficeTab", "办公室代码"), self.code_edit)
        form.addRow(self.connect_error)
        buttons = QHBoxLayout()
        self.test_button = QPushButton(tr("OfficeTab", "测试连接"), self.connect_box)
        self.test_button.clicked.connect(self.test_connection)
        self.connect_button = QPushButton(tr("OfficeTab", "保存并连接…"), self.connect_box)
        self.connect_button.clicked.connect(self.connect_to_host)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.connect_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        form.addRow(self.connect_status)
        for edit in (self.host_edit, self.code_edit):
            edit.textEdited.connect(self._clear_connect_messages)
        layout.addWidget(self.connect_box)

        self.single_box = QGroupBox(tr("OfficeTab", "改回单机"), self)
        single = QVBoxLayout(self.single_box)
        self.single_explain = QLabel(self.single_box)
        self.single_explain.setWordWrap(True)
        self.back_button = QPushButton(tr("OfficeTab", "改回单机…"), self.single_box)
        self.back_button.clicked.connect(self.back_to_single)
        single.addWidget(self.single_explain)
        single.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.single_box)
        layout.addStretch(1)
        self.refresh()

    # -- reading ---------------------------------------------------------------------------------

    @property
    def setup(self) -> OfficeSetup:
        if self._setup is None:
            self._setup = OfficeSetup(DataPaths(self._services.backups.place().database.parent))
        return self._setup

    def refresh(self) -> None:
        try:
            state = self.setup.state()
        except DomainError as exc:
            self.status_label.setText(str(exc))
            return
        self._show(state)

    def _show(self, state: OfficeState) -> None:
        role = state.role
        if role == HOST:
            self.status_label.setText(
                tr("OfficeTab", "这台电脑是主机：全公司的数据在这台电脑的数据库里（端口 {port}）。").format(
                    port=state.port
                )
            )
            self._show_join(state.code, state.port, state.addresses)
        elif role == CLIENT:
            self.status_label.setText(
                tr("OfficeTab", "这台电脑连接到主机 {host}:{port}，用的是主机上的数据。").format(
                    host=state.host, port=state.port
                )
            )
        else:
            self.status_label.setText(tr("OfficeTab", "单机：数据只在这台电脑上。"))
        if role != SINGLE and state.online:
            self.online_label.setText(
                tr("OfficeTab", "现在在线的电脑（{count} 台）：{pcs}").format(
                    count=len(state.online), pcs="、".join(state.online)
                )
            )
        else:
            self.online_label.clear()
        self.join_box.setVisible(role == HOST)
        self.host_box.setVisible(role == SINGLE)
        self.connect_box.setVisible(role == SINGLE)
        self.single_box.setVisible(role != SINGLE)
        can_host = self.setup.can_host()
        self.not_installed_label.setVisible(not can_host)
        show_program = can_host and role == SINGLE  # the host box is shown to a single PC only
        self.program_label.setVisible(show_program)
        if show_program:
            try:
                self.program_label.setText(
                    tr("OfficeTab", "主机将使用：{program}").format(program=self.setup.server_program())
                )
                self.program_label.setStyleSheet("")
            except DomainError as exc:  # installed but broken (a DLL missing, say): said, and no host made
                can_host = False
                self.program_label.setText(str(exc))
                self.program_label.setStyleSheet(f"color: {theme.OVERDUE};")
        self.make_host_button.setEnabled(can_host)
        if role == HOST:
            self.single_explain.setText(
                tr(
                    "OfficeTab",
                    "把主机上的全部数据搬回这台电脑的数据文件（原来的数据文件另存为 .replaced 备份），"
                    "然后停掉主机的数据库：其他电脑从此连不上，需要各自改回单机或连接新的主机。",
                )
            )
        else:
            self.single_explain.setText(
                tr(
                    "OfficeTab",
                    "把主机上的全部数据复制到这台电脑的数据文件（原来的数据文件另存为 .replaced 备份），"
                    "这台电脑从此单独使用这份数据，不再和主机同步。主机和其他电脑不受影响。",
                )
            )

    def _show_join(self, code: str, port: int, addresses: tuple[str, ...], *, revealed: bool = False) -> None:
        """The code is the database's password: shown to the owner only (``reveal_code``)."""
        self._code = code
        if revealed:
            self.code_label.setText(code or tr("OfficeTab", "（这台电脑上找不到办公室代码）"))
        else:
            self.code_label.setText("••••-••••-••••-••••")
        self.reveal_button.setVisible(not revealed)
        if addresses:
            shown = "、".join(addresses)
            self.addresses_label.setText(
                tr("OfficeTab", "其他电脑“主机地址”填：{addresses}　端口：{port}").format(
                    addresses=shown, port=port
                )
            )
        else:
            self.addresses_label.setText(
                tr(
                    "OfficeTab", "没有找到这台电脑的局域网地址：请确认它连着办公室的网络（端口：{port}）。"
                ).format(port=port)
            )
        self.firewall_label.setText(tr("OfficeTab", firewall_text(port)))
        self.firewall_edit.setText(firewall_command(port))

    def reveal_code(self) -> None:
        if self._owner(tr("OfficeTab", "查看办公室代码")):
            state = self.setup.state()
            self._show_join(state.code, state.port, state.addresses, revealed=True)

    def _copy_command(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.firewall_edit.text())

    def _clear_connect_messages(self, _text: str = "") -> None:
        self.connect_error.clear()
        self.connect_status.clear()

    # -- acting ------------------------------------------------------------------------------------

    def _owner(self, what: str) -> bool:
        return ask_authorization(self, self._services, Role.OWNER, what) is not None

    def _run(
        self,
        title: str,
        work: Callable[[Callable[[str, int], None]], object],
        done: Callable[[Any], None],
        failed: Callable[[], None] | None = None,
    ) -> None:
        """Slow work off the GUI thread with a progress dialog (no cancel: it is one transaction);
        ``failed`` runs before the refusal is shown."""
        self.setEnabled(False)
        progress = QProgressDialog(title, "", 0, 0, self)
        progress.setWindowTitle(tr("OfficeTab", "多台电脑"))
        progress.setCancelButton(None)
        progress.setMinimumDuration(0)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress_dialog = progress

        job = BackgroundCall(self, lambda emit: work(lambda table, rows: emit(rows, table)))
        self._jobs.append(job)
        job.progressed.connect(
            lambda rows, table: progress.setLabelText(
                tr("OfficeTab", "{title}\n已复制：{table}（{rows} 行）").format(
                    title=title, table=table, rows=rows
                )
            )
        )

        def finish() -> None:
            progress.close()
            self.setEnabled(True)
            self._jobs.remove(job)

        def succeeded(result: object) -> None:
            finish()
            done(result)

        def refused(error: object) -> None:
            finish()
            if failed is not None:
                failed()
            messages.show_error(self, str(error))

        job.succeeded.connect(succeeded)
        job.refused.connect(refused)
        progress.show()

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def _hold_writes(self) -> Callable[[], None]:
        """No saving while the data moves (a change after the copy would be left behind in the old place);
        after a move that worked the program restarts on the new place, so the hold stays. Returns the
        call that lifts it (a move that failed)."""
        context = self._services.context
        previous = context.write_gate

        def held() -> None:
            raise DomainError(
                "正在搬数据（设置 → 多台电脑），搬完程序会重新启动：现在不能保存。您填写的内容还在窗口里，"
                "重新启动后再保存。"
            )

        context.write_gate = held

        def release() -> None:
            context.write_gate = previous

        return release

    def make_host(self) -> None:
        if not self.setup.can_host():
            messages.show_error(self, tr("OfficeTab", NOT_INSTALLED))
            return
        if not messages.confirm(
            self,
            tr(
                "OfficeTab",
                "把这台电脑设为主机？\n\n程序会在这台电脑上建立办公室数据库，把现在的全部数据搬进去并逐表核对，"
                "然后重新启动。数据多时要几分钟，期间请不要关机。原来的数据文件保留在原处不删。",
            ),
            tr("OfficeTab", "把这台电脑设为主机"),
            tr("OfficeTab", "设为主机"),
        ):
            return
        if not self._owner(tr("OfficeTab", "把这台电脑设为主机")):
            return
        release = self._hold_writes()
        self._run(
            tr("OfficeTab", "正在建立办公室数据库并搬数据…"),
            lambda progress: self.setup.make_host(progress=progress),
            self._host_made,
            release,
        )

    def _host_made(self, result: HostResult) -> None:
        self.last_result = result
        self.refresh()
        self._show_join(result.code, result.port, result.addresses, revealed=True)
        rows = sum(result.counts.values())
        customers = result.counts.get("customer", 0)
        messages.show_info(
            self,
            tr(
                "OfficeTab",
                "这台电脑已经是主机。数据已搬进办公室数据库并核对无误（{tables} 张表，共 {rows} 行，客户 {customers} 位）。\n\n"
                "办公室代码：{code}\n请把它抄下来，在其他电脑的 设置 → 多台电脑 → 连接到主机 里输入。"
                "本页会一直显示它和防火墙的设置方法。\n\n{restart}",
            ).format(
                tables=len(result.counts),
                rows=rows,
                customers=customers,
                code=result.code,
                restart=tr("OfficeTab", RESTART_TEXT),
            ),
            tr("OfficeTab", "已设为主机"),
        )
        self.restart_requested.emit()

    def find_host(self) -> None:
        """Ask the office network for the host (in the background) and fill in its address."""
        self.find_button.setEnabled(False)
        self.connect_error.clear()
        self.connect_status.setText(tr("OfficeTab", "正在网络上查找主机…"))
        job = BackgroundCall(self, lambda _emit: self.finder())
        self._jobs.append(job)

        def done(hosts: object) -> None:
            self._jobs.remove(job)
            self.find_button.setEnabled(True)
            self._found(list(hosts))  # type: ignore[call-overload]

        def refused(error: object) -> None:
            self._jobs.remove(job)
            self.find_button.setEnabled(True)
            self.connect_status.clear()
            self.connect_error.setText(str(error))

        job.succeeded.connect(done)
        job.refused.connect(refused)

    def _found(self, hosts: list[FoundHost]) -> None:
        if not hosts:
            self.connect_status.clear()
            self.connect_error.setText(
                tr(
                    "OfficeTab",
                    "网络上没有找到主机。请确认主机开着、家政服务台在主机上运行，"
                    "或直接输入主机地址（主机的 设置 → 多台电脑 里写着）。",
                )
            )
            return
        host = hosts[0] if len(hosts) == 1 else self.choose_host(hosts)
        if host is None:
            self.connect_status.clear()
            return
        self.host_edit.setText(host.address)
        self.port_spin.setValue(host.port)
        label = f"{host.agency}（{host.name}）" if host.agency else host.name
        self.connect_status.setText(
            tr("OfficeTab", "找到主机 {label}：{address}。请输入主机上显示的办公室代码。").format(
                label=label, address=host.address
            )
        )
        self.code_edit.setFocus()

    def choose_host(self, hosts: list[FoundHost]) -> FoundHost | None:
        """Several hosts answered (two agencies on one network): let the person choose."""
        labels = [f"{h.agency or h.name}  {h.address}:{h.port}" for h in hosts]
        chosen, ok = QInputDialog.getItem(
            self,
            tr("OfficeTab", "选择主机"),
            tr("OfficeTab", "网络上有几台主机，请选择本店的："),
            labels,
            0,
            False,
        )
        return hosts[labels.index(chosen)] if ok else None

    def _typed(self) -> tuple[str, int, str]:
        return self.host_edit.text(), self.port_spin.value(), self.code_edit.text()

    def _connect_failed(self, error: DomainError) -> None:
        if isinstance(error, ValidationError):
            self.connect_error.setText("\n".join(error.fields.values()))
        else:
            self.connect_error.setText(str(error))

    def test_connection(self) -> None:
        self._clear_connect_messages()
        host, port, code = self._typed()
        try:
            version = self.setup.test_connection(host, port, code)
        except DomainError as exc:
            self._connect_failed(exc)
            return
        self.connect_status.setText(
            tr("OfficeTab", "连接成功：主机的数据版本 {version}。可以点“保存并连接”。").format(
                version=version
            )
        )

    def connect_to_host(self) -> None:
        self._clear_connect_messages()
        host, port, code = self._typed()
        if not self._owner(tr("OfficeTab", "连接到主机")):
            return
        try:
            self.setup.connect_to(host, port, code)
        except DomainError as exc:
            self._connect_failed(exc)
            return
        messages.show_info(
            self,
            tr("OfficeTab", "这台电脑已连接到主机 {host}:{port}。\n{restart}").format(
                host=host.strip(), port=port, restart=tr("OfficeTab", RESTART_TEXT)
            ),
            tr("OfficeTab", "已连接到主机"),
        )
        self.restart_requested.emit()

    def back_to_single(self) -> None:
        if not messages.confirm(
            self,
            tr("OfficeTab", "改回单机？\n\n{what}").format(what=self.single_explain.text()),
            tr("OfficeTab", "改回单机"),
            tr("OfficeTab", "改回单机"),
        ):
            return
        if not self._owner(tr("OfficeTab", "改回单机")):
            return
        now = self._services.context.now()
        release = self._hold_writes()
        self._run(
            tr("OfficeTab", "正在把主机上的数据复制到这台电脑…"),
            lambda progress: self.setup.back_to_single(now, progress),
            self._back_done,
            release,
        )

    def _back_done(self, kept: object) -> None:
        messages.show_info(
            self,
            tr("OfficeTab", "数据已复制到这台电脑并核对无误，原来的数据文件另存为：{kept}\n{restart}").format(
                kept=getattr(kept, "name", kept), restart=tr("OfficeTab", RESTART_TEXT)
            ),
            tr("OfficeTab", "已改回单机"),
        )
        self.restart_requested.emit()
