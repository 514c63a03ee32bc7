import importlib
import pkgutil
import re
from datetime import time
from enum import Enum, IntEnum

import pytest

from jiazheng_desktop.domain.customers import (
    HONORIFICS,
    form_of_address,
    honorific_problem,
    surname_of,
    validate_customer,
)
from jiazheng_desktop.domain.errors import ValidationError
from jiazheng_desktop.domain.money import format_fen, parse_yuan
from jiazheng_desktop.domain.phones import PhoneError, normalize_phone
from jiazheng_desktop.domain.search_keys import classify_query, name_sort_key, pinyin_keys
from jiazheng_desktop.domain.staff import hash_password, verify_password
from tests.conftest import make_draft


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("021-12345678", "021-12345678"),
        ("010 88886666", "010-88886666"),
        ("(0755)88886666", "0755-88886666"),
        ("19912345678", "19912345678"),
    ],
)
def test_real_numbers_are_accepted_and_normalised(typed: str, stored: str) -> None:
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("1381234567", "11 位"),
        ("138123456789", "11 位"),
        ("12345678", "区号"),
        ("10012345678", "号段"),
        ("138abc45678", "不是数字"),
        ("", "请填写"),
        ("0755-1234567", "不是有效"),
        ("+1 212 555 0100", "中国大陆"),
    ],
)
def test_bad_numbers_say_what_to_fix(typed: str, hint: str) -> None:
    with pytest.raises(PhoneError, match=hint):
        normalize_phone(typed)


def test_forms_of_address_offered_and_typed() -> None:
    assert HONORIFICS == ("先生", "女士", "太太", "阿姨", "叔叔", "老师", "小姐", "")
    clean = validate_customer(make_draft(name="李秀兰", honorific="太太"))
    assert (clean.honorific, clean.address_as) == ("太太", "李太太")
    typed = validate_customer(make_draft(name="王建国", honorific=" 总 "))  # typed: spaces go
    assert (typed.honorific, typed.address_as) == ("总", "王总")
    assert validate_customer(make_draft(name="欧阳娜娜", honorific="医生")).address_as == "欧阳医生"
    assert validate_customer(make_draft(name="高峰", honorific="高工")).address_as == "高高工"
    direct = validate_customer(make_draft(name="王建国", honorific="  "))  # nothing typed: the full name
    assert (direct.honorific, direct.address_as) == ("", "王建国")


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("老板娘大人", "称呼最多 4 个字"),
        ("Mr.", "称呼只能写汉字"),
        ("3号", "不要写数字或符号"),
        ("李太太", "称呼里不用写姓：填“太太”就行，会显示为“李太太”"),
    ],
)
def test_a_typed_form_of_address_that_will_not_do_says_what_to_fix(typed: str, says: str) -> None:
    assert says in (honorific_problem(typed, "李秀兰") or "")
    with pytest.raises(ValidationError) as caught:
        validate_customer(make_draft(name="李秀兰", honorific=typed))
    assert set(caught.value.fields) == {"honorific"} and says in caught.value.fields["honorific"]


def test_form_of_address_uses_the_surname() -> None:
    assert form_of_address("王建国", "先生") == "王先生"
    assert form_of_address("欧阳娜娜", "女士") == "欧阳女士"
    assert form_of_address("张女士", "女士") == "张女士"
    assert form_of_address("Tom", "") == "Tom"
    assert surname_of("司马光") == "司马"


def test_validation_names_every_bad_field_and_keeps_the_rest() -> None:
    draft = make_draft(name=" ", phone="1381234", contact_start=time(20), contact_end=time(9))
    with pytest.raises(ValidationError) as info:
        validate_customer(draft)
    assert set(info.value.fields) == {"name", "phone", "contact_window"}
    assert draft.phone == "1381234"


def test_second_phone_is_optional_but_checked() -> None:
    clean = validate_customer(make_draft(phone2=""))
    assert clean.phones == ["13812345678"]
    with pytest.raises(ValidationError) as info:
        validate_customer(make_draft(phone2="021-123"))
    assert list(info.value.fields) == ["phone2"]
    clean = validate_customer(make_draft(phone2="021 6666 8888"))
    assert clean.phones == ["13812345678", "021-66668888"]
    assert clean.phone_digits == "13812345678,02166668888"


def test_pinyin_keys_cover_name_and_form_of_address() -> None:
    keys = pinyin_keys("王建国", "王先生")
    assert "|wxs|" in keys and "|wangjianguo|" in keys and "|wjg|" in keys
    # A surname with its own reading is found under both readings.
    keys = pinyin_keys("曾小贤", "曾先生")
    assert "|zxs|" in keys and "|cxs|" in keys


def test_name_sort_follows_pinyin() -> None:
    names = ["张三", "安娜", "王五", "李四"]
    assert sorted(names, key=name_sort_key) == ["安娜", "李四", "王五", "张三"]


def test_query_classification() -> None:
    assert classify_query(" 138-1234 ") == ("phone", "1381234")
    assert classify_query("WXS") == ("pinyin", "wxs")
    assert classify_query("zhang san") == ("pinyin", "zhangsan")
    assert classify_query("王") == ("name", "王")
    assert classify_query("  ") == ("empty", "")


def test_money_is_exact_fen() -> None:
    assert parse_yuan("¥1,200.50") == 120050
    assert parse_yuan("0.1") == 10
    assert format_fen(120050) == "¥1,200.50"
    for bad, hint in (("-5", "负数"), ("1.234", "两位小数"), ("abc", "数字"), ("", "请填写")):
        with pytest.raises(ValueError, match=hint):
            parse_yuan(bad)


def test_passwords_are_salted_scrypt() -> None:
    first, second = hash_password("secret1"), hash_password("secret1")
    assert first != second and first.startswith("scrypt$")
    assert verify_password("secret1", first)
    assert not verify_password("secret2", first)
    assert not verify_password("secret1", "garbage")


def _domain_enums() -> list[type[Enum]]:
    import jiazheng_desktop.domain as domain

    found: list[type[Enum]] = []
    for info in pkgutil.iter_modules(domain.__path__):
        module = importlib.import_module(f"{domain.__name__}.{info.name}")
        found += [
            value
            for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, Enum) and value.__module__ == module.__name__
        ]
    return found


@pytest.mark.parametrize(
    "enum", _domain_enums(), ids=lambda e: f"{e.__module__.rsplit('.', 1)[-1]}.{e.__name__}"
)
def test_every_domain_enum_stores_an_id_and_shows_a_chinese_label(enum: type[Enum]) -> None:
    for member in enum:
        if isinstance(member, IntEnum):
            assert isinstance(member.value, int)
        else:
            # Stored values are stable lower-case ASCII ids; the Chinese is only the label.
            assert re.fullmatch(r"[a-z0-9_]+", member.value), (member, member.value)
        label = member.label  # type: ignore[attr-defined]
        assert label and not label.isascii(), (member, label)
    labels = [m.label for m in enum]  # type: ignore[attr-defined]
    assert len(set(labels)) == len(labels), enum
