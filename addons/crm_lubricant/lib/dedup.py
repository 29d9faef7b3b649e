"""Normalization for duplicate detection of customers and leads (anti-collision, 撞单).

Two records are duplicates when they share at least one *key* ``(kind, normalized value)``:

* ``("name", …)``  company or person name: NFKC (full-width → half-width), lower case, the place
  written in brackets moved to the front and the administrative word of a leading place dropped
  ('华泰润滑科技（上海）有限公司', '上海市华泰润滑科技有限公司' → '上海华泰润滑科技': the place is
  kept, so 北京火炬 and 广州火炬 stay two companies), legal-form suffixes removed (有限公司, 集团,
  Co., Ltd. …), spaces and punctuation removed;
* ``("vat", …)``   VAT / unified social credit code: upper case, spaces removed;
* ``("phone", …)`` phone *or* mobile (one kind, so a mobile typed in the phone field still matches):
  digits only, China country prefix removed (also '86 21 5588 6677' written without '+'),
  landlines keep their area code with its leading 0;
* ``("email", …)`` e-mail address, lower case (the address inside ``Name <a@b.cn>`` is used).

Empty values (``None``, ``False`` as Odoo gives for empty fields, blank strings) give no key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
import re
import unicodedata

from .common import DomainError, Reason

KIND_NAME = "name"
KIND_VAT = "vat"
KIND_PHONE = "phone"
KIND_EMAIL = "email"
KINDS = (KIND_NAME, KIND_VAT, KIND_PHONE, KIND_EMAIL)
_KIND_ORDER = {kind: index for index, kind in enumerate(KINDS)}

DuplicateKey = tuple[str, str]

DEFAULT_LEGAL_SUFFIXES: tuple[str, ...] = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团",
    "公司",
    "Co., Ltd.",
    "Ltd.",
    "Limited",
    "Inc.",
    "Corp.",
    "Corporation",
    "LLC",
    "Co.",
    "Company",
)
"""Legal-form suffixes removed from the end of names (repeatedly, so 集团有限公司 goes too)."""

DEFAULT_REGIONS: tuple[str, ...] = (
    # provincial-level divisions
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州",
    "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港",
    "澳门",
    # provincial capitals and other large cities
    "广州", "深圳", "杭州", "南京", "苏州", "无锡", "常州", "武汉", "成都", "西安", "青岛",
    "大连", "宁波", "厦门", "济南", "郑州", "长沙", "沈阳", "哈尔滨", "长春", "石家庄", "太原",
    "合肥", "福州", "南昌", "南宁", "昆明", "贵阳", "兰州", "西宁", "银川", "乌鲁木齐",
    "呼和浩特", "拉萨", "海口", "佛山", "东莞", "烟台", "唐山", "徐州", "温州", "泉州",
)  # fmt: skip
"""Place names: written in brackets after the name they move to its front, written first with
an administrative word (上海市, 广东省) they lose the word."""

ADMIN_SUFFIXES: tuple[str, ...] = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "省",
    "市",
)
"""Administrative words after a place name, longest first."""

_BRACKETED = re.compile(r"[(\[【]([^()\[\]【】]*)[)\]】]")

_PHONE_SEPARATORS = frozenset("()[]./")
_USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def _text(value: object, what: str) -> str:
    """``value`` as a string; ``None``/``False`` (empty Odoo field) become ``""``."""
    if value is None or value is False:
        return ""
    if not isinstance(value, str):
        raise DomainError("not_a_string", f"{what} must be a string, got {value!r}")
    return value


def _is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _spaced(text: str) -> str:
    """NFKC + lower case, every non letter/digit/mark character turned into one space."""
    text = unicodedata.normalize("NFKC", text).lower()
    chars = [ch if unicodedata.category(ch)[0] in "LNM" else " " for ch in text]
    return " ".join("".join(chars).split())


def _strip_suffix(text: str, suffix: str) -> str | None:
    """``text`` without ``suffix`` at its end, or None if it does not end with it at a word
    boundary (a boundary is needed only between two non-CJK letters/digits: "zinc" keeps "inc")."""
    if not suffix or not text.endswith(suffix) or len(text) == len(suffix):
        return None
    prev = text[-len(suffix) - 1]
    first = suffix[0]
    if (
        prev != " "
        and prev.isalnum()
        and first.isalnum()
        and not _is_cjk(prev)
        and not _is_cjk(first)
    ):
        return None
    return text[: -len(suffix)].rstrip()


def _bare_region(text: str, regions: frozenset[str]) -> str | None:
    """The place ``text`` names (``"上海市"`` → ``"上海"``), or None when it is not a place."""
    text = "".join(text.split())
    if text in regions:
        return text
    for word in ADMIN_SUFFIXES:
        if text.endswith(word) and text[: -len(word)] in regions:
            return text[: -len(word)]
    return None


def _canonical_places(text: str, regions: frozenset[str]) -> str:
    """``text`` (NFKC, lower case) with bracketed places moved to the front and the
    administrative word of the leading places dropped."""
    moved: list[str] = []

    def take(match: re.Match) -> str:
        region = _bare_region(match.group(1), regions)
        if region is None:
            return match.group(0)
        moved.append(region)
        return " "

    text = _BRACKETED.sub(take, text).strip()
    lead: list[str] = []
    progress = True
    while progress:
        progress = False
        for region in sorted(regions, key=len, reverse=True):
            if not text.startswith(region):
                continue
            rest = text[len(region) :]
            for word in ADMIN_SUFFIXES:
                if rest.startswith(word) and rest[len(word) :].strip():
                    rest = rest[len(word) :]
                    break
            if not rest.strip():
                break
            lead.append(region)
            text, progress = rest.lstrip(), True
            break
    for region in moved:
        if region not in lead:
            lead.append(region)
    return "".join(lead) + text


def normalize_name(
    name: str | None,
    suffixes: Sequence[str] = DEFAULT_LEGAL_SUFFIXES,
    regions: Sequence[str] = DEFAULT_REGIONS,
) -> str:
    """Comparable form of a company or person name ("" when empty).

    '广州 火炬润滑油有限公司' → '广州火炬润滑油'; 'Torch Lubricants Co., Ltd.' → 'torchlubricants';
    '华泰润滑科技（上海）有限公司' and '上海市华泰润滑科技有限公司' → '上海华泰润滑科技'.
    A suffix is never removed when it is the whole remaining name ('公司' stays '公司').
    """
    text = unicodedata.normalize("NFKC", _text(name, "name")).lower()
    if isinstance(suffixes, str):
        raise DomainError(
            "suffixes_not_sequence",
            "suffixes must be a sequence of strings, not a single string",
        )
    if isinstance(regions, str):
        raise DomainError(
            "regions_not_sequence",
            "regions must be a sequence of strings, not a single string",
        )
    region_set = frozenset(
        "".join(unicodedata.normalize("NFKC", _text(region, "region")).lower().split())
        for region in regions
    ) - {""}
    text = _spaced(_canonical_places(text, region_set))
    normalized = []
    for suffix in suffixes:
        spaced = _spaced(_text(suffix, "legal suffix"))
        if spaced:
            normalized.append(spaced)
    normalized.sort(key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for suffix in normalized:
            stripped = _strip_suffix(text, suffix)
            if stripped:
                text, changed = stripped, True
                break
    return text.replace(" ", "")


def _national_number(digits: str, original: str) -> str:
    """Chinese national form of a number given after the +86 country code."""
    if not digits:
        raise DomainError(
            "phone_no_national_number",
            f"phone {original!r} has no number after the country code",
        )
    if len(digits) == 11 and digits.startswith("1"):
        return digits  # mobile
    if digits.startswith("0") or (len(digits) == 10 and digits[:3] in ("400", "800")):
        return digits  # trunk prefix already written, or a national service number
    return "0" + digits  # landline: area code gets its trunk 0 back (+86 10 … → 010 …)


def normalize_phone(phone: str | None) -> str:
    """Comparable form of a phone or mobile number ("" when empty).

    Spaces, dashes, dots, slashes and brackets are dropped; full-width characters are accepted.
    China: '+86 138-0013-8000', '0086 13800138000' and '8613800138000' → '13800138000';
    '010-1234 5678', '(010) 12345678' and '+86 10 1234 5678' → '01012345678'.
    Other countries: '+44 20 7946 0000' or '0044 …' → '+442079460000'.
    Raises :class:`DomainError` on letters or other symbols, or a misplaced '+'.
    """
    original = _text(phone, "phone")
    text = unicodedata.normalize("NFKC", original)
    digits: list[str] = []
    plus = False
    for char in text:
        if char in "0123456789":
            digits.append(char)
        elif char == "+" and not digits and not plus:
            plus = True
        elif (
            char.isspace()
            or char in _PHONE_SEPARATORS
            or unicodedata.category(char) == "Pd"
        ):
            continue
        else:
            raise DomainError(
                "phone_bad_characters",
                f"phone {original!r} may only contain digits, spaces, dashes, dots, slashes, "
                f"brackets and a leading '+'",
            )
    number = "".join(digits)
    if plus:
        if not number:
            raise DomainError(
                "phone_no_digits", f"phone {original!r} has no digits after '+'"
            )
    elif number.startswith("00"):
        number = number[2:]
        plus = True
        if not number:
            raise DomainError(
                "phone_no_number_after_prefix",
                f"phone {original!r} has no number after the international prefix 00",
            )
    if plus:
        if number.startswith("86"):
            return _national_number(number[2:], original)
        return "+" + number
    if len(number) in (12, 13) and number.startswith("86"):
        # 86 written without '+': a national number never starts with 86 at that length
        # (landlines are written with their trunk 0, mobiles start with 1)
        return _national_number(number[2:], original)
    return number


def normalize_email(email: str | None) -> str:
    """Comparable form of an e-mail address ("" when empty): NFKC, stripped, lower case.

    'Wang Li <Wang.Li@Torch.CN>' → 'wang.li@torch.cn'.  Raises :class:`DomainError` when the
    address has no single '@' with text on both sides, or contains spaces.
    """
    original = _text(email, "email")
    text = unicodedata.normalize("NFKC", original).strip()
    bracketed = re.search(r"<([^<>]*)>", text)
    if bracketed:
        text = bracketed.group(1).strip()
    if not text:
        return ""
    text = text.lower()
    local, at, domain = text.partition("@")
    if (
        not at
        or not local
        or not domain
        or "@" in domain
        or any(ch.isspace() for ch in text)
    ):
        raise DomainError("email_invalid", f"e-mail address {original!r} is not valid")
    return text


def normalize_vat(vat: str | None) -> str:
    """Comparable form of a VAT number / unified social credit code: NFKC, upper case, no spaces."""
    text = unicodedata.normalize("NFKC", _text(vat, "vat"))
    return "".join(text.split()).upper()


def is_valid_uscc(code: str | None) -> bool:
    """True if ``code`` is a well-formed 18-character unified social credit code (统一社会信用代码)
    whose check character is right (GB 32100-2015: weights 3^i mod 31 over a 31-character set)."""
    text = normalize_vat(code)
    if len(text) != 18 or any(char not in _USCC_CHARSET for char in text):
        return False
    total = sum(
        _USCC_CHARSET.index(char) * weight
        for char, weight in zip(text, _USCC_WEIGHTS, strict=False)
    )
    return text[17] == _USCC_CHARSET[(31 - total % 31) % 31]


def duplicate_keys(
    name: str | None = None,
    vat: str | None = None,
    phone: str | None = None,
    mobile: str | None = None,
    email: str | None = None,
    *,
    suffixes: Sequence[str] = DEFAULT_LEGAL_SUFFIXES,
    regions: Sequence[str] = DEFAULT_REGIONS,
) -> frozenset[DuplicateKey]:
    """All duplicate-detection keys of one record, as ``(kind, normalized value)`` pairs."""
    keys = {
        (KIND_NAME, normalize_name(name, suffixes, regions)),
        (KIND_VAT, normalize_vat(vat)),
        (KIND_PHONE, normalize_phone(phone)),
        (KIND_PHONE, normalize_phone(mobile)),
        (KIND_EMAIL, normalize_email(email)),
    }
    return frozenset(key for key in keys if key[1])


def matching_keys(
    keys: Iterable[DuplicateKey],
    other: Iterable[DuplicateKey],
    kinds: Iterable[str] | None = None,
) -> frozenset[DuplicateKey]:
    """Keys shared by two records, restricted to ``kinds`` when given (e.g. name matching off)."""
    shared = frozenset(keys) & frozenset(other)
    if kinds is None:
        return shared
    wanted = _check_kinds(kinds)
    return frozenset(key for key in shared if key[0] in wanted)


def find_duplicates(
    keys: Iterable[DuplicateKey],
    existing: Mapping[int, Iterable[DuplicateKey]],
    kinds: Iterable[str] | None = None,
) -> dict[int, frozenset[DuplicateKey]]:
    """``{record_id: shared keys}`` for the existing records sharing a key with ``keys``, by id."""
    keys = frozenset(keys)
    wanted = None if kinds is None else _check_kinds(kinds)
    found = {}
    for record_id in sorted(existing):
        shared = matching_keys(keys, existing[record_id], wanted)
        if shared:
            found[record_id] = shared
    return found


def duplicate_reasons(matches: Mapping[int, Iterable[DuplicateKey]]) -> list[Reason]:
    """One reason per (record, key) of :func:`find_duplicates`' result.

    Code ``duplicate_<kind>``, params ``record_id`` and ``value``; sorted by record id, then kind
    in the order name, vat, phone, email.
    """
    reasons = []
    for record_id in sorted(matches):
        ordered = sorted(
            matches[record_id],
            key=lambda key: (_KIND_ORDER.get(key[0], len(KINDS)), key),
        )
        for kind, value in ordered:
            reasons.append(
                Reason(f"duplicate_{kind}", {"record_id": record_id, "value": value})
            )
    return reasons


def _check_kinds(kinds: Iterable[str]) -> frozenset[str]:
    if isinstance(kinds, str):
        raise DomainError(
            "kinds_not_collection",
            "kinds must be a collection of kind names, not a single string",
        )
    wanted = frozenset(kinds)
    unknown = sorted(wanted - set(KINDS))
    if unknown:
        raise DomainError(
            "unknown_key_kinds",
            f"unknown duplicate key kind(s) {unknown}; expected some of {list(KINDS)}",
        )
    return wanted
