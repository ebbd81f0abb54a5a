"""Publication deadlines: five clear working days, England and Wales bank holidays."""
import datetime as dt

import pytest

from govdocs.calendar import add_working_days, is_working_day, publication_deadline
from govdocs.model import Board


@pytest.mark.parametrize("meeting, publish", [
    ("2020-01-23", "2020-01-15"),   # an ordinary week
    ("2020-01-09", "2019-12-31"),   # New Year's Day and Christmas left out
    ("2020-04-16", "2020-04-06"),   # Good Friday and Easter Monday left out
    ("2020-05-14", "2020-05-05"),   # the VE Day bank holiday, 8 May 2020
])
def test_five_clear_working_days(meeting, publish):
    assert publication_deadline(Board("b", "B"), dt.date.fromisoformat(meeting)).isoformat() == publish


def test_calendar_days_where_the_constitution_says_so():
    b = Board("b", "B", publication_count="calendar")
    assert publication_deadline(b, dt.date(2020, 1, 23)) == dt.date(2020, 1, 17)


def test_england_bank_holidays_include_easter_monday_and_august():
    assert not is_working_day(dt.date(2023, 4, 10)) and not is_working_day(dt.date(2023, 8, 28))
    assert not is_working_day(dt.date(2022, 9, 19))  # the State Funeral
    assert add_working_days(dt.date(2020, 12, 24), 1) == dt.date(2020, 12, 29)


def test_deadlines_command(example_copy):
    from conftest import Gd
    gd = Gd(example_copy)
    out = gd("deadlines", "2020-04-16").stdout
    assert "Agenda and reports published by" in out and "Monday 6 April 2020" in out
    assert "Easter Monday" in out
