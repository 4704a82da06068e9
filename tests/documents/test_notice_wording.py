"""The shipped notices to the parties (终止人民调解通知书, 移送告知书, 不予受理通知书) read as a clerk writes them."""

from __future__ import annotations

import pytest

from mediation_desktop.documents.wording import Wording


@pytest.mark.parametrize("name", ["termination", "referral", "decline"])
def test_a_notice_names_the_parties_once(name):
    """The salutation names the parties; the dispute's name names them again, so the sentence does not say 「你们之间的
    吴长青与郑国强山林土地纠纷」 (nor 「你们…申请调解的吴长青与郑国强…」)."""
    body = Wording(name).fmt("body", title="吴长青与郑国强山林土地纠纷", date="2026年11月6日", to="石桥镇人民调解委员会")
    naming = next(sentence for sentence in body.split("。") if "吴长青" in sentence)
    assert "你们之间" not in naming and not naming.startswith("你们") and "的吴长青" not in naming
