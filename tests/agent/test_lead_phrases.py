"""The first sentence of a day answer when the day asked has no figures of its own."""

from __future__ import annotations

from datetime import date

from agent.offline.day.lead import closed_day_lead, no_data_yet_lead


def test_relative_word_is_capitalised_only_at_the_start_of_a_sentence():
    mid = no_data_yet_lead("today", date(2026, 8, 3), date(2026, 7, 31), "en", figures_follow=True)
    assert "there is no figure for today (Mon 3 Aug 2026) yet" in mid
    start = closed_day_lead("today", date(2026, 8, 2), date(2026, 7, 31), None, "en")
    assert start.startswith("Today (Sun 2 Aug 2026) was not a trading day")
