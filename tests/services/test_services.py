import json
from datetime import timedelta

import pytest

from jiazheng_desktop.domain.errors import DomainError, PermissionDenied, ValidationError
from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.workers import ServiceRecordDraft, WorkerDraft
from jiazheng_desktop.services.customers import CustomerFilter
from jiazheng_desktop.services.settings import AgencyInfo
from jiazheng_desktop.storage.models import AuditLog, Customer
from tests.conftest import OWNER_PASSWORD, grants, make_draft


def _audit() -> list[tuple[str, str]]:
    return [(a.action, a.staff_name) for a in AuditLog.select().order_by(AuditLog.id)]


def test_create_customer_is_stored_with_search_keys_and_audited(services) -> None:
    cid = services.customers.create(make_draft(phone2="021-66668888"))
    view = services.customers.get(cid)
    assert view.address_as == "王先生"
    assert view.phones == ["13812345678", "021-66668888"]
    row = Customer.get_by_id(cid)
    assert "|wxs|" in row.search_keys and row.phone_digits == "13812345678,02166668888"
    assert _audit()[-1] == ("新建客户", "李店主")


def test_a_rejected_customer_writes_nothing(services) -> None:
    before = Customer.select().count(), AuditLog.select().count()
    with pytest.raises(ValidationError):
        services.customers.create(make_draft(phone="12"))
    assert (Customer.select().count(), AuditLog.select().count()) == before


def test_update_audits_what_changed(services) -> None:
    cid = services.customers.create(make_draft())
    draft = services.customers.draft_for(cid)
    draft.household_notes = "家里有珍藏青花瓷"
    services.customers.update(cid, draft, grants(services, Purpose.HOUSEHOLD_NOTES))
    log = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert log.action == "修改客户" and log.entity_id == cid
    detail = json.loads(log.detail)
    assert "household_notes" in detail and detail["同意"] == "家庭备注：同意（电话）"
    assert services.customers.get(cid).household_notes == "家里有珍藏青花瓷"


def test_referrer_must_exist_and_not_be_self(services) -> None:
    a = services.customers.create(make_draft(name="张丽", honorific="女士", phone="13900001111"))
    b = services.customers.create(make_draft(referrer_id=a))
    assert services.customers.get(b).referrer_label == "张女士（张丽）"
    with pytest.raises(ValidationError) as info:
        services.customers.update(b, make_draft(referrer_id=b))
    assert "referrer" in info.value.fields
    with pytest.raises(ValidationError):
        services.customers.create(make_draft(referrer_id=9999))


@pytest.fixture
def some_customers(services):
    people = [
        ("王建国", "先生", "13812345678"),
        ("王晓松", "先生", "13900002222"),
        ("张丽", "女士", "13712340000"),
        ("汪雪珊", "女士", "021-64781234"),
        ("曾小贤", "先生", "13655556666"),
    ]
    return {n: services.customers.create(make_draft(name=n, honorific=h, phone=p)) for n, h, p in people}


def test_search_by_initials_pinyin_phone_and_name(services, some_customers) -> None:
    def names(q: str) -> list[str]:
        return [h.name for h in services.customers.search(q)]

    assert set(names("wxs")) == {"王晓松", "王建国", "汪雪珊"}
    assert names("zhang") == ["张丽"]
    assert names("zxx") == ["曾小贤"]
    assert set(names("1234")) == {"王建国", "张丽", "汪雪珊"}
    assert names("6478") == ["汪雪珊"]
    assert names("13812345678") == ["王建国"]
    assert set(names("王")) == {"王建国", "王晓松"}
    assert names("") == []
    assert names("%") == []


def test_search_ranks_exact_before_prefix_before_anywhere(services) -> None:
    a = services.customers.create(make_draft(name="李明", phone="13800000001"))
    b = services.customers.create(make_draft(name="李明华", phone="13800000002"))
    c = services.customers.create(make_draft(name="张李明", phone="13800000003"))
    assert [h.id for h in services.customers.search("李明")] == [a, b, c]


def test_latin_letters_in_a_name_match_in_either_case(services) -> None:
    amy = services.customers.create(make_draft(name="Amy王", honorific="女士", phone="13800000009"))
    for typed in ("amy王", "AMY王", "my王"):
        assert [h.id for h in services.customers.search(typed)] == [amy], typed
        assert services.customers.count(CustomerFilter(text=typed)) == 1, typed


def test_list_filters_sorts_and_pages_in_sql(services, some_customers) -> None:
    flt = CustomerFilter(sort="name")
    assert services.customers.count(flt) == 5
    names = [r.name for r in services.customers.page(flt, 0, 10)]
    assert names == ["汪雪珊", "王建国", "王晓松", "曾小贤", "张丽"]
    assert [r.name for r in services.customers.page(flt, 2, 2)] == ["王晓松", "曾小贤"]
    desc = CustomerFilter(sort="name", descending=True)
    assert [r.name for r in services.customers.page(desc, 0, 1)] == ["张丽"]
    women = CustomerFilter(text="女士")
    assert services.customers.count(women) == 2
    assert services.customers.count(CustomerFilter(text="wxs", vip_tier=1)) == 0


def test_service_record_updates_timeline_and_last_service(services, clock, some_customers) -> None:
    cid = some_customers["张丽"]
    wid = services.workers.create(WorkerDraft(name="刘阿姨", phone="13511112222", skills=("日常保洁",)))
    services.service_records.add(
        ServiceRecordDraft(cid, clock.now() - timedelta(days=3), "日常保洁", wid, "120", "厨房重点")
    )
    services.service_records.add(
        ServiceRecordDraft(cid, clock.now() - timedelta(days=10), "深度保洁", None, "300.5")
    )
    view = services.customers.get(cid)
    assert view.service_count == 2 and view.total_spent_fen == 42050
    assert view.last_service_at == clock.now() - timedelta(days=3)
    timeline = services.customers.timeline(cid)
    assert [e.title for e in timeline] == ["成为客户", "日常保洁", "深度保洁"]
    assert "刘阿姨" in timeline[1].detail and "¥120.00" in timeline[1].detail
    assert "未指定服务人员" in timeline[2].detail
    with pytest.raises(ValidationError) as info:
        services.service_records.add(ServiceRecordDraft(cid, clock.now(), "日常保洁", None, "-1"))
    assert "amount" in info.value.fields


def test_delete_needs_a_manager_and_no_history(services, clock, owner_auth) -> None:
    cid = services.customers.create(make_draft())
    clerk = services.staff.create("小周", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    with pytest.raises(PermissionDenied, match="区域经理"):
        services.staff.authorize(clerk, "clerk-pw", Role.REGIONAL_MANAGER, "删除客户")
    with pytest.raises(PermissionDenied):
        services.customers.delete(cid, None)
    services.service_records.add(ServiceRecordDraft(cid, clock.now(), "日常保洁", None, "80"))
    with pytest.raises(DomainError, match="服务记录"):
        services.customers.delete(cid, owner_auth)
    other = services.customers.create(make_draft(name="赵六", phone="13600000000"))
    services.customers.delete(other, owner_auth)
    assert not Customer.select().where(Customer.id == other).exists()
    log = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert log.action == "删除客户" and "李店主" in log.detail


def test_staff_passwords_roles_and_last_owner(services, owner_auth) -> None:
    with pytest.raises(PermissionDenied, match="密码不对"):
        services.staff.authorize(owner_auth.staff_id, "wrong", Role.OWNER, "修改设置")
    assert services.staff.authorize(owner_auth.staff_id, OWNER_PASSWORD, Role.OWNER, "x").role == Role.OWNER
    with pytest.raises(ValidationError) as info:
        services.staff.create("小王", Role.CUSTOMER_SERVICE, "123", owner_auth)
    assert "password" in info.value.fields
    with pytest.raises(DomainError, match="店主"):
        services.staff.update(owner_auth.staff_id, "李店主", Role.CUSTOMER_SERVICE, True, None, owner_auth)
    manager = services.staff.create("陈经理", Role.REGIONAL_MANAGER, "manager-pw", owner_auth)
    manager_auth = services.staff.authorize(manager, "manager-pw", Role.REGIONAL_MANAGER, "x")
    with pytest.raises(PermissionDenied):
        services.staff.create("小王", Role.CUSTOMER_SERVICE, "123456", manager_auth)
    with pytest.raises(DomainError, match="已经设置过"):
        services.onboarding.set_up(AgencyInfo("别家"), "另一个店主", "whatever1", "whatever1")


def test_on_duty_staff_is_named_in_audit(services, owner_auth) -> None:
    clerk = services.staff.create("小周", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    services.staff.set_on_duty(clerk)
    services.customers.create(make_draft())
    assert _audit()[-1] == ("新建客户", "小周")


def test_agency_settings_need_the_owner(services, owner_auth) -> None:
    with pytest.raises(PermissionDenied):
        services.settings.save_agency(AgencyInfo("好帮手家政"), None)
    with pytest.raises(ValidationError) as info:
        services.settings.save_agency(AgencyInfo("", phone="123"), owner_auth)
    assert set(info.value.fields) == {"name", "phone"}
    services.settings.save_agency(
        AgencyInfo("好帮手家政", "浦东新区张杨路 1 号", "021 5888 6666"), owner_auth
    )
    assert services.settings.agency() == AgencyInfo("好帮手家政", "浦东新区张杨路 1 号", "021-58886666")


def test_worker_validation(services, clock) -> None:
    with pytest.raises(ValidationError) as info:
        services.workers.create(
            WorkerDraft(name="", phone="123", background_check_on=clock.now().date() + timedelta(days=1))
        )
    assert set(info.value.fields) == {"name", "phone", "background_check_on"}
    wid = services.workers.create(WorkerDraft(name="刘阿姨", phone="13511112222", skills=("月嫂", "做饭")))
    draft = services.workers.draft_for(wid)
    assert draft.skills == ("月嫂", "做饭")
    draft.active = False
    services.workers.update(wid, draft)
    assert [w.active for w in services.workers.list()] == [False]
    assert services.workers.list(include_inactive=False) == []


def test_onboarding_checks_everything_then_writes_both(fresh_database, clock) -> None:
    from jiazheng_desktop.services import build_services
    from jiazheng_desktop.storage.models import Staff

    svc = build_services(clock)
    assert svc.onboarding.needs_setup()
    with pytest.raises(ValidationError) as info:
        svc.onboarding.set_up(AgencyInfo("", phone="1"), "", "123", "123")
    assert set(info.value.fields) == {"name", "phone", "owner_name", "password"}
    with pytest.raises(ValidationError) as info:
        svc.onboarding.set_up(AgencyInfo("好帮手家政"), "李店主", "secret12", "secret13")
    assert list(info.value.fields) == ["password_again"]
    assert not Staff.select().exists() and svc.settings.agency().name == ""
    owner = svc.onboarding.set_up(
        AgencyInfo("好帮手家政", phone="021-58886666"), "李店主", "secret12", "secret12"
    )
    assert not svc.onboarding.needs_setup()
    assert svc.staff.get(owner).role == Role.OWNER
    assert svc.settings.agency().phone == "021-58886666"
    assert _audit() == [("初始设置", "李店主")]


def test_recent_service_records_for_linking_a_complaint(services, clock) -> None:
    cid = services.customers.create(make_draft())
    wid = services.workers.create(WorkerDraft(name="刘阿姨", phone="13511112222"))
    services.service_records.add(
        ServiceRecordDraft(cid, clock.now() - timedelta(days=9), "深度保洁", None, "300")
    )
    services.service_records.add(
        ServiceRecordDraft(cid, clock.now() - timedelta(days=2), "日常保洁", wid, "120")
    )
    rows = services.service_records.recent_for(cid)
    assert [r.service_type for r in rows] == ["日常保洁", "深度保洁"]
    assert rows[0].worker_id == wid and rows[0].label.endswith("日常保洁 · 刘阿姨")
    assert rows[1].worker_name == "" and services.service_records.recent_for(cid, limit=1) == rows[:1]
