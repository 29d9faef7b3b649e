"""Tier 1 tests of crm_lubricant duplicate detection (names, phones, e-mails, VAT / USCC)."""

import pathlib
import re

from crm_lubricant_lib.common import DomainError, Reason
from crm_lubricant_lib.dedup import (
    duplicate_keys,
    duplicate_reasons,
    find_duplicates,
    is_valid_uscc,
    matching_keys,
    normalize_email,
    normalize_name,
    normalize_phone,
    normalize_vat,
)
import pytest

ONLY_PHONE_CHARS = (
    "may only contain digits, spaces, dashes, dots, slashes, brackets and a leading '+'"
)


def raises(message):
    return pytest.raises(DomainError, match=f"^{re.escape(message)}$")


def test_lib_imports_nothing_from_odoo():
    lib = (
        pathlib.Path(__file__).resolve().parent.parent
        / "addons"
        / "crm_lubricant"
        / "lib"
    )
    files = sorted(lib.glob("*.py"))
    assert {path.name for path in files} >= {
        "tiering.py",
        "dedup.py",
        "ownership.py",
        "funnel.py",
    }
    for path in files:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+odoo\b", source, re.MULTILINE), (
            path.name
        )


@pytest.mark.parametrize(
    "name",
    [
        "广州 火炬润滑油有限公司",
        "广州火炬润滑油",
        "广州火炬润滑油有限责任公司",
        "广州火炬润滑油股份有限公司",
        "广州火炬润滑油集团有限公司",
        "广州火炬润滑油（集团）有限公司",
        "广州火炬润滑油公司",
        "  广州·火炬润滑油 ",
    ],
)
def test_chinese_company_names_share_one_key(name):
    assert normalize_name(name) == "广州火炬润滑油"


def test_different_chinese_companies_differ():
    assert normalize_name("北京火炬润滑油有限公司") == "北京火炬润滑油"
    assert normalize_name("北京火炬润滑油有限公司") != normalize_name(
        "广州火炬润滑油有限公司"
    )


@pytest.mark.parametrize(
    "name",
    [
        "Torch Lubricants Co., Ltd.",
        "TORCH LUBRICANTS CO.,LTD",
        "Torch Lubricants Ltd",
        "Torch Lubricants Limited",
        "torch-lubricants inc.",
        "Ｔｏｒｃｈ　Ｌｕｂｒｉｃａｎｔｓ　Ｃｏ．，Ｌｔｄ．",  # full-width
        "Torch Lubricants",
    ],
)
def test_english_company_names_share_one_key(name):
    assert normalize_name(name) == "torchlubricants"


def test_suffix_only_removed_at_word_boundary_and_never_whole_name():
    assert normalize_name("Zinc") == "zinc"
    assert normalize_name("Marco") == "marco"
    assert normalize_name("Acme Zinc Inc") == "acmezinc"
    assert normalize_name("火炬Inc.") == "火炬"
    assert normalize_name("公司") == "公司"
    assert normalize_name("Company") == "company"


def test_person_names_and_empty_values():
    assert normalize_name("张 三") == normalize_name("张三") == "张三"
    assert normalize_name("Wang  Li") == "wangli"
    assert (
        normalize_name(None) == normalize_name(False) == normalize_name("  ,. ") == ""
    )


def test_suffix_list_is_a_parameter():
    assert normalize_name("青岛火炬润滑油厂") == "青岛火炬润滑油厂"
    assert normalize_name("青岛火炬润滑油厂", suffixes=("厂",)) == "青岛火炬润滑油"
    assert (
        normalize_name("广州火炬润滑油有限公司", suffixes=())
        == "广州火炬润滑油有限公司"
    )
    # longest suffix first whatever the order given, so 有限公司 is not cut to 有限
    assert (
        normalize_name("广州火炬润滑油有限公司", suffixes=("公司", "有限公司"))
        == "广州火炬润滑油"
    )
    with raises("suffixes must be a sequence of strings, not a single string"):
        normalize_name("火炬", suffixes="公司")
    with raises("legal suffix must be a string, got 3"):
        normalize_name("火炬", suffixes=("公司", 3))
    with raises("name must be a string, got 123"):
        normalize_name(123)


@pytest.mark.parametrize(
    "name",
    [
        "华泰润滑科技（上海）有限公司",  # full-width brackets
        "华泰润滑科技(上海)有限公司",
        "华泰润滑科技【上海市】有限公司",
        "上海市华泰润滑科技有限公司",  # city prefix with its administrative word
        "上海华泰润滑科技有限公司",
        "上海 华泰润滑科技股份有限公司",
        "上海华泰润滑科技（上海）有限公司",  # the place is not doubled
    ],
)
def test_place_in_brackets_or_prefix_shares_one_key(name):
    assert normalize_name(name) == "上海华泰润滑科技"


def test_places_keep_companies_apart():
    # the place is kept: two cities' companies and a company without a place stay distinct
    assert normalize_name("北京市华泰润滑科技有限公司") == "北京华泰润滑科技"
    assert normalize_name("华泰润滑科技有限公司") == "华泰润滑科技"
    assert normalize_name("广东省广州市火炬润滑油有限公司") == "广东广州火炬润滑油"
    # a bracket that is not a place stays part of the name; a name that is only a place stays
    assert normalize_name("华泰（润滑）科技有限公司") == "华泰润滑科技"
    assert normalize_name("上海市") == "上海市"
    assert normalize_name("上海") == "上海"
    # the place list is a parameter
    assert (
        normalize_name("上海市华泰润滑科技有限公司", regions=()) == "上海市华泰润滑科技"
    )
    assert normalize_name("华泰（苏北）有限公司", regions=("苏北",)) == "苏北华泰"
    with raises("regions must be a sequence of strings, not a single string"):
        normalize_name("火炬", regions="上海")
    with raises("region must be a string, got 3"):
        normalize_name("火炬", regions=("上海", 3))


@pytest.mark.parametrize(
    "phone",
    ["86 21 5588 6677", "+86 21 5588 6677", "021-5588 6677", "0086 21 55886677"],
)
def test_country_code_without_plus_on_a_landline(phone):
    assert normalize_phone(phone) == "02155886677"


def test_country_code_without_plus_other_lengths():
    assert normalize_phone("86 755 1234 5678") == "075512345678"
    assert normalize_phone("86 400 123 4567") == "4001234567"
    # a short number starting with 86 is a local number, not a country code
    assert normalize_phone("8612 3456") == "86123456"


def test_name_keys_catch_the_seed_duplicates():
    first = duplicate_keys(name="华泰润滑科技（上海）有限公司", phone="86 21 5588 6677")
    second = duplicate_keys(name="上海市华泰润滑科技有限公司", phone="021-55886677")
    assert matching_keys(first, second) == {
        ("name", "上海华泰润滑科技"),
        ("phone", "02155886677"),
    }


@pytest.mark.parametrize(
    "phone",
    [
        "+86 138-0013-8000",
        "13800138000",
        "0086 13800138000",
        "+8613800138000",
        "86 138 0013 8000",
        "138.0013.8000",
        "(+86) 138 0013 8000",
        "１３８００１３８０００",  # full-width digits
        "＋８６　１３８－００１３－８０００",  # full-width plus, space and dashes
        "138–0013—8000",  # en and em dashes
    ],
)
def test_mobile_formats_share_one_key(phone):
    assert normalize_phone(phone) == "13800138000"


@pytest.mark.parametrize(
    "phone",
    [
        "010-1234 5678",
        "(010) 12345678",
        "（010）1234-5678",
        "+86 10 1234 5678",
        "0086-10-12345678",
        "+86 (0)10 1234 5678",
    ],
)
def test_landline_formats_keep_area_code(phone):
    assert normalize_phone(phone) == "01012345678"


def test_other_phone_forms():
    assert (
        normalize_phone("12345678") == "12345678"
    )  # local number, area unknown: left as is
    assert (
        normalize_phone("8612345678") == "8612345678"
    )  # not a mobile after 86: not stripped
    assert (
        normalize_phone("400-820-8888")
        == normalize_phone("+86 400 820 8888")
        == "4008208888"
    )
    assert (
        normalize_phone("+44 20 7946 0000")
        == normalize_phone("0044 20 7946 0000")
        == "+442079460000"
    )
    assert (
        normalize_phone(None)
        == normalize_phone(False)
        == normalize_phone("  ")
        == normalize_phone("--")
        == ""
    )


@pytest.mark.parametrize(
    "phone, message",
    [
        ("138 0013 8000 ext 5", f"phone '138 0013 8000 ext 5' {ONLY_PHONE_CHARS}"),
        ("138+0013", f"phone '138+0013' {ONLY_PHONE_CHARS}"),
        ("++86 138", f"phone '++86 138' {ONLY_PHONE_CHARS}"),
        ("+", "phone '+' has no digits after '+'"),
        ("+86", "phone '+86' has no number after the country code"),
        ("0086", "phone '0086' has no number after the country code"),
        ("00", "phone '00' has no number after the international prefix 00"),
    ],
)
def test_bad_phones(phone, message):
    with raises(message):
        normalize_phone(phone)


def test_phone_must_be_text():
    with raises("phone must be a string, got 13800138000"):
        normalize_phone(13800138000)


def test_email():
    assert normalize_email("  Wang.Li@Torch.CN ") == "wang.li@torch.cn"
    assert normalize_email("Wang Li <Wang.Li@Torch.CN>") == "wang.li@torch.cn"
    assert normalize_email("ｓａｌｅｓ＠ｔｏｒｃｈ．ｃｎ") == "sales@torch.cn"
    assert normalize_email(None) == normalize_email(False) == normalize_email(" ") == ""
    for bad in ("torch.cn", "@torch.cn", "sales@", "a@b@c.cn", "wang li@torch.cn"):
        with raises(f"e-mail address {bad!r} is not valid"):
            normalize_email(bad)


def test_vat_and_uscc():
    assert normalize_vat(" 9135 0100m0 00100y43 ") == "91350100M000100Y43"
    assert normalize_vat("９１３５０１００Ｍ０００１００Ｙ４３") == "91350100M000100Y43"
    assert normalize_vat(None) == normalize_vat(False) == ""
    assert is_valid_uscc("91350100M000100Y43") is True  # example of GB 32100-2015
    assert is_valid_uscc("91350100m000100y43") is True
    assert is_valid_uscc("91350100M000100Y44") is False  # wrong check character
    assert is_valid_uscc("91350100M000100Y4") is False  # 17 characters
    assert is_valid_uscc("91350100I000100Y43") is False  # I is not in the character set
    assert is_valid_uscc(None) is False
    with raises("vat must be a string, got 12"):
        normalize_vat(12)


def test_duplicate_keys():
    keys = duplicate_keys(
        name="广州火炬润滑油有限公司",
        vat="91350100m000100y43",
        phone="020-8888 6666",
        mobile="+86 138-0013-8000",
        email="Sales@Torch.cn",
    )
    assert keys == frozenset(
        {
            ("name", "广州火炬润滑油"),
            ("vat", "91350100M000100Y43"),
            ("phone", "02088886666"),
            ("phone", "13800138000"),
            ("email", "sales@torch.cn"),
        }
    )
    assert duplicate_keys() == frozenset()
    assert (
        duplicate_keys(name=False, vat=False, phone=False, mobile=False, email=False)
        == frozenset()
    )
    assert duplicate_keys(phone="13800138000", mobile="0086 13800138000") == frozenset(
        {("phone", "13800138000")}
    )
    assert duplicate_keys(name="青岛火炬厂", suffixes=("厂",)) == frozenset(
        {("name", "青岛火炬")}
    )


def test_mobile_in_phone_field_matches_mobile_field():
    first = duplicate_keys(name="A", phone="0086 13800138000")
    second = duplicate_keys(name="B", mobile="138 0013 8000")
    assert matching_keys(first, second) == frozenset({("phone", "13800138000")})
    assert matching_keys(first, second, kinds=["name"]) == frozenset()


def test_find_duplicates_and_reasons():
    candidate = duplicate_keys(
        name="广州 火炬润滑油有限公司", mobile="+86 138-0013-8000", email="x@torch.cn"
    )
    existing = {
        9: duplicate_keys(name="广州火炬润滑油", email="other@torch.cn"),
        4: duplicate_keys(name="北京火炬", mobile="13800138000", email="X@Torch.cn"),
        2: duplicate_keys(name="青岛火炬", mobile="13900000000"),
    }
    found = find_duplicates(candidate, existing)
    assert list(found) == [4, 9]
    assert found[4] == frozenset({("phone", "13800138000"), ("email", "x@torch.cn")})
    assert found[9] == frozenset({("name", "广州火炬润滑油")})
    assert find_duplicates(candidate, existing, kinds=("vat", "phone")) == {
        4: frozenset({("phone", "13800138000")})
    }
    assert duplicate_reasons(found) == [
        Reason("duplicate_phone", {"record_id": 4, "value": "13800138000"}),
        Reason("duplicate_email", {"record_id": 4, "value": "x@torch.cn"}),
        Reason("duplicate_name", {"record_id": 9, "value": "广州火炬润滑油"}),
    ]
    assert find_duplicates(candidate, {}) == {}


def test_bad_kinds():
    with raises(
        "unknown duplicate key kind(s) ['fax']; expected some of ['name', 'vat', 'phone', 'email']"
    ):
        find_duplicates(set(), {}, kinds=["phone", "fax"])
    with raises("kinds must be a collection of kind names, not a single string"):
        matching_keys(set(), set(), kinds="phone")
