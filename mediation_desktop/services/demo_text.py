"""What the demo cases are made of (see ``demo``): word lists, the case stories built on the seed reports
in DOMAIN.md, how often each lifecycle stage occurs, and :class:`People`, which draws the parties.

A story's texts are ``str.format_map`` templates over the keys of :data:`STORY_KEYS`:
``a`` first applicant, ``b`` first respondent (or the organisation), ``v`` village, ``g`` group number,
``n`` applicants (workers, households) or children, ``hh`` households (or pigs) concerned, ``amt``/``pay``
amount involved / agreed (yuan) and ``amt_cn``/``pay_cn`` in capital numerals (大写), ``per`` a monthly
sum, ``deadline`` the performance deadline, ``m`` metres, ``mu`` 亩, ``age``, ``wed``/``y0`` years,
``brand`` the organisation's trade name.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import random
from collections.abc import Sequence
from typing import Any, TypeVar

from mediation_desktop.domain.credit_code import ALPHABET, credit_code_check_char
from mediation_desktop.domain.enums import CaseSource, IdType, PartyKind, PartyRole
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.domain.resident_id import PROVINCE_CODES, resident_id_check_digit

STORY_KEYS = ("a", "b", "v", "g", "n", "hh", "amt", "amt_cn", "pay", "pay_cn", "per", "deadline", "m", "mu",
              "age", "wed", "y0", "brand")

# Surnames roughly in order of frequency; the polyphonic ones (单 shàn, 解 xiè, 仇 qiú, 区 ōu, 朴 piáo,
# 查 zhā, 乐 yuè, 曾 zēng) and compound ones are rarer but matter for pinyin search.
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
            "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
            "万钱严覃武戴莫孔向汤")
SPECIAL_SURNAMES = ("单", "曾", "解", "仇", "区", "朴", "查", "乐", "欧阳", "司马", "诸葛", "上官")
GIVEN_MALE = "建国军伟强磊勇杰涛明超刚平辉鹏华飞志新海波峰春林德成庆宏文兵东亮全忠福贵生荣永长金山水根发祥宝"
GIVEN_FEMALE = "秀英兰芳娜敏静丽艳娟华慧巧美霞萍燕玲桂凤珍琴云莲梅琳雪婷红玉翠菊花春香月娥素彩"
RARE_GIVEN = ("镕", "喆", "堃", "昇", "珺", "䶮", "燊", "赟", "頔", "玥", "旻", "埕")
RARE_SURNAMES = ("𠮷", "禤", "厍", "亓")
#: Uyghur names: own name 「·」 father's name; and some names written without a separator.
UYGHUR_MALE = ("买买提", "艾力", "艾克拜尔", "阿不都拉", "吐尔逊", "艾买提", "哈斯木", "买买提明", "热合曼")
UYGHUR_FEMALE = ("阿依古丽", "古丽娜尔", "热依汗古丽", "帕提古丽", "迪丽努尔", "阿依努尔")
MINORITY_SOLO = {"male": (("扎西多吉", "藏族"), ("巴特尔", "蒙古族")),
                 "female": (("卓玛", "藏族"), ("其其格", "蒙古族"))}
OTHER_ETHNICITIES = ("回族", "壮族", "土家族", "苗族", "满族", "畲族")
OCCUPATIONS = ("务农", "务农", "务农", "务工", "个体经营", "退休", "无业", "驾驶员", "厨师", "建筑工人", "养殖户",
               "教师", "村民小组长")
#: Where migrant workers come from: (region code, place).
AWAY_REGIONS = (("510722", "四川省三台县"), ("412726", "河南省郸城县"), ("341221", "安徽省临泉县"),
                ("522422", "贵州省大方县"), ("431322", "湖南省新化县"), ("360722", "江西省信丰县"))
PHONE_PREFIXES = ("130", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "157", "158",
                  "159", "166", "173", "177", "180", "182", "185", "186", "187", "188", "189", "191", "199")
TOWNS = ("城关镇", "新桥镇", "白沙镇", "龙泉乡", "清水乡")
CITIES = ("临江", "清溪", "安平", "永丰", "青山")
BRANDS = ("兴旺", "鑫源", "宏达", "金穗", "永盛", "华康", "绿源", "恒泰", "福临", "瑞丰", "天和", "佳禾", "百味")
ROADS = ("人民路", "建设路", "解放路", "工业园区创业路", "滨江路", "新华路")
#: The committee's members: mediators and recorders of the demo cases.
MEDIATORS = ("王建国", "李秀英", "陈德明", "赵桂兰", "刘志强", "周玉梅", "孙学文")
HELPERS = ("村民小组长", "村法律顾问", "驻村民警", "乡贤", "村妇联主席", "网格员", "镇司法所工作人员")
#: 委托移送 sources and who sent the case.
SOURCE_DETAILS = {
    "court": ("县人民法院（诉前委派调解）", "县人民法院城关人民法庭"),
    "police": ("城关派出所", "县公安局交通警察大队", "新桥派出所"),
    "procuratorate": ("县人民检察院",),
    "petitions": ("县信访局", "镇信访办"),
    "other_body": ("镇综治中心", "县劳动保障监察大队", "县住建局"),
}
COURT = "县人民法院"

#: Organisation kinds: (name pattern over {city} {brand} {v}, credit-code prefix, representative's title).
ORG_KINDS: dict[str, tuple[str, str, str]] = {
    "liquor": ("{city}市{brand}酒业有限公司", "91", "法定代表人"),
    "developer": ("{city}市{brand}房地产开发有限公司", "91", "法定代表人"),
    "construction": ("{city}市{brand}建筑劳务有限公司", "91", "法定代表人"),
    "property": ("{city}市{brand}物业服务有限公司", "91", "项目经理"),
    "coop": ("{v}{brand}果蔬种植专业合作社", "93", "理事长"),
    "farm": ("{brand}生猪养殖专业合作社", "93", "理事长"),
    "collective": ("{v}股份经济合作社", "N2", "理事长"),
    "agri": ("{brand}农资经营部", "92", "经营者"),
    "travel": ("{city}市{brand}旅行社有限公司", "91", "法定代表人"),
    "shop": ("{city}市{brand}电子商务有限公司", "91", "法定代表人"),
    "clinic": ("{city}市{brand}诊所", "52", "负责人"),
    "food": ("{city}市{brand}食品有限公司", "91", "法定代表人"),
    "insurance": ("中国人民财产保险股份有限公司{city}市支公司", "91", "负责人"),
}

RISK_NOTES = ("双方曾发生推搡，情绪激动，有激化可能，已报告村委会并告知驻村民警。",
              "一方扬言要采取过激行为，已安排专人稳控，随时关注动态。",
              "涉及人数较多，有集体上访苗头，已于当日报告镇司法所。",
              "当事人情绪低落，曾说过轻生的话，已通知其家属注意看护。")
DECLINE_REASONS = ("一方当事人明确拒绝调解（《人民调解法》第十七条），已告知当事人可依法向人民法院起诉。",
                   "该纠纷已由人民法院受理，不再进行人民调解。",
                   "申请事项不属于人民调解范围，已告知当事人向有关部门反映。")
SUSPEND_REASONS = ("一方当事人外出务工，暂时无法参加调解。", "需等待伤情鉴定结果。",
                   "一方当事人住院治疗，待出院后恢复调解。", "需等待有关部门出具测量结果。")
FAIL_REASONS = ("双方分歧较大，经多次调解仍未达成协议，终止调解，已告知当事人可依法向人民法院起诉。",
                "一方当事人不同意继续调解，终止调解，已告知当事人其他救济途径。")
REFER_REASONS = ("纠纷涉及面广、情况复杂，超出本调委会调解能力，依照“大事不出镇”的要求移交乡镇调委会调解。",
                 "纠纷涉及多个部门职责，需由乡镇统一协调处理。",
                 "当事人长期信访，村级多次调解未果，移交乡镇调委会联合有关部门调解。")
OPENINGS = ("调解员告知双方当事人在调解中享有的权利和承担的义务，双方表示清楚。",
            "调解员请双方坐下、喝茶、慢慢说，先耐心听取双方陈述。",
            "调解员向双方宣读《当事人权利义务告知书》，双方签字确认。")
AGAIN = "调解员向双方通报调查核实的情况，结合法律规定和村规民约提出调解方案，听取双方意见。"
BACK_TO_BACK = "因双方情绪对立，调解员采取背靠背方式，分别与双方单独沟通，讲理、讲法、讲情。"
RISK_WARNING = "调解员告知双方应当理性表达诉求，不得采取过激行为，否则将依法承担相应责任。"
RESULTS = {
    "postponed": "双方分歧仍然较大，约定下周再行调解，期间双方各自考虑调解员提出的方案。",
    "not_agreed": "经调解员反复做工作，双方仍未能达成一致意见。",
    "agreed": "经调解员讲理、讲法、讲情，双方互谅互让，自愿达成调解协议。",
}
METHODS_PLACE = ("{v}人民调解委员会调解室", "纠纷现场", "{v}村民委员会")
FOLLOW_UP_FINDINGS = {
    "done": "当事人已按协议全部履行，双方对调解结果满意，未发现新的矛盾隐患。",
    "partial": "义务人已履行部分义务，剩余部分承诺近期履行，调解员督促其按期履行。",
    "not_done": "义务人尚未履行协议，称暂时有困难，调解员向其讲明协议效力，督促其尽快履行。",
}
FOLLOW_UP_MEASURES = {
    "done": "继续关注，适时回访。",
    "partial": "一个月后再次回访，必要时告知权利人可申请司法确认。",
    "not_done": "再次督促履行，告知权利人可依法申请司法确认或向人民法院起诉。",
}


from mediation_desktop.services.demo_stories import Story  # noqa: E402

_UPPER = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
_GROUPS = ("", "万", "亿")


@functools.lru_cache(maxsize=8192)
def yuan_upper(n: int) -> str:
    """Whole yuan in capital numerals (大写), e.g. 156000 → 壹拾伍万陆仟元整."""
    if n <= 0:
        return "零元整"
    digits = str(n)
    out: list[str] = []
    zero = False
    for i, ch in enumerate(digits):
        pos = len(digits) - 1 - i
        d = ord(ch) - 48
        if d == 0:
            zero = True
        else:
            if zero and out:
                out.append("零")
            zero = False
            out.append(_UPPER[d] + _UNITS[pos % 4])
        if pos % 4 == 0 and pos > 0 and int(digits[max(0, i - 3): i + 1]):
            out.append(_GROUPS[pos // 4])
    return "".join(out) + "元整"


def title(applicants: list[str], respondents: list[str], subject: str) -> str:
    """卷名: 张三与李四菜地界限纠纷, 王五等3人与某公司拖欠工资纠纷."""
    def side(names: list[str]) -> str:
        return names[0] + (f"等{len(names)}人" if len(names) > 1 else "")
    return f"{side(applicants)}与{side(respondents)}{subject}纠纷"[:200]


def cn_date(day: dt.date) -> str:
    """2026年11月22日."""
    return f"{day.year}年{day.month}月{day.day}日"


T = TypeVar("T")
Row = dict[str, Any]
_CODE_BODY = ALPHABET[:10] * 3 + ALPHABET[10:]  # 主体标识码: mostly digits
_ORDINAL = {year: dt.date(year, 1, 1).toordinal() for year in range(1930, 2002)}


def weights(items: Sequence[T], weights: Sequence[float]) -> tuple[Sequence[T], list[float]]:
    """A table for :meth:`People.weighted`."""
    return items, list(itertools.accumulate(weights))


CHILDREN = weights((2, 3, 4, 5, 6, 7), (3, 4, 3, 2, 1, 1))
WORKERS = weights((1, 2, 3, 4, 5), (1, 2, 4, 2, 1))


# -- how the demo cases are spread ------------------------------------------------------------------

SPAN_DAYS = 4 * 365  # cases spread over the last ~4 years
TOWNSHIP = "本乡镇人民调解委员会"
_S = CaseStatus
#: (status, how often, registered between this many and this many days before today).
STATUS_PLAN: tuple[tuple[CaseStatus, int, int, int], ...] = (
    (_S.REGISTERED, 2, 0, 6), (_S.ACCEPTED, 3, 0, 20), (_S.INVESTIGATING, 3, 2, 40), (_S.MEDIATING, 5, 3, 75),
    (_S.SUSPENDED, 2, 20, 240), (_S.AGREED, 10, 5, 400), (_S.FAILED, 3, 5, SPAN_DAYS),
    (_S.PERFORMED, 24, 20, SPAN_DAYS), (_S.REFERRED, 2, 5, SPAN_DAYS), (_S.ARCHIVED, 44, 90, SPAN_DAYS),
    (_S.DECLINED, 2, 1, SPAN_DAYS),
)
SOURCES = weights(tuple(s for s in CaseSource if s != CaseSource.UNRECORDED), (75, 15, 3, 4, 1, 2, 1))
SESSIONS = weights((1, 2, 3), (5, 3, 2))
ARCHIVED_FROM = weights((_S.PERFORMED, _S.FAILED, _S.DECLINED, _S.REFERRED), (75, 10, 7, 8))
PREVENTED = weights(("prevented_criminal", "prevented_petition", "prevented_suicide", "stopped_group_fight"),
                    (6, 3, 1, 1))
REASONS = {_S.DECLINED: ("declined_reason", DECLINE_REASONS), _S.SUSPENDED: ("suspended_reason", SUSPEND_REASONS),
           _S.FAILED: ("terminated_reason", FAIL_REASONS)}


class People:
    """Draws the parties of a case: names, valid ID numbers and credit codes, phones, addresses.

    ``pick``/``between``/``weighted`` draw from ``random()`` only: the ``random`` module's ``choice`` and
    ``randint`` would take half the time of the whole generation.
    """

    def __init__(self, rng: random.Random, org_code: str, village: str) -> None:
        self.r, self.village = rng.random, village
        self.region = org_code[:6] if org_code[:2] in PROVINCE_CODES else "330102"
        self.dominant = [SURNAMES[i] for i in rng.sample(range(30), 3)]  # a village has a few big families

    def pick(self, seq: Sequence[T]) -> T:
        return seq[int(self.r() * len(seq))]

    def between(self, low: int, high: int) -> int:
        return low + int(self.r() * (high - low + 1))

    def weighted(self, table: tuple[Sequence[T], list[float]]) -> T:
        items, cum = table
        return items[bisect.bisect(cum, self.r() * cum[-1])]

    def name(self, sex: str, surname: str | None = None) -> tuple[str, str]:
        """(name, ethnicity); about 1 % carry a rare character or are minority names with 「·」."""
        r = self.r()
        if r < 0.004 and surname is None:
            if r < 0.001:
                return self.pick(MINORITY_SOLO[sex])
            own = self.pick(UYGHUR_MALE if sex == "male" else UYGHUR_FEMALE)
            return f"{own}·{self.pick(UYGHUR_MALE)}", "维吾尔族"
        pool = GIVEN_MALE if sex == "male" else GIVEN_FEMALE
        if r < 0.009:
            given = self.pick(pool) + self.pick(RARE_GIVEN)
        elif self.r() < 0.08:
            given = self.pick(pool)
        else:
            given = self.pick(pool) + self.pick(pool)
        if surname is None:
            surname = self.pick(RARE_SURNAMES) if r < 0.011 else self.surname()
        return surname + given, (self.pick(OTHER_ETHNICITIES) if r > 0.985 else "汉族")

    def surname(self) -> str:
        r = self.r()
        if r < 0.03:
            return self.pick(SPECIAL_SURNAMES)
        return self.pick(self.dominant) if r < 0.3 else self.pick(SURNAMES)

    def person(self, role: PartyRole, reg: dt.date, *, sex: str | None = None, born: tuple[int, int] = (1940, 2000),
               surname: str | None = None, away: bool = False, occupation: str | None = None) -> Row:
        r = self.r
        sex = sex or ("male" if r() < 0.5 else "female")
        name, ethnicity = self.name(sex, surname)
        birth = dt.date.fromordinal(self.between(_ORDINAL[born[0]], _ORDINAL[born[1] + 1] - 1))
        region, place = self.pick(AWAY_REGIONS) if away else (self.region, "")
        number = None
        if r() < 0.88:  # the 17th digit is odd for a man
            first17 = (f"{region}{birth.year}{birth.month:02d}{birth.day:02d}{int(r() * 100):02d}"
                       f"{int(r() * 5) * 2 + (sex == 'male')}")
            number = first17 + resident_id_check_digit(first17)
        home = f"{self.village}{self.between(1, 12)}组{self.between(1, 88)}号"
        return {
            "role": role, "kind": PartyKind.PERSON, "name": name, "sex": sex, "ethnicity": ethnicity,
            "birth_date": birth, "age": reg.year - birth.year - ((reg.month, reg.day) < (birth.month, birth.day)),
            "occupation": occupation or self.pick(OCCUPATIONS), "phone": self.phone() if r() < 0.9 else None,
            "address": f"{place}{self.pick(TOWNS)}，现暂住{home}" if away else home,
            "id_type": IdType.RESIDENT_ID if number else IdType.NONE, "id_number": number,
            "representative": None, "representative_title": None,
        }

    def organisation(self, kind: str, role: PartyRole) -> tuple[Row, str]:
        """An organisation party with a valid 统一社会信用代码, and its trade name."""
        pattern, prefix, title = ORG_KINDS[kind]
        brand, city = self.pick(BRANDS), self.pick(CITIES)
        first17 = prefix + self.region + "".join([self.pick(_CODE_BODY) for _ in range(9)])
        local = kind in ("collective", "coop")
        address = f"{self.village}村民委员会内" if local else f"{city}市{self.pick(ROADS)}{self.between(1, 300)}号"
        name = pattern.format(city=city, brand=brand, v=self.village)
        return {
            "role": role, "kind": PartyKind.ORGANISATION, "name": name, "sex": None, "ethnicity": None,
            "birth_date": None, "age": None, "occupation": None, "phone": self.phone(), "address": address,
            "id_type": IdType.CREDIT_CODE, "id_number": first17 + credit_code_check_char(first17),
            "representative": self.name("male" if self.r() < 0.7 else "female")[0], "representative_title": title,
        }, brand

    def in_group(self, address: str | None, group: int) -> str | None:
        """A villager's home 「石桥村7组6号」 moved to the case's group (「石桥村3组6号」); other addresses (the village
        committee's, a company's, a migrant worker's home town) as they are."""
        if address is None or not address.startswith(self.village):
            return address
        rest = address[len(self.village):]
        digits = rest.split("组", 1)[0]
        if not digits.isdigit() or "组" not in rest:
            return address
        return f"{self.village}{group}组{rest.split('组', 1)[1]}"

    def phone(self) -> str:
        return f"{self.pick(PHONE_PREFIXES)}{int(self.r() * 100_000_000):08d}"

    def parties(self, story: Story, reg: dt.date) -> tuple[list[Row], dict[str, Any]]:
        """The parties of one case (applicants first) and the story values they decide."""
        r, ap, rs = self.r, PartyRole.APPLICANT, PartyRole.RESPONDENT
        brand, n, shape = self.pick(BRANDS), 0, story.shape
        if shape == "support":  # an elderly mother and her 2–7 children
            n = self.weighted(CHILDREN)
            family = self.surname()
            rows = [self.person(ap, reg, sex="female", born=(1940, 1952), occupation="无")]
            rows += [self.person(rs, reg, born=(1960, 1985), surname=family) for _ in range(n)]
        elif shape == "spouses":
            first = self.person(ap, reg, born=(1970, 1998))
            year = first["birth_date"].year
            other = "female" if first["sex"] == "male" else "male"
            rows = [first, self.person(rs, reg, sex=other, born=(max(1940, year - 4), min(2000, year + 4)))]
        elif shape in ("workers", "households"):
            n = self.weighted(WORKERS) if shape == "workers" else self.between(3, 6)
            away = shape == "workers" and r() < 0.7
            rows = [self.person(ap, reg, born=(1960, 1998), away=away,
                                occupation="务工" if shape == "workers" else None) for _ in range(n)]
            org, brand = self.organisation(story.org or "developer", rs)
            rows.append(org)
        elif shape == "person_org":
            org, brand = self.organisation(story.org or "shop", rs)
            rows = [self.person(ap, reg), org]
        else:  # pair, traffic
            rows = [self.person(ap, reg), self.person(rs, reg, occupation="驾驶员" if shape == "traffic" else None)]
            if shape == "traffic" and r() < 0.35:
                rows.append(self.organisation("insurance", PartyRole.THIRD_PARTY)[0])
            elif r() < 0.1:
                rows.append(self.person(PartyRole.THIRD_PARTY, reg))
        applicants = [p["name"] for p in rows if p["role"] == ap]
        respondents = [p["name"] for p in rows if p["role"] == rs]
        hh = self.between(6, 60) * 50 if story.org == "farm" else (668 if r() < 0.3 else self.between(36, 420))
        group = self.between(1, 12)
        for row in rows:  # one 村民小组 a case: the story's 「{v}{g}组村民」 is where its villagers live
            row["address"] = self.in_group(row["address"], group)
        values = {"a": applicants[0], "b": respondents[0], "v": self.village, "g": group,
                  "n": n or len(rows), "hh": hh, "age": rows[0]["age"], "brand": brand,
                  "m": self.pick(("0.3", "0.5", "0.8", "1", "1.5")), "mu": self.pick(("1.5", "2", "3", "4.5", "6")),
                  "wed": reg.year - self.between(3, 15), "y0": reg.year - self.between(1, 4),
                  "apps": applicants, "resps": respondents}
        return rows, values
