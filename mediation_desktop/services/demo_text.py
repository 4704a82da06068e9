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
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Story:
    """A kind of dispute seen in the seed reports, with the texts of its case file."""

    code: str  # category code in scheme 2021
    subject: str  # 争议事项 in the title 「A与B{subject}纠纷」
    shape: str  # pair, support, spouses, workers, person_org, households, traffic
    summary: str
    requests: tuple[str, ...]
    claim: str
    defence: str
    qa: tuple[tuple[str, str], ...]
    terms: tuple[str, ...]
    method: str
    amount: tuple[int, int] | None = None
    org: str | None = None
    weight: int = 4
    oral: bool = True  # an oral agreement is plausible
    source: str | None = None  # the usual referring body, if any


QA_END = ("以上所说是否属实？", "属实。")

STORIES: tuple[Story, ...] = (
    Story("neighbour", "菜地界限", "pair",
          "{a}与{b}同为{v}{g}组村民，两家菜地相邻。{a}称{b}在翻地时将界埂向其一侧挪动约{m}米，侵占其菜地；"
          "{b}则认为界埂原本就在此处。双方多次争吵，{a}遂申请调解。",
          ("请求依原界线重新划定菜地界限", "请求{b}清除越界种植的蔬菜"),
          "菜地界埂是当年分地时定的，{b}翻地时往我这边挪了{m}米，我家的豆角都种不下了。",
          "界埂一直就在那里，我没有动过，是{a}自己记错了。",
          (("你们两家菜地的界线原来是怎么定的？", "是当年分地时小组长拿尺子量的，中间埋了石头做记号。"),
           ("现在石头记号还在吗？", "有一块还在，另一块翻地时不见了。")),
          ("由{v}{g}组村民小组长会同双方当事人，以现存界石为基准重新丈量，在两家菜地之间埋设水泥界桩",
           "{b}于{deadline}前将越界种植的蔬菜自行清除，界桩以西由{a}耕种，以东由{b}耕种",
           "双方今后互谅互让，不得擅自移动界桩，不得再因菜地界限发生争执"),
          "双方到现场共同确认界桩位置，自行履行", weight=12),
    Story("neighbour", "噪音", "pair",
          "{b}在自家一楼开设木工作坊，每天早晚使用电锯、刨床，噪音较大，影响住在隔壁的{a}一家休息。"
          "{a}多次上门交涉未果，双方发生口角。",
          ("请求{b}停止在夜间和午休时间施工", "请求{b}采取隔音措施"),
          "他家机器从早上六点响到晚上十点，我母亲有心脏病，根本睡不好。",
          "我做木工是养家糊口，白天干活天经地义，他们是故意找茬。",
          (("作坊每天什么时间开工？", "一般早上六点半，晚上有活的时候做到九点多。"),
           ("周围还有哪些住户受到影响？", "后面两户也说过吵，但没有来反映。")),
          ("{b}每日早七时前、中午十二时至十四时、晚八时后不使用电锯、刨床等噪音较大的机器",
           "{b}于{deadline}前在作坊临{a}家一侧墙面加装隔音棉", "{a}不再因此事到{b}家吵闹，双方和睦相处"),
          "{b}自行整改，调委会到场查看", weight=6),
    Story("neighbour", "排水", "pair",
          "{a}与{b}两家房屋前后相邻。{b}翻建院落时将地面垫高，雨天积水顺坡流入{a}家院内，造成墙根受潮、"
          "部分杂物被泡，损失约{amt}元。",
          ("请求{b}改建排水沟，使雨水不再流入{a}家院内", "请求{b}赔偿损失{amt}元"),
          "上个月下大雨，水全往我家灌，墙根都泡软了。", "我垫高自家院子没有违法，下雨是天灾，不能都算我的。",
          (("积水是从哪里流进院子的？", "从他家院墙下面的缺口流过来，以前那里有条老水沟，被他填了。"),),
          ("{b}于{deadline}前沿两家院墙外侧开挖排水沟，将雨水引入村道边沟，费用由{b}承担",
           "{b}一次性补偿{a}损失人民币{pay}元（大写：{pay_cn}）", "排水沟建成后双方共同维护，不得堵塞"),
          "{b}以现金方式一次性支付，排水沟由{b}自行施工", amount=(800, 6000), weight=6),
    Story("marriage_family", "赡养", "support",
          "{a}现年{age}岁，丈夫早年去世，育有子女{n}人。{a}年老体弱，患有高血压等疾病，子女之间因赡养费用分担"
          "和轮流照料问题相互推诿，{a}无人照顾，遂请求调委会调解。",
          ("请求子女每月按时支付赡养费", "请求子女轮流照料生活起居，分担医疗费用"),
          "我一把年纪了，几个孩子谁都不想管，生病住院都没人陪。",
          "不是我不管，是其他兄弟姐妹都不出钱，凭什么让我一个人负担。",
          (("老人现在住在哪里，平时由谁照顾？", "住在老房子里，平时是隔壁邻居帮忙照看。"),
           ("子女们的经济条件怎么样？", "大儿子在镇上开店，条件好一些，其他几个都在外地打工。")),
          ("子女{n}人自{deadline}起每人每月向母亲{a}支付赡养费人民币{per}元，于每月五日前转入{a}的银行账户",
           "{a}由子女{n}人按年龄顺序轮流照料，每人两个月，负责其日常饮食起居",
           "{a}住院治疗的医疗费用扣除医保报销部分后，由子女{n}人平均分担",
           "子女应常回家看望母亲，不得以任何理由拒绝或拖延履行赡养义务"),
          "按月银行转账支付赡养费，子女轮流照料", weight=8, oral=False),
    Story("marriage_family", "离婚财产", "spouses",
          "{a}与{b}于{wed}年登记结婚，婚后育有一子。近年来双方因家庭琐事经常争吵，已分居一年有余。现双方均同意"
          "离婚，但对共同财产分割和孩子抚养费问题存在争议，涉及财产约{amt}元。",
          ("请求依法分割夫妻共同财产", "请求明确孩子由{a}抚养，{b}支付抚养费"),
          "这几年家里的钱都是我在外面挣的，房子装修也是我出的钱。",
          "我在家照顾老人孩子，也有贡献，不能一分钱都不给我。",
          (("你们分居多长时间了？", "一年多了，一方带着孩子住在娘家。"),
           ("家里有哪些共同财产？", "有一辆车，银行存款十来万，房子是在父母的宅基地上盖的。")),
          ("双方同意到婚姻登记机关协议离婚，婚生子由{a}抚养",
           "{b}每月支付孩子抚养费人民币{per}元，至孩子年满十八周岁止",
           "夫妻共同存款及车辆归{a}所有，{a}于{deadline}前一次性补偿{b}人民币{pay}元（大写：{pay_cn}）",
           "双方其他个人物品各归各有，今后互不干涉对方生活"),
          "银行转账一次性支付补偿款，抚养费按月支付", amount=(30000, 300000), weight=5, oral=False),
    Story("marriage_family", "婚约财产", "pair",
          "{a}之子与{b}之女经人介绍订婚，{a}家按当地习俗给付彩礼{amt}元。后双方解除婚约，{a}要求返还彩礼，"
          "{b}只同意返还一部分。",
          ("请求{b}返还彩礼{amt}元",),
          "婚没结成，彩礼理应全部退还。", "订婚摆酒、买衣服都花了钱，不能全部退。",
          (("彩礼是怎么给付的，有无凭证？", "是现金当着媒人的面给的，媒人可以作证。"),),
          ("{b}于{deadline}前返还{a}彩礼人民币{pay}元（大写：{pay_cn}）", "订婚时双方互赠的衣物首饰各自返还",
           "双方解除婚约后互不追究，和睦相处"),
          "现金一次性返还", amount=(30000, 188000), weight=3),
    Story("house_homestead", "宅基地", "pair",
          "{a}拆除旧房准备在原宅基地上翻建新房，{b}认为{a}新打的地基超出原宅基地范围约{m}米，占用了两家之间的"
          "通道，阻止施工，双方发生争执。",
          ("请求确认宅基地四至界线", "请求{b}停止阻挠施工"),
          "我是在老房子的地基上盖，宅基地证上写得清清楚楚。",
          "那条通道是两家共用的，他把地基往外扩，以后我家车都开不进去。",
          (("宅基地使用证上登记的四至是怎样的？", "东至{b}家，西至村道，南至水塘，北至小组晒场。"),
           ("通道原来有多宽？", "大概两米多，能过一辆三轮车。")),
          ("经村委会会同镇自然资源所工作人员现场测量，{a}新建房屋地基按宅基地使用证登记范围后退{m}米",
           "两家之间保留宽二点五米的共用通道，双方均不得占用或堆放杂物", "{b}不再阻挠{a}建房施工"),
          "按现场测量结果自行整改", weight=7),
    Story("house_homestead", "房屋质量", "households",
          "{b}开发的{v}安置小区共有{hh}户业主。房屋交付使用六年后，多户外墙及室内墙面出现抹灰层开裂、空鼓、脱落，"
          "此时保修期已过，开发商以超过保修期为由拒绝维修。业主多次集体上访，经乡镇协调由调委会会同住建、信访等"
          "部门联合调解。",
          ("请求开发商对开裂墙面进行全面维修", "请求开发商支付维修期间的过渡费"),
          "房子才住了几年墙皮就一块块往下掉，差点砸到孩子，开发商必须负责。",
          "保修期已经过了，按规定我们没有维修义务，但愿意协商解决。",
          (("墙面开裂主要集中在哪些部位？", "外墙和卫生间、厨房的墙面最严重，有的房间空鼓面积超过一半。"),
           ("有没有请专业机构检测？", "住建局委托的检测机构出了报告，认为是抹灰层施工质量问题。")),
          ("{b}对小区开裂、空鼓墙面进行维修，业主可在两种方案中自行选择：由{b}统一组织施工队维修，"
           "或由业主自行维修、{b}按每平方米墙面人民币六十元的标准支付维修费",
           "选择统一维修的业主，维修期间由{b}按每户每月人民币一千元的标准支付过渡费",
           "{b}于{deadline}前开工维修，维修完成后由业主代表、{b}和住建部门共同验收",
           "业主不再就此事集体上访，维修中发生的问题通过调委会协商解决"),
          "{b}按业主选定的方案组织维修或支付维修费，过渡费按月支付", amount=(800000, 3000000), org="developer",
          weight=1, oral=False, source="petitions"),
    Story("contract", "借款", "pair",
          "{y0}年，{b}因做生意资金周转困难，向{a}借款人民币{amt}元，约定一年内归还，并出具借条。到期后{a}多次催要，"
          "{b}以生意亏本为由一直未还。",
          ("请求{b}归还借款{amt}元", "请求{b}按约定支付利息"),
          "我是看在乡里乡亲的份上借给他的，现在打电话都不接。", "钱我认，但是现在实在拿不出来，只能慢慢还。",
          (("借款时有没有写借条？", "有，借条上写明了金额和还款时间，还按了手印。"),),
          ("{b}确认尚欠{a}借款人民币{amt}元（大写：{amt_cn}）",
           "{b}于{deadline}前分三期归还全部借款，每期归还三分之一，{a}同意免除利息",
           "如{b}有一期未按时归还，{a}有权就剩余全部借款向人民法院起诉"),
          "分期银行转账支付", amount=(5000, 200000), weight=5),
    Story("contract", "土地流转租金", "person_org",
          "{a}将承包的{mu}亩耕地流转给{b}种植果蔬，约定每亩每年租金人民币八百元。{b}已拖欠两年租金共计{amt}元，"
          "{a}多次索要未果。",
          ("请求{b}支付拖欠的租金{amt}元",),
          "合同上写得清清楚楚，租金一年一付，两年了一分没给。", "这两年菜价不好，合作社亏了，想缓一缓再付。",
          (("流转合同是哪一年签订的？", "{y0}年签的，签了十年，村里做的见证。"),),
          ("{b}于{deadline}前向{a}支付拖欠的土地流转租金人民币{pay}元（大写：{pay_cn}）",
           "此后租金按合同约定于每年十二月底前一次付清", "双方继续履行原土地流转合同"),
          "银行转账一次性支付", amount=(3000, 50000), org="coop", weight=3),
    Story("production", "合伙养殖", "pair",
          "{a}与{b}合伙养殖肉牛，{a}出资{amt}元，{b}负责饲养管理。因市场行情下跌，合伙亏损，双方对亏损分担和"
          "剩余肉牛的处置发生争议。",
          ("请求解除合伙关系", "请求{b}退还出资款"),
          "牛是他在管，亏成这样他要负主要责任。", "行情不好谁也没办法，亏损应当按出资比例承担。",
          (("合伙时有没有书面协议？", "有一张手写的协议，约定了出资和分红比例。"),),
          ("双方同意解除合伙关系，剩余肉牛由{b}作价收购",
           "{b}于{deadline}前向{a}退还出资款人民币{pay}元（大写：{pay_cn}）",
           "合伙期间的其他债权债务由双方各承担一半"),
          "银行转账支付", amount=(20000, 300000), weight=3),
    Story("damages", "狗咬伤", "pair",
          "{b}家饲养的土狗未拴养，在村道上将路过的{a}咬伤，{a}花去医疗费、狂犬疫苗费等共计{amt}元。"
          "双方对赔偿数额有争议。",
          ("请求{b}赔偿医疗费等损失{amt}元",),
          "我走在路上好好的，狗冲出来就咬，腿上缝了五针。", "狗平时不咬人，是他先拿棍子打狗的。",
          (("事发时有没有其他人在场？", "有，{g}组的两个村民看见了。"),),
          ("{b}一次性赔偿{a}医疗费、误工费、交通费等各项损失共计人民币{pay}元",
           "{b}今后将狗拴养，不得放任其在村道上活动", "本协议履行后，双方就此事再无其他纠葛"),
          "现金一次性当场支付", amount=(800, 12000), weight=5),
    Story("forest_land", "山林界址", "pair",
          "{a}与{b}两家承包的山林相连。{b}请人砍伐杉木时越界砍伐了{a}山林内的杉树十余棵，双方对山林界址各执一词。",
          ("请求确认山林界址", "请求{b}赔偿被砍伐的杉木损失"),
          "那片杉树是我父亲当年亲手栽的，林权证附图上标得很清楚。", "山上没有界桩，我是按老辈人说的界线砍的。",
          (("林权证附图上两家山林以什么为界？", "以山脊和一条小水沟为界。"),),
          ("双方以林权证附图为准，由村委会组织现场指界，在两家山林交界处设立界桩",
           "{b}对越界砍伐的杉木赔偿{a}人民币{pay}元", "已砍伐的木材归{b}所有"),
          "现场指界后现金支付", amount=(2000, 30000), weight=5),
    Story("forest_land", "土地承包", "person_org",
          "{a}反映，其家庭承包的{mu}亩责任田在二轮延包时被村民小组调整给他人耕种，十年来多次向乡镇和县信访部门"
          "反映未果。该纠纷涉及土地承包经营权确认，情况复杂，时间跨度长。",
          ("请求恢复其家庭的土地承包经营权", "请求补偿多年来的土地收益损失"),
          "我家的地凭什么给别人种，我跑了十年，没有一个说法。", "当年调地是小组开会定的，程序上没有问题。",
          (("二轮延包时是否召开了村民小组会议？", "开了，但{a}家当时在外地，没有参加。"),
           ("现在这块地由谁耕种？", "由{g}组另外两户村民耕种。")),
          ("{b}在本组机动地中调剂{mu}亩耕地交由{a}家庭承包经营，并依法办理承包合同变更手续",
           "{b}一次性补偿{a}多年来的土地收益损失人民币{pay}元（大写：{pay_cn}）",
           "{a}承诺今后不再就此事信访"),
          "调剂耕地并现金支付补偿款", amount=(10000, 80000), org="collective", weight=2, oral=False,
          source="petitions"),
    Story("land_requisition", "征地补偿款分配", "person_org",
          "因修建县道，{v}{g}组部分土地被征收。{a}系外嫁女，户口仍在本组，组里在分配土地补偿款时未将其列入分配"
          "名单，涉及补偿款约{amt}元。",
          ("请求确认其集体经济组织成员资格", "请求按同等标准分配土地补偿款"),
          "我户口一直在组里，也承担了村民义务，凭什么不分给我。", "按组里的老规矩，出嫁的女儿就不再分钱了。",
          (("{a}的户口和承包地现在在哪里？", "户口在本组，承包地出嫁后被收回了。"),),
          ("{b}确认{a}具有本组集体经济组织成员资格，享有与其他成员同等的土地补偿款分配权利",
           "{b}于{deadline}前向{a}支付土地补偿款人民币{pay}元（大写：{pay_cn}）",
           "今后本组集体收益分配不得因出嫁而剥夺{a}的权利"),
          "银行转账一次性支付", amount=(20000, 120000), org="collective", weight=3, oral=False),
    Story("pollution", "养殖污染", "households",
          "{b}在{v}{g}组附近建设生猪养殖场，存栏约{hh}头。养殖废水未经处理直接排入沟渠，臭味严重，蚊蝇滋生，"
          "{a}等村民多次反映无果。",
          ("请求{b}治理养殖污染", "请求{b}赔偿损失"),
          "夏天臭得门窗都不敢开，沟里的水都是黑的。", "我们也在想办法，处理设施投入大，需要时间。",
          (("养殖废水排到了哪里？", "排到场子东边的沟渠，再流进下面的水塘。"),),
          ("{b}于{deadline}前建设沼气池和污水处理设施，养殖废水经处理达标后方可排放",
           "整改期间{b}将存栏量减少一半，并每日清运粪污",
           "{b}一次性补偿受影响农户人民币{pay}元，由村委会统一发放"),
          "限期整改并现金支付补偿款", amount=(5000, 60000), org="farm", weight=2),
    Story("labour", "工伤赔偿", "person_org",
          "{a}在{b}承包的工地上从事钢筋工作业时从脚手架上摔下，造成左腿骨折，花去医疗费{amt}元。"
          "{b}只愿承担部分医疗费，对误工费、护理费等不予认可。",
          ("请求{b}赔偿医疗费、误工费、护理费等损失",),
          "我是在工地干活摔伤的，公司应当全部负责。", "他是自己没系安全带，本人也有过错。",
          (("事发时是否按要求佩戴安全带？", "佩戴了，但脚手架的护栏松了。"),),
          ("{b}一次性赔偿{a}医疗费、误工费、护理费、营养费等各项费用共计人民币{pay}元（大写：{pay_cn}）",
           "{b}于{deadline}前将上述款项转入{a}本人银行账户",
           "{a}收到赔偿款后，不再就本次受伤向{b}主张其他权利"),
          "银行转账一次性支付", amount=(15000, 150000), org="construction", weight=2, oral=False),
    Story("labour_wages", "拖欠工资", "workers",
          "{a}等{n}人在{b}从事酿造、包装工作。因该公司经营困难、停产，拖欠{n}人工资共计人民币{amt}元，且未依法为其"
          "缴纳社会保险费。{n}人多次讨要未果，情绪激动。",
          ("请求{b}支付拖欠的工资{amt}元", "请求{b}补缴社会保险费"),
          "我们在厂里干了三四年，最后大半年一分钱没拿到，家里孩子要交学费。",
          "公司现在确实困难，货款收不回来，不是故意不给，希望工人能给点时间。",
          (("公司拖欠工资从什么时候开始？", "从去年八月开始只发生活费，到停产时就一分都没发了。"),
           ("公司现在有哪些资产？", "厂房是租的，还有一批库存的酒和设备。")),
          ("{b}确认拖欠{a}等{n}人工资共计人民币{amt}元（大写：{amt_cn}），明细见附表",
           "{b}于{deadline}前先行支付拖欠工资的百分之六十，余款于三个月内付清",
           "{b}于本协议签订之日起六十日内为{n}人补缴拖欠的社会保险费",
           "{a}等{n}人保证通过合法途径主张权利，不采取堵门、拉横幅等过激行为"),
          "银行转账分两期支付至工人本人账户", amount=(148000, 164000), org="liquor", weight=2, oral=False,
          source="other_body"),
    Story("labour_wages", "农民工工资", "workers",
          "{a}等{n}人跟随包工头在{b}承建的农房工地务工，工程完工后包工头下落不明，{n}人工资共计人民币{amt}元"
          "无人支付。",
          ("请求{b}支付拖欠的工资{amt}元",),
          "活干完了，包工头人跑了，我们只能找公司。", "工程款已经付给包工头了，公司不应重复支付。",
          (("你们和谁约定的工资标准？", "和包工头口头约定，每天三百元，记了考勤本。"),),
          ("{b}作为总承包方先行垫付{a}等{n}人工资共计人民币{pay}元（大写：{pay_cn}）",
           "{b}于{deadline}前将工资直接发放至工人本人", "{b}垫付后有权向包工头追偿，{a}等人予以配合"),
          "银行转账支付至工人本人账户", amount=(12000, 90000), org="construction", weight=3, oral=False),
    Story("consumer", "农资质量", "person_org",
          "{a}在{b}购买玉米种子和复合肥，播种后出苗率不足五成，{a}认为种子质量有问题，要求赔偿损失约{amt}元。",
          ("请求{b}赔偿减产损失{amt}元",),
          "同一块地去年用别家的种子出苗好好的，今年就是种子的问题。", "可能是天旱没浇水，不能全怪种子。",
          (("购买时有无发票或收据？", "有收据，种子袋也留着。"),),
          ("{b}退还{a}购种款，并补偿减产损失共计人民币{pay}元", "{b}今后销售种子须保留样品和进货凭证",
           "双方就此事再无其他争议"),
          "现金一次性支付", amount=(1500, 20000), org="agri", weight=2),
    Story("consumer_tourism", "旅游服务", "person_org",
          "{a}等人报名参加{b}组织的老年旅游团，行程中导游多次安排购物，并擅自取消两个景点。回来后{a}要求退还部分"
          "团费{amt}元，{b}不同意。",
          ("请求{b}退还团费{amt}元",),
          "说好的纯玩团，天天拉去买东西，景点也少去了两个。", "景点是因为下雨临时取消的，购物是自愿的。",
          (("旅游合同里约定了哪些景点？", "合同附了行程单，写了五个景点。"),),
          ("{b}退还{a}取消景点的门票费用并补偿人民币{pay}元", "{b}于{deadline}前通过银行转账支付",
           "{a}删除在网络上发布的相关投诉信息"),
          "银行转账支付", amount=(600, 8000), org="travel", weight=1),
    Story("consumer_ecommerce", "网购商品", "person_org",
          "{a}通过网络直播间向{b}购买一台冰箱，价款{amt}元。收货后发现冰箱制冷不正常，{b}以商品已拆封为由拒绝退换。",
          ("请求{b}退货退款或更换商品",),
          "刚用三天就不制冷了，客服一直拖着不处理。", "拆封后影响二次销售，只能给维修。",
          (("冰箱出现故障后有没有报修？", "打了厂家售后电话，师傅说是压缩机的问题。"),),
          ("{b}为{a}更换同型号新冰箱一台，往返运费由{b}承担", "{b}于{deadline}前安排上门送货并取回原冰箱",
           "双方就此事再无其他争议"),
          "上门更换商品", amount=(1000, 8000), org="shop", weight=1),
    Story("medical", "医疗纠纷", "person_org",
          "{a}的父亲因感冒到{b}输液，输液过程中出现过敏反应，经转院抢救后脱离危险，共花去医疗费{amt}元。"
          "{a}认为{b}用药前未询问过敏史，存在过错。",
          ("请求{b}赔偿医疗费等损失{amt}元",),
          "打针前医生什么都没问，差点出了人命。", "我们按规范用药，过敏反应是难以预见的。",
          (("用药前是否询问过敏史并记录？", "门诊日志上没有记录。"),),
          ("{b}一次性补偿{a}家医疗费、交通费、误工费等共计人民币{pay}元（大写：{pay_cn}）",
           "{b}加强用药前问诊和过敏史登记", "本协议履行后，双方不再就此事发生争议"),
          "银行转账一次性支付", amount=(5000, 60000), org="clinic", weight=2),
    Story("traffic", "道路交通事故", "traffic",
          "{b}驾驶小型货车在村道转弯时与{a}驾驶的电动自行车相撞，造成{a}右腿受伤、车辆损坏。交警部门认定{b}负事故"
          "主要责任，{a}负次要责任。双方对赔偿数额协商不成，经交警部门委托调解。",
          ("请求{b}赔偿医疗费、误工费、车辆损失等{amt}元",),
          "我正常骑车，是他转弯太快撞了我，现在还不能下地干活。", "我也垫付了医药费，他要的误工费太高了。",
          (("事故发生后双方各垫付了哪些费用？", "{b}垫付了部分医药费，其余由{a}自己支付。"),),
          ("{b}赔偿{a}医疗费、误工费、护理费、车辆损失等共计人民币{pay}元（大写：{pay_cn}），已垫付部分予以扣除",
           "保险公司理赔款由{b}负责办理，于{deadline}前支付给{a}", "{a}放弃其他赔偿请求，双方就此次事故再无其他争议"),
          "银行转账支付", amount=(3000, 120000), weight=4, source="police"),
    Story("property_mgmt", "物业服务费", "person_org",
          "{a}系{v}安置小区业主，认为{b}服务不到位，楼道卫生无人打扫、电梯经常停运，已拒交物业费两年，共计{amt}元。"
          "{b}多次催缴并停止为其办理门禁卡。",
          ("请求{b}改进物业服务", "请求{b}恢复办理门禁卡"),
          "交了钱没服务，电梯三天两头坏。", "物业费是业主的义务，服务问题可以提意见，不能不交费。",
          (("电梯近一年停运过几次？", "物业记录有七次，业主说不止。"),),
          ("{a}于{deadline}前补交所欠物业费的百分之八十，即人民币{pay}元",
           "{b}于一个月内对电梯进行全面检修，并安排专人每周打扫楼道两次", "{b}恢复为{a}办理门禁卡"),
          "现金或转账支付，物业限期整改", amount=(1200, 6000), org="property", weight=2),
    Story("ip", "商标侵权", "person_org",
          "{a}在村口经营农家乐和土特产店，店招及包装上使用了与{b}注册商标“{brand}”近似的标识销售腊肉等产品。"
          "{a}接到{b}要求停止使用并赔偿{amt}元的律师函后申请调解。",
          ("请求确认不构成侵权或减少赔偿数额",),
          "我不知道这个名字有人注册了，就是图个吉利。", "我们的商标用了十几年，近似标识造成消费者混淆。",
          (("标识是从什么时候开始使用的？", "前年开店时就用了。"),),
          ("{a}于{deadline}前更换店招，停止在商品包装上使用与“{brand}”近似的标识",
           "{a}一次性补偿{b}人民币{pay}元", "{b}不再就此前的使用行为追究{a}的责任"),
          "限期整改并现金支付", amount=(5000, 50000), org="food", weight=1),
    Story("internet", "网络名誉", "pair",
          "{b}在本村微信群内多次发布消息，称{a}偷拿集体财物，并配发{a}家人照片，引起村民议论。{a}认为{b}捏造事实、"
          "侵犯其名誉权，要求其公开道歉。",
          ("请求{b}公开赔礼道歉", "请求{b}删除相关信息"),
          "我一辈子清清白白，他在群里造谣，我都没脸出门了。", "我是听别人说的，没想到会闹这么大。",
          (("相关消息是哪天发布的，群里有多少人？", "上个月发的，群里有三百多人。"),),
          ("{b}于{deadline}前在原微信群内公开向{a}赔礼道歉，道歉内容经调委会审核",
           "{b}删除此前在微信群内发布的全部相关信息", "双方今后不得在网络上发布攻击对方的言论"),
          "自行履行，调委会监督", weight=2),
    Story("other", "共用水井", "pair",
          "{a}与{b}等几户共用一口水井和水泵，{b}拒绝分摊水泵维修费和电费，{a}遂停止向其供水，双方发生纠纷，"
          "涉及费用{amt}元。",
          ("请求{b}分摊水泵维修费和电费",),
          "大家用水都要出钱，他家用得最多却一分不出。", "水泵是他家要换的，我家原来的水够用。",
          (("水泵维修花了多少钱，有无票据？", "换泵和电线一共花了一千多，有收据。"),),
          ("水泵维修费及电费由共用户按户平均分摊，{b}于{deadline}前补交应分摊的费用人民币{pay}元",
           "{a}立即恢复对{b}家的供水", "今后由{a}负责记账，每季度公布一次费用"),
          "现金支付", amount=(300, 3000), weight=2),
)

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
SOURCES = weights(tuple(CaseSource), (75, 15, 3, 4, 1, 2, 1))
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
        values = {"a": applicants[0], "b": respondents[0], "v": self.village, "g": self.between(1, 12),
                  "n": n or len(rows), "hh": hh, "age": rows[0]["age"], "brand": brand,
                  "m": self.pick(("0.3", "0.5", "0.8", "1", "1.5")), "mu": self.pick(("1.5", "2", "3", "4.5", "6")),
                  "wed": reg.year - self.between(3, 15), "y0": reg.year - self.between(1, 4),
                  "apps": applicants, "resps": respondents}
        return rows, values
