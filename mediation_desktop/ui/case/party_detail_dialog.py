"""「详细…」: the fields of one party the 协议书 prints beyond the table's cells (性别, 年龄, 民族, 职业或职务 and
a person's 法定代理人 with their relation to the party, 身份证号码, phone and address; a unit's legal representative
and post)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QWidget

from mediation_desktop.domain.enums import PartyKind
from mediation_desktop.domain.resident_id import Sex, check_resident_id
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.parties import GUARDIAN_CONTACT, MAX_AGE, PartyInput, check_party
from mediation_desktop.ui.case.party_rows import ETHNIC_GROUPS, SEXES, kind_of
from mediation_desktop.ui.common.hints import keep_hints_whole
from mediation_desktop.ui.common.unsaved import CloseGuard
from mediation_desktop.ui.forms.case.party_detail_dialog import Ui_PartyDetailDialog


class PartyDetailDialog(CloseGuard, QDialog):
    """性别、年龄、民族、职业或职务 and the 法定代理人 (姓名, 与当事人关系) of a person, or an organisation's
    法定代表人或主要负责人 and 职务: one per line. Both representatives are the party's ``representative`` and
    ``representative_title``: the box shown is the one of the party's kind."""

    def __init__(self, row: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.organisation = kind_of(row) == PartyKind.ORGANISATION
        self.form = Ui_PartyDetailDialog()  # the layout: forms/case/party_detail_dialog.ui
        self.form.setupUi(self)
        keep_hints_whole(self)  # (its examples whole: 例如：法定代表人、厂长、经理)
        name = str(row.get("name") or "").strip()
        if name:
            self.setWindowTitle(self.windowTitle() + f" — {name}")
        self.derived, self.person_box, self.org_box = self.form.derivedLabel, self.form.personBox, self.form.orgBox
        self.sex, self.age, self.ethnicity = self.form.sexBox, self.form.ageSpin, self.form.ethnicityBox
        self.occupation, self.representative = self.form.occupationEdit, self.form.representativeEdit
        self.representative_title, self.buttons = self.form.representativeTitleEdit, self.form.buttonBox
        self.guardian_box, self.guardian = self.form.guardianBox, self.form.guardianEdit
        self.guardian_relation = self.form.guardianRelationEdit
        self.guardian_id, self.guardian_phone = self.form.guardianIdEdit, self.form.guardianPhoneEdit
        self.guardian_address, self.guardian_error = self.form.guardianAddressEdit, self.form.guardianErrorLabel
        self.guardian_error.setVisible(False)
        for key, edit in zip(GUARDIAN_CONTACT, self._guardian_edits(), strict=True):
            edit.setText(str(row.get(key) or ""))
        for value, text in SEXES.items():
            self.sex.addItem(QCoreApplication.translate("PartyTable", str(text)), value)
        self.sex.setCurrentIndex(max(0, self.sex.findData(str(row.get("sex") or ""))))
        self.age.setRange(0, MAX_AGE)
        age = str(row.get("age") or "")
        self.age.setValue(int(age) if age.isdigit() else 0)
        self.ethnicity.addItems(["", *ETHNIC_GROUPS])
        self.ethnicity.setCurrentText(str(row.get("ethnicity") or ""))
        self.occupation.setText(str(row.get("occupation") or ""))
        # (one pair of values: a unit's 法定代表人 and post, or a person's 法定代理人 and relation)
        name, title = str(row.get("representative") or ""), str(row.get("representative_title") or "")
        (self.representative if self.organisation else self.guardian).setText(name)
        (self.representative_title if self.organisation else self.guardian_relation).setText(title)
        self.person_box.setVisible(not self.organisation)
        self.guardian_box.setVisible(not self.organisation)
        self.org_box.setVisible(self.organisation)
        # (a button box's standard buttons take their texts here: Designer cannot set them)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self._show_derived()
        (self.representative if self.organisation else self.sex).setFocus()

    def _show_derived(self) -> None:
        number = str(self.row.get("id_number") or "").strip()
        rid = check_resident_id(number) if number and not self.organisation else None
        if rid is not None and rid.valid and rid.birth_date is not None:
            sex = self.tr("男") if rid.sex == Sex.MALE else self.tr("女")
            self.derived.setText(self.tr("按身份证号码：%1，%2 出生。性别和年龄可以不填。")
                                 .replace("%1", sex).replace("%2", rid.birth_date.isoformat()))
        else:
            self.derived.setVisible(False)

    def _guardian_edits(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        return self.guardian_id, self.guardian_phone, self.guardian_address

    def accept(self) -> None:
        """Closes only when the 法定代理人's ID number, phone and address (with the name they belong to) pass the
        party's own checks (``services.parties.check_party``); otherwise says the one thing wrong under them and keeps
        the form open. (A relation without a name is said by the registration's own check, as before.)"""
        values = self.values()
        if not self.organisation and any(values[k] for k in GUARDIAN_CONTACT):
            try:
                check_party(PartyInput(str(self.row.get("name") or "").strip() or "?",
                                       representative=values["representative"],
                                       representative_title=values["representative_title"],
                                       representative_id_number=values["representative_id_number"],
                                       representative_phone=values["representative_phone"],
                                       representative_address=values["representative_address"]))
            except MediationError as exc:
                self.guardian_error.setText(tr(exc.key, **exc.params))
                self.guardian_error.setVisible(True)
                edits = dict(zip(GUARDIAN_CONTACT, self._guardian_edits(), strict=True))
                edits.get(str(exc.params.get("field")), self.guardian).setFocus()
                return
        super().accept()

    def values(self) -> dict[str, str]:
        if self.organisation:
            return {"representative": self.representative.text().strip(),
                    "representative_title": self.representative_title.text().strip()}
        return {"sex": str(self.sex.currentData() or ""), "age": str(self.age.value() or ""),
                "ethnicity": self.ethnicity.currentText().strip(), "occupation": self.occupation.text().strip(),
                "representative": self.guardian.text().strip(),
                "representative_title": self.guardian_relation.text().strip(),
                **{k: e.text().strip() for k, e in zip(GUARDIAN_CONTACT, self._guardian_edits(), strict=True)}}
