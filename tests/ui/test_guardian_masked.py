"""The case window's 受理登记 lists a minor's 法定代理人 under them, with the ID number and phone masked as the
party's are until 「显示完整证件号码和电话」 is pressed."""

from __future__ import annotations

from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.domain.resident_id import resident_id_check_digit
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.ui.case.case_window import CaseWindow

CHILD = "33010220120605004" + resident_id_check_digit("33010220120605004")
MOTHER = "33010219850312002" + resident_id_check_digit("33010219850312002")


def test_the_guardians_id_number_and_phone_are_masked_until_revealed(qtbot, db, director):
    case_id = register_case(db, director, CaseInput("neighbour", [
        PartyInput("张三"), PartyInput("李小明", role=PartyRole.RESPONDENT, id_number=CHILD, representative="李红",
                                      representative_title="母亲", representative_id_number=MOTHER,
                                      representative_phone="13900139000", representative_address="石桥村三组14号")])
                         ).case_id
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    text = window.views[0].toPlainText()
    assert "法定代理人" in text and "李红（母亲）" in text and "石桥村三组14号" in text
    assert MOTHER[:6] + "********" + MOTHER[-4:] in text and "139****9000" in text
    assert MOTHER not in text and "13900139000" not in text
    window.reveal_button.click()
    shown = window.views[0].toPlainText()
    assert MOTHER in shown and "13900139000" in shown
