from mediation_desktop.domain.privacy import mask_id_number, mask_phone


def test_id_numbers_keep_region_and_last_four():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_id_number("110105491231002") == "110105*****1002"  # 15-digit
    assert mask_id_number("91350100M000100Y43") == "913501********0Y43"
    assert mask_id_number("AB1234") == "**1234" and mask_id_number("123") == "***"
    assert mask_id_number(None) == "" and mask_id_number("") == ""


def test_phones():
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("057188001234") == "0571****1234"
    assert mask_phone("88001234") == "88**1234"
    assert mask_phone(None) == ""
