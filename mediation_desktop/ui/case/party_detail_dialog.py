"""「详细…」: the fields of one party the 协议书 prints beyond the table's cells (性别, 年龄, 民族, 职业或职务; a
unit's legal representative and post)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.domain.enums import PartyKind
from mediation_desktop.domain.resident_id import Sex, check_resident_id
from mediation_desktop.services.parties import (
    MAX_AGE,
)
from mediation_desktop.ui.case.party_rows import (
    ETHNIC_GROUPS,
    SEXES,
    kind_of,
)


class PartyDetailDialog(QDialog):
    """性别、年龄、民族、职业或职务 of a person, or an organisation's 法定代表人或主要负责人 and 职务: one per line."""

    def __init__(self, row: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.organisation = kind_of(row) == PartyKind.ORGANISATION
        name = str(row.get("name") or "").strip()
        self.setWindowTitle(self.tr("当事人详细情况") + (f" — {name}" if name else ""))
        self.derived = QLabel()
        self.derived.setWordWrap(True)
        self.sex = QComboBox()
        for value, text in SEXES.items():
            self.sex.addItem(QCoreApplication.translate("PartyTable", str(text)), value)
        self.sex.setCurrentIndex(max(0, self.sex.findData(str(row.get("sex") or ""))))
        self.age = QSpinBox()
        self.age.setRange(0, MAX_AGE)
        self.age.setSpecialValueText(self.tr("未填"))
        self.age.setSuffix(self.tr(" 岁"))
        age = str(row.get("age") or "")
        self.age.setValue(int(age) if age.isdigit() else 0)
        self.ethnicity = QComboBox()
        self.ethnicity.setEditable(True)
        self.ethnicity.addItems(["", *ETHNIC_GROUPS])
        self.ethnicity.setCurrentText(str(row.get("ethnicity") or ""))
        self.occupation = QLineEdit(str(row.get("occupation") or ""))
        self.occupation.setPlaceholderText(self.tr("例如：农民、个体户、村民小组长"))
        self.representative = QLineEdit(str(row.get("representative") or ""))
        self.representative_title = QLineEdit(str(row.get("representative_title") or ""))
        self.representative_title.setPlaceholderText(self.tr("例如：法定代表人、厂长、经理"))
        self.person_box = QGroupBox(self.tr("个人"))
        person = QFormLayout(self.person_box)
        person.addRow(self.tr("性别"), self.sex)
        person.addRow(self.tr("年龄"), self.age)
        person.addRow(self.tr("民族"), self.ethnicity)
        person.addRow(self.tr("职业或职务"), self.occupation)
        self.org_box = QGroupBox(self.tr("单位"))
        org = QFormLayout(self.org_box)
        org.addRow(self.tr("法定代表人或主要负责人"), self.representative)
        org.addRow(self.tr("职务"), self.representative_title)
        self.person_box.setVisible(not self.organisation)
        self.org_box.setVisible(self.organisation)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.addWidget(self.derived)
        layout.addWidget(self.person_box)
        layout.addWidget(self.org_box)
        layout.addWidget(self.buttons)
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

    def values(self) -> dict[str, str]:
        if self.organisation:
            return {"representative": self.representative.text().strip(),
                    "representative_title": self.representative_title.text().strip()}
        return {"sex": str(self.sex.currentData() or ""), "age": str(self.age.value() or ""),
                "ethnicity": self.ethnicity.currentText().strip(), "occupation": self.occupation.text().strip()}
