"""Small closed vocabularies of the field, with their Chinese and English labels."""

from __future__ import annotations

from enum import StrEnum


class OrgLevel(StrEnum):
    VILLAGE = "village"  # 村（居）人民调解委员会
    TOWNSHIP = "township"  # 乡镇（街道）调委会 / 司法所
    COUNTY = "county"  # 县司法局


class Role(StrEnum):
    MEDIATOR = "mediator"  # 人民调解员
    DIRECTOR = "director"  # 调委会主任
    CLERK = "clerk"  # 乡镇司法所工作人员（只读查看各村）


class CaseSource(StrEnum):
    """案件来源: 当事人申请 / 主动调解 / 委托移送."""

    APPLICATION = "application"
    INITIATIVE = "initiative"
    COURT = "court"
    POLICE = "police"
    PROCURATORATE = "procuratorate"
    PETITIONS = "petitions"
    OTHER_BODY = "other_body"
    UNRECORDED = "unrecorded"  # 未记录: a case from an old ledger that does not say (counted in no source figure)


class PartyRole(StrEnum):
    APPLICANT = "applicant"  # 申请人
    RESPONDENT = "respondent"  # 被申请人
    THIRD_PARTY = "third_party"  # 第三人 / 其他当事人


class PartyKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class IdType(StrEnum):
    RESIDENT_ID = "resident_id"  # 居民身份证
    CREDIT_CODE = "credit_code"  # 统一社会信用代码
    PASSPORT = "passport"
    OTHER = "other"
    NONE = "none"


class SessionResult(StrEnum):
    AGREED = "agreed"  # 达成协议
    NOT_AGREED = "not_agreed"  # 未达成协议
    POSTPONED = "postponed"  # 延期调解


class AgreementForm(StrEnum):
    WRITTEN = "written"  # 书面协议
    ORAL = "oral"  # 口头协议（登记）
    UNRECORDED = "unrecorded"  # 未记录: an old ledger says 调解成功 but not in what form (neither figure counts it)


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"  # 已签署，锁定
    SUPERSEDED = "superseded"  # 已被更正版本取代


class Performance(StrEnum):
    """履行情况."""

    PENDING = "pending"  # 未到期 / 尚未履行
    DONE = "done"  # 已履行
    PARTIAL = "partial"  # 部分履行
    NOT_DONE = "not_done"  # 未履行
    UNRECORDED = "unrecorded"  # 未记录 (an old ledger that does not say; counted in no performance figure)


class AttachmentKind(StrEnum):
    SIGNED_AGREEMENT = "signed_agreement"  # 签字协议书扫描件
    EVIDENCE = "evidence"  # 证据材料
    PHOTO = "photo"
    PERFORMANCE_PROOF = "performance_proof"  # 履行凭证
    OTHER = "other"


LABELS_ZH: dict[str, str] = {
    OrgLevel.VILLAGE: "村（居）", OrgLevel.TOWNSHIP: "乡镇（街道）", OrgLevel.COUNTY: "县（区）",
    Role.MEDIATOR: "调解员", Role.DIRECTOR: "调委会主任", Role.CLERK: "司法所工作人员",
    CaseSource.APPLICATION: "当事人申请", CaseSource.INITIATIVE: "主动调解", CaseSource.COURT: "法院委托移送",
    CaseSource.POLICE: "公安机关委托移送", CaseSource.PROCURATORATE: "检察院委托移送",
    CaseSource.PETITIONS: "信访部门委托移送", CaseSource.OTHER_BODY: "其他部门委托移送",
    PartyRole.APPLICANT: "申请人", PartyRole.RESPONDENT: "被申请人", PartyRole.THIRD_PARTY: "第三人",
    SessionResult.AGREED: "达成协议", SessionResult.NOT_AGREED: "未达成协议", SessionResult.POSTPONED: "延期调解",
    AgreementForm.WRITTEN: "书面协议", AgreementForm.ORAL: "口头协议",
    Performance.PENDING: "尚未履行", Performance.DONE: "已履行", Performance.PARTIAL: "部分履行",
    Performance.NOT_DONE: "未履行",
    # one word for the three (the members share their value): what an imported ledger does not say
    CaseSource.UNRECORDED: "未记录", AgreementForm.UNRECORDED: "未记录", Performance.UNRECORDED: "未记录",
    AttachmentKind.SIGNED_AGREEMENT: "签字协议书扫描件", AttachmentKind.EVIDENCE: "证据材料",
    AttachmentKind.PHOTO: "照片", AttachmentKind.PERFORMANCE_PROOF: "履行凭证", AttachmentKind.OTHER: "其他材料",
}
