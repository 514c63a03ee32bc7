"""A customer's rights on request, from their profile (PIPL Art. 45, 47): a copy of everything held
about them, and the erasure of their personal data. Both need the owner's password and are audited.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain.errors import DomainError
from ...domain.staff import Role
from ...services import Services
from ...services.customer_export import ExportFiles
from ..common import messages
from ..common.documents import DocumentJob, DocumentReadyDialog
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization


def export_personal_data(parent: QWidget, services: Services, customer_id: int) -> DocumentJob | None:
    """导出个人信息: the owner confirms, the PDF and the workbook are made off the GUI thread, then offered."""
    auth = ask_authorization(parent, services, Role.OWNER, tr("CustomerPrivacy", "导出客户的个人信息"))
    if auth is None:
        return None
    job = DocumentJob(
        parent,
        tr("CustomerPrivacy", "正在导出这位客户的个人信息…"),
        lambda progress: services.customer_export.export(customer_id, auth, progress),
    )

    def offer(files: object) -> None:
        assert isinstance(files, ExportFiles)
        note = tr(
            "CustomerPrivacy",
            "同一文件夹里还有 Excel 表格：{xlsx}\n这两个文件没有加密，含有客户的个人信息：交给客户后请删除。",
        ).format(xlsx=files.xlsx.name)
        DocumentReadyDialog(files.pdf, parent, note=note).open()

    job.done.connect(offer)
    return job


def erase_personal_data(parent: QWidget, services: Services, customer_id: int) -> bool:
    """删除个人信息: says what stays and what goes, asks, takes the owner's password; True when erased."""
    try:
        view = services.customers.get(customer_id)
        blockers = services.erasure.blockers(customer_id)
    except DomainError as exc:
        messages.show_error(parent, str(exc))
        return False
    if view.erased:
        messages.show_info(parent, tr("CustomerPrivacy", "这位客户的个人信息已经删除过了。"))
        return False
    who = tr("CustomerPrivacy", "{address_as}（{name}）").format(address_as=view.address_as, name=view.name)
    if blockers:
        messages.show_error(
            parent,
            tr("CustomerPrivacy", "{who}现在还不能删除个人信息：\n{why}").format(
                who=who, why="\n".join(blockers)
            ),
        )
        return False
    question = tr(
        "CustomerPrivacy",
        "按客户的要求删除{who}的个人信息？\n\n"
        "姓名、电话、地址、家庭备注，以及回访、投诉、服务记录里写下的客户的话都会清除；"
        "客户以后显示为“已删除客户 #{id}”，按姓名、电话、拼音都搜不到。"
        "服务、投诉和优惠券的账目保留，月度报告的数字不变；还没用完的优惠券作废。"
        "为这位客户保存的通知书和导出文件一并删除。\n\n"
        "删除后无法恢复。如果客户想要一份自己的信息，请先“导出个人信息”。",
    ).format(who=who, id=customer_id)
    if not messages.confirm(parent, question, yes=tr("CustomerPrivacy", "删除个人信息")):
        return False
    auth = ask_authorization(parent, services, Role.OWNER, tr("CustomerPrivacy", "删除客户的个人信息"))
    if auth is None:
        return False
    try:
        counts = services.erasure.erase(customer_id, auth)
    except DomainError as exc:
        messages.show_error(parent, str(exc))
        return False
    done = tr(
        "CustomerPrivacy", "已删除这位客户的个人信息（作废优惠券 {vouchers} 张，删除文件 {files} 个）。"
    ).format(vouchers=counts.vouchers_voided, files=counts.files_removed)
    if counts.files_left:
        done += "\n" + tr(
            "CustomerPrivacy",
            "这些文件正被别的程序打开，没能删除，请关闭后到 documents 文件夹里手动删除：{names}",
        ).format(names="、".join(counts.files_left))
    messages.show_info(parent, done)
    return True
