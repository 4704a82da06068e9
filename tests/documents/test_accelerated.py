"""ReportLab's C accelerators are installed and used (without them every PDF takes a third longer)."""

from __future__ import annotations


def test_reportlab_uses_its_c_accelerators():
    from reportlab.lib import rl_accel

    assert type(rl_accel.fp_str).__name__ == "builtin_function_or_method"
    assert type(rl_accel.instanceStringWidthTTF).__name__ == "builtin_function_or_method"
