"""User-facing texts for every message key the domain modules produce.

Each entry is ``key → (Chinese, English)``. Texts are :meth:`str.format` templates: named
``{placeholders}`` are filled from the error's ``params``; literal braces are doubled (``{{n}}``).
The Chinese is written for an elderly village mediator: plain words, polite, says what to do.
"""

from __future__ import annotations

__all__ = ["DOMAIN_MESSAGES", "domain_message"]

DOMAIN_MESSAGES: dict[str, tuple[str, str]] = {
    # 居民身份证 (resident_id)
    "id.empty": (
        "请填写身份证号码。",
        "Please enter the ID number.",
    ),
    "id.length": (
        "身份证号码应是18位（老证是15位），请数一数位数。",
        "An ID number has 18 characters (15 on old cards); please count them.",
    ),
    "id.chars": (
        "身份证号码只能是数字，最后一位可以是字母X，请检查有没有多打别的字。",
        "An ID number may contain only digits, and an X as the last character; please check for other characters.",
    ),
    "id.birth_date": (
        "身份证号码里的出生日期不对（第7到14位），请核对号码。",
        "The date of birth in the ID number (characters 7 to 14) is not a real date; please check the number.",
    ),
    "id.checksum": (
        "身份证号码最后一位校验码不对，请核对号码。",
        "The last (check) digit of the ID number is wrong; please check the number.",
    ),
    "id.region_unknown": (
        "身份证号码开头的地区代码不常见，请核对一下；如果确实没错，可以保存。",
        "The region code at the start of the ID number is unusual; please check it. If it is right, you may save it.",
    ),
    "id.foreign_resident": (
        "这个号码以9开头，是外国人永久居留身份证号码，请确认。",
        "This number starts with 9: it is a foreigner's permanent residence ID; please confirm.",
    ),
    # 统一社会信用代码 (credit_code)
    "credit.empty": (
        "请填写统一社会信用代码。",
        "Please enter the unified social credit code.",
    ),
    "credit.length": (
        "统一社会信用代码应是18位，请数一数位数。",
        "A unified social credit code has 18 characters; please count them.",
    ),
    "credit.chars": (
        "统一社会信用代码只含数字和大写字母，不会有字母I、O、S、V、Z，请检查。",
        "A unified social credit code has only digits and capital letters, never I, O, S, V or Z; please check it.",
    ),
    "credit.checksum": (
        "统一社会信用代码最后一位校验码对不上，请对照营业执照核对；如果确实没错，可以保存。",
        "The last (check) character of the credit code does not match; please compare it with "
        "the business licence. If it is right, you may save it.",
    ),
    # 电话号码 (phone)
    "phone.empty": (
        "请填写电话号码。",
        "Please enter a phone number.",
    ),
    "phone.invalid": (
        "电话号码不对。手机号是11位，以1开头；座机请写区号和号码，例如0591-87654321。",
        "This is not a valid phone number. A mobile number has 11 digits starting with 1; "
        "for a landline write the area code and the number, e.g. 0591-87654321.",
    ),
    # 案件编号格式 (case_number)
    "case_no.placeholder": (
        "案件编号格式里的“{{{placeholder}}}”不认识。只能用{{year}}（年份）、{{n}}（序号）、"
        "{{short}}（调委会简称）、{{org}}（单位代码）。",
        "The case-number format contains an unknown placeholder “{{{placeholder}}}”. Only "
        "{{year}} (year), {{n}} (serial), {{short}} (committee short name) and {{org}} "
        "(org code) may be used.",
    ),
    "case_no.no_serial": (
        "案件编号格式里必须有序号{{n}}。",
        "The case-number format must contain the serial {{n}}.",
    ),
    "case_no.no_year": (
        "案件编号格式里必须有年份{{year}}，因为序号每年从1重新编起。",
        "The case-number format must contain the year {{year}}, because serials start again at 1 every year.",
    ),
    "case_no.syntax": (
        "案件编号格式写得不对：花括号要成对，序号补零只能写成{{n:03}}这样。",
        "The case-number format is not written correctly: braces must come in pairs, and "
        "zero padding of the serial may only be written like {{n:03}}.",
    ),
    # 案件流程 (lifecycle)
    "case.illegal_transition": (
        "案件现在的状态下不能做这一步，请先看看案件目前办到哪一步了。",
        "This step is not possible in the case's current status; please check where the case stands now.",
    ),
    # 纠纷类型 (categories)
    "category.unknown_scheme": (
        "不认识纠纷类型目录的版本“{version}”，请更新本程序。",
        "Unknown version “{version}” of the dispute category list; please update the program.",
    ),
}


def domain_message(key: str, lang: str = "zh", **params: object) -> str:
    """The text for ``key`` in ``lang`` ("zh" or "en"), with ``params`` filled in.

    An unknown key gives the key itself, so nothing is ever lost on screen.
    """
    texts = DOMAIN_MESSAGES.get(key)
    if texts is None:
        return key
    template = texts[1] if lang == "en" else texts[0]
    return template.format(**params)
