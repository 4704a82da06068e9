"""Times the window shows are China's wall-clock times, as its forms' are, whatever the computer's time zone: the
offer of a kept draft said 01:10 (the laptop's UTC) beside a form whose time said 09:10."""

from __future__ import annotations

import datetime as dt

from mediation_desktop.services.drafts import Draft
from mediation_desktop.ui.case.kept_drafts import offer_text


def test_a_drafts_time_is_read_on_chinas_clock(qapp, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")  # (a laptop left on UTC; time.tzset where there is one)
    import time

    if hasattr(time, "tzset"):
        time.tzset()
    try:
        saved = dt.datetime(2026, 12, 7, 1, 10, tzinfo=dt.UTC)
        text = offer_text(Draft("investigation", "k", saved, "admin", {}), "（2026）石桥村人调字第73号")
        assert "2026-12-07 09:10" in text and "01:10" not in text
        late = offer_text(Draft("investigation", "k", dt.datetime(2026, 12, 7, 17, 5, tzinfo=dt.UTC), "admin", {}))
        assert "2026-12-08 01:05" in late  # after 16:00 UTC it is already the next day in China
    finally:
        monkeypatch.delenv("TZ")
        if hasattr(time, "tzset"):
            time.tzset()
