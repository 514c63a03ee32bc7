import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiazheng_desktop.domain.errors import ValidationError
from jiazheng_desktop.domain.template_defaults import DEFAULT_TEMPLATES, VIP_RETENTION_TEMPLATE
from jiazheng_desktop.domain.templates import (
    OPTIONAL_PLACEHOLDERS,
    PLACEHOLDERS,
    Channel,
    Scenario,
    TemplateSeed,
    cases_of,
    missing_values,
    most_specific_first,
    placeholders_in,
    render,
    validate_template,
)

REALISTIC = {
    "称呼": "欧阳女士",
    "客户姓名": "欧阳秀英",
    "服务人员": "李阿姨",
    "服务类型": "日常保洁",
    "服务日期": "2026年3月14日",
    "金额": "¥1,200.00",
    "券码": "K7MQ-4P9X",
    "有效期": "2026年12月31日",
    "日期": "2026年3月17日",
    "回访日期": "2026年3月20日",
    "事件编号": "SJ-2026-0042",
    "问题": "厨房油烟机没有擦干净，还碰坏了一个青花瓷瓶",
    "家庭备注": "家里有八十岁老人，养了一只猫",
    "家庭备注句": "家里有八十岁老人，养了一只猫",
    "公司名称": "安心家政服务有限公司",
    "公司电话": "0571-88886666",
    "客服": "刘晓燕",
    "经理": "陈经理",
    "节日": "中秋节",
    "合同到期日": "2026年12月31日",
    "套餐": "每周两次日常保洁半年卡",
    "同意用途": "家庭备注",
    "同意内容": "为了上门服务更安全，我们想记下您家里需要留意的情况。请问您同意吗？",
}

RAW_PLACEHOLDER = re.compile(r"\{[^{}]*[^{}\s][^{}]*\}")


def body_error(title: str, body: str) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_template(title, body)
    assert "body" in caught.value.fields
    return caught.value.fields["body"]


# --- the placeholder list ----------------------------------------------------------------------------------


def test_placeholder_names_are_exactly_the_agreed_ones() -> None:
    assert set(PLACEHOLDERS) == {
        "称呼", "客户姓名", "服务人员", "服务类型", "服务日期", "金额", "券码", "有效期", "日期", "回访日期",
        "事件编号", "问题", "家庭备注", "家庭备注句", "公司名称", "公司电话", "客服", "经理", "节日", "合同到期日", "套餐",
        "同意用途", "同意内容",
    }  # fmt: skip
    assert all(description.strip() for description in PLACEHOLDERS.values())


def test_stored_values_are_ids_and_staff_see_the_labels() -> None:
    assert (Scenario.CALLBACK.value, Scenario.CALLBACK.label) == ("callback", "三日回访")
    assert Scenario("identify") is Scenario.IDENTIFY and Scenario.IDENTIFY.label == "识别"
    assert [c.value for c in Channel] == ["phone", "sms", "wechat"]
    assert [c.label for c in Channel] == ["电话", "短信", "微信"]


# --- placeholders_in ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("{称呼}您好，{服务人员}明天到，{称呼}请留门", ["称呼", "服务人员"]),
        ("没有占位符", []),
        ("{{称呼}}是字面的括号", []),
        ("{{{称呼}}}", ["称呼"]),
        ("价格{{含税}}：{金额}", ["金额"]),
        ("{ 称呼 }", ["称呼"]),
        ("{}和{ }不是占位符", []),
        ("{旧名字}和{称呼}", ["旧名字", "称呼"]),
        ("落单的{括号{称呼}", ["称呼"]),
        ("}{", []),
    ],
)
def test_placeholders_in_order_of_first_use(text: str, names: list[str]) -> None:
    assert placeholders_in(text) == names


# --- validate_template -------------------------------------------------------------------------------------


def test_a_good_template_passes() -> None:
    validate_template("回访", "{称呼}您好，价格{{含人工}}，有问题打{公司电话}。")


def test_unknown_placeholder_is_named_with_the_available_ones() -> None:
    message = body_error("回访", "{姓名}您好，{称呼}，{地址}")
    assert "不认识的占位符" in message
    assert "{姓名}" in message and "{地址}" in message
    assert "{称呼}" in message.split("可用的有")[1]
    assert all(f"{{{name}}}" in message for name in PLACEHOLDERS)


@pytest.mark.parametrize("body", ["{称呼您好", "您好{", "{称呼}}您好", "您好}", "{{称呼}"])
def test_unmatched_brace_says_how_to_write_a_literal_brace(body: str) -> None:
    message = body_error("问候", body)
    assert "没有配对" in message
    assert "{{" in message or "}}" in message


def test_several_unmatched_braces_are_counted() -> None:
    message = body_error("问候", "a} b} c{")
    assert "另外还有 2 处" in message


def test_empty_braces_are_refused() -> None:
    assert "没有写名字" in body_error("问候", "您好{}")


def test_full_width_braces_around_a_known_name_get_a_hint() -> None:
    message = body_error("问候", "｛称呼｝您好")
    assert "半角" in message and "{称呼}" in message


def test_several_problems_are_all_reported_together() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_template(" ", "{未知}您好{")
    assert set(caught.value.fields) == {"title", "body"}
    body = caught.value.fields["body"]
    assert "{未知}" in body and "没有配对" in body


@pytest.mark.parametrize("title", ["", "   "])
def test_empty_title(title: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_template(title, "{称呼}您好")
    assert caught.value.fields == {"title": "请填写模板标题。"}


@pytest.mark.parametrize("body", ["", " \n\t "])
def test_empty_body(body: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_template("问候", body)
    assert caught.value.fields == {"body": "请填写话术内容。"}


def test_length_limits() -> None:
    validate_template("题" * 40, "字" * 2000)
    with pytest.raises(ValidationError) as caught:
        validate_template("题" * 41, "字" * 2001)
    assert "40" in caught.value.fields["title"] and "41" in caught.value.fields["title"]
    assert "2000" in caught.value.fields["body"] and "2001" in caught.value.fields["body"]


def test_error_message_is_joined_for_a_fallback_label() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_template("", "")
    assert str(caught.value) == "请填写模板标题。；请填写话术内容。"


# --- render and missing_values ----------------------------------------------------------------------------


def test_render_fills_values() -> None:
    body = "{称呼}您好，补偿{金额}，券码{券码}。{称呼}再见"
    assert render(body, REALISTIC) == "欧阳女士您好，补偿¥1,200.00，券码K7MQ-4P9X。欧阳女士再见"


def test_render_shows_gaps_for_missing_blank_and_unknown() -> None:
    body = "{称呼}，{服务人员}，{金额}，{旧字段}"
    values = {"称呼": None, "服务人员": "  ", "旧字段": "不会用到"}
    assert render(body, values) == "【待补：称呼】，【待补：服务人员】，【待补：金额】，【待补：旧字段】"
    assert missing_values(body, values) == ["称呼", "服务人员", "金额", "旧字段"]


def test_render_trims_values_and_handles_escaped_braces() -> None:
    assert render("{{说明}} {称呼} }}{{", {"称呼": " 王先生 "}) == "{说明} 王先生 }{"
    assert missing_values("{{说明}} {称呼}", {"称呼": "王先生"}) == []


def test_render_leaves_out_stray_braces_of_an_old_template() -> None:
    assert render("价格{约 200 元", {}) == "价格约 200 元"
    assert render("a}b{}c", {}) == "ab{}c"
    assert render("{客{称呼}}", {"称呼": "服"}) == "客服"
    assert render("{0{0}0}", {}) == "0【待补：0】0"


def test_missing_values_lists_each_name_once_in_order() -> None:
    assert missing_values("{金额}{称呼}{金额}{称呼}", {"称呼": "王先生"}) == ["金额"]


def _without_escapes(text: str) -> str:
    while "{{" in text or "}}" in text:
        text = text.replace("{{", "").replace("}}", "")
    return text


_names = st.one_of(st.sampled_from(sorted(PLACEHOLDERS)), st.text(max_size=5))
_bodies = st.one_of(
    st.text(),
    st.lists(st.one_of(st.text(max_size=5), st.sampled_from(["{", "}", "{{", "}}", "｛", " "]), _names)).map(
        "".join
    ),
    st.lists(st.one_of(st.text(max_size=5), _names.map(lambda name: f"{{{name}}}"))).map("".join),
)
_values = st.dictionaries(_names, st.one_of(st.none(), st.text(max_size=10)))


@settings(max_examples=200)
@given(body=_bodies, values=_values)
def test_render_never_raises_and_marks_every_gap(body: str, values: dict[str, str | None]) -> None:
    out = render(body, values)
    assert isinstance(out, str)
    for name in missing_values(body, values):
        assert f"【待补：{name}】" in out
    # An optional placeholder without a value takes its whole sentence with it (by design): the values in
    # that sentence go too. Every other value given is in the script.
    dropped = any(
        name in OPTIONAL_PLACEHOLDERS and not (values.get(name) or "").strip()
        for name in placeholders_in(body)
    )
    for name in placeholders_in(body):
        value = values.get(name)
        if name in PLACEHOLDERS and value is not None and value.strip() and not dropped:
            assert value.strip() in out


@settings(max_examples=200)
@given(body=_bodies.map(_without_escapes), values=_values)
def test_render_never_leaves_a_raw_placeholder(body: str, values: dict[str, str | None]) -> None:
    clean_values = {k: None if v is None else v.replace("{", "").replace("}", "") for k, v in values.items()}
    out = render(body, clean_values)
    assert RAW_PLACEHOLDER.search(out) is None, out


@settings(max_examples=200)
@given(body=_bodies)
def test_validation_and_render_agree(body: str) -> None:
    """A body that passes validation has no unknown placeholder and renders fully with all values."""
    try:
        validate_template("标题", body)
    except ValidationError:
        return
    assert set(placeholders_in(body)) <= set(PLACEHOLDERS)
    assert missing_values(body, REALISTIC) == []


# --- the shipped templates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "seed", DEFAULT_TEMPLATES, ids=lambda seed: f"{seed.scenario}-{seed.channel}-{seed.title}"
)
def test_every_default_template_validates(seed: TemplateSeed) -> None:
    assert isinstance(seed.scenario, Scenario) and isinstance(seed.channel, Channel)
    validate_template(seed.title, seed.body)
    assert missing_values(seed.body, REALISTIC) == []


def test_defaults_cover_every_scenario_and_channel() -> None:
    present = {(seed.scenario, seed.channel) for seed in DEFAULT_TEMPLATES}
    for scenario in Scenario:
        assert (scenario, Channel.PHONE) in present, scenario
    for scenario in (
        Scenario.FIRST_INQUIRY,
        Scenario.RENEWAL,
        Scenario.FESTIVAL,
        Scenario.COMPENSATION,
        Scenario.CALLBACK,
        Scenario.SAFETY,
    ):
        assert (scenario, Channel.SMS) in present, scenario
        assert (scenario, Channel.WECHAT) in present, scenario


def test_default_titles_are_unique() -> None:
    titles = [seed.title for seed in DEFAULT_TEMPLATES]
    assert len(titles) == len(set(titles))


@pytest.mark.parametrize(
    "seed", [s for s in DEFAULT_TEMPLATES if s.channel is Channel.SMS], ids=lambda seed: str(seed.scenario)
)
def test_sms_defaults_are_short_and_signed(seed: TemplateSeed) -> None:
    assert len(seed.body) <= 120
    assert seed.body.startswith("【{公司名称}】")
    assert len(render(seed.body, REALISTIC)) <= 140


def test_sms_and_wechat_defaults_do_not_reveal_internal_notes() -> None:
    for seed in DEFAULT_TEMPLATES:
        if seed.channel is not Channel.PHONE:
            assert not {"家庭备注", "家庭备注句"} & set(placeholders_in(seed.body)), seed.title


def test_scenario_content_follows_the_guidance() -> None:
    by_scenario: dict[Scenario, str] = {}
    for seed in DEFAULT_TEMPLATES:
        by_scenario[seed.scenario] = by_scenario.get(seed.scenario, "") + seed.body
    assert "{合同到期日}" in by_scenario[Scenario.RENEWAL]
    assert "{节日}" in by_scenario[Scenario.FESTIVAL]
    assert "{问题}" in by_scenario[Scenario.EMPATHIZE] and "{经理}" in by_scenario[Scenario.EMPATHIZE]
    assert "水阀" in by_scenario[Scenario.ACT]
    assert "{回访日期}" in by_scenario[Scenario.DEEPEN]
    for name in ("{金额}", "{券码}", "{有效期}"):
        assert name in by_scenario[Scenario.COMPENSATION]
    assert "5分钟" in by_scenario[Scenario.CALLBACK] and "同意" in by_scenario[Scenario.CALLBACK]
    assert "{家庭备注}" in by_scenario[Scenario.SAFETY]
    assert "隐形收费" in by_scenario[Scenario.FIRST_INQUIRY] and "试做" in by_scenario[Scenario.FIRST_INQUIRY]


def test_consent_scripts_read_the_wording_itself_on_the_phone_and_in_wechat() -> None:
    consent = [seed for seed in DEFAULT_TEMPLATES if seed.scenario is Scenario.CONSENT]
    assert {seed.channel for seed in consent} == {Channel.PHONE, Channel.WECHAT}
    for seed in consent:
        assert placeholders_in(seed.body).count("同意内容") == 1 and "{同意用途}" in seed.body
        assert "不同意" in seed.body  # saying no is offered as plainly as yes
        rendered = render(seed.body, REALISTIC)
        assert REALISTIC["同意内容"] in rendered


def test_a_value_that_ends_its_own_sentence_gives_way_to_the_templates_mark() -> None:
    said = {"称呼": "王先生", "问题": "我回家才发现。"}
    assert (
        render("{称呼}，您说的是：{问题}。是这样吗？", said) == "王先生，您说的是：我回家才发现。是这样吗？"
    )
    assert render("{问题}，这本来不该发生", said) == "我回家才发现，这本来不该发生"
    assert render("{问题}的事", said) == "我回家才发现。的事"  # no mark of the template's: the value's stays
    assert (
        render("价格{金额}。", {"金额": "¥200.00"}) == "价格¥200.00。"
    )  # a value ending in a digit keeps it


def test_the_customers_words_are_quoted_as_theirs_in_the_staff_sentence() -> None:
    from jiazheng_desktop.domain.templates import quote_customer

    problem = quote_customer("我回家才发现厨房没擦。。")
    assert problem == "您说的“我回家才发现厨房没擦”"
    text = render("{称呼}，真的很抱歉。{问题}，这本来不该发生。", {"称呼": "王先生", "问题": problem})
    assert text == "王先生，真的很抱歉。您说的“我回家才发现厨房没擦”，这本来不该发生。"
    assert quote_customer("   ") == ""


# --- the household note said to the customer ---------------------------------------------------------------

RETENTION = (
    "{称呼}您好。\n"
    "我们一直留意着您家的情况：{家庭备注句}，每次上门都格外用心（备注是提醒时换个说法）。\n"
    "续约的话还是{服务人员}上门。\n"
    "\n"
    "谢谢您！"
)


def test_the_household_note_sentence_says_the_note() -> None:
    values = {"称呼": "李太太", "家庭备注句": "茶几上有您珍藏的青花瓷。", "服务人员": "刘阿姨"}
    assert render(RETENTION, values) == (
        "李太太您好。\n"
        "我们一直留意着您家的情况：茶几上有您珍藏的青花瓷，每次上门都格外用心（备注是提醒时换个说法）。\n"
        "续约的话还是刘阿姨上门。\n\n谢谢您！"
    )
    assert missing_values(RETENTION, values) == []


@pytest.mark.parametrize("note", [None, "", "  \n "])
def test_without_a_note_its_sentence_is_left_out_not_a_gap(note: str | None) -> None:
    values = {"称呼": "李太太", "家庭备注句": note, "服务人员": "刘阿姨"}
    assert render(RETENTION, values) == "李太太您好。\n续约的话还是刘阿姨上门。\n\n谢谢您！"
    assert missing_values(RETENTION, values) == []
    # {家庭备注} itself still shows its gap (a note for staff: they should see it is missing).
    assert render("（留意：{家庭备注}）", values) == "（留意：【待补：家庭备注】）"


def test_only_the_sentence_of_the_missing_note_goes() -> None:
    body = "王先生您好。我们记着{家庭备注句}！{服务人员}会再来？好的。\n{家庭备注句}。\n\n再见"
    assert render(body, {"服务人员": "刘阿姨"}) == "王先生您好。刘阿姨会再来？好的。\n\n再见"
    # A gap in a sentence that is left out is not reported: nothing of it is shown.
    assert missing_values("您好。{经理}记着：{家庭备注句}。", {}) == []
    assert render("{家庭备注句}", {}) == "" and render("{家庭备注句}。\n\n您好", {}) == "您好"
    # A mark inside the note never ends the template's sentence.
    note = {"家庭备注句": "养了猫。请关门！"}
    assert render("您好。记着：{家庭备注句}，放心。", note) == "您好。记着：养了猫。请关门，放心。"


def test_the_vip_retention_script_mentions_the_note_and_reads_well_without() -> None:
    body = VIP_RETENTION_TEMPLATE.body
    assert (
        VIP_RETENTION_TEMPLATE.scenario is Scenario.RENEWAL
        and VIP_RETENTION_TEMPLATE.channel is Channel.PHONE
    )
    with_note = render(body, {**REALISTIC, "家庭备注句": "茶几上有您珍藏的青花瓷"})
    assert "我们一直留意着您家的情况：茶几上有您珍藏的青花瓷，每次上门都格外用心" in with_note
    without = render(body, {**REALISTIC, "家庭备注句": ""})
    assert "留意着您家的情况" not in without and "【待补" not in without
    assert without.count("\n") == with_note.count("\n") - 1  # the line went, no empty line instead
    assert {"合同到期日", "套餐", "服务人员"} <= set(placeholders_in(body))


# --- choosing the template made for the case ---------------------------------------------------------------


def test_a_title_says_what_the_template_is_made_for() -> None:
    assert cases_of("突发情况：水管爆裂先止水") == {"emergency"}
    assert cases_of("升级处理：经理接手致歉") == {"escalated"}
    assert cases_of("vip 客户续约挽留电话") == {"vip"}
    assert cases_of("说清补救：做什么、何时、谁来") == set()
    # The words the template editor suggests (its title's tooltip) each mark their case.
    suggested = {
        "水管爆裂": "emergency",
        "迟到": "late",
        "物品损坏": "damage",
        "升级": "escalated",
        "VIP": "vip",
    }
    assert {word: cases_of(word) for word in suggested} == {word: {case} for word, case in suggested.items()}
    # Among the shipped scripts only those three are made for a case: the rest are general.
    made_for = {seed.title for seed in DEFAULT_TEMPLATES if cases_of(seed.title)}
    assert made_for == {"突发情况：水管爆裂先止水", "升级处理：经理接手致歉", VIP_RETENTION_TEMPLATE.title}


def test_the_template_made_for_the_case_comes_first_then_the_general_then_the_others() -> None:
    titles = [
        "说清补救",
        "迟到：先道歉再说补偿",
        "突发情况：水管爆裂先止水",
        "通用说明",
        "水管漏水（升级后经理致电）",
    ]
    assert most_specific_first(titles, str, {"emergency"}) == [
        "突发情况：水管爆裂先止水", "水管漏水（升级后经理致电）", "说清补救", "通用说明", "迟到：先道歉再说补偿",
    ]  # fmt: skip
    assert most_specific_first(titles, str, {"emergency", "escalated"})[0] == "水管漏水（升级后经理致电）"
    assert most_specific_first(titles, str, {"price"}) == [
        "说清补救", "通用说明", "迟到：先道歉再说补偿", "突发情况：水管爆裂先止水", "水管漏水（升级后经理致电）",
    ]  # fmt: skip
    assert most_specific_first(titles, str, set()) == most_specific_first(titles, str, {"price"})
