import datetime

import pytest

from catalog.forms import RenewBookForm


@pytest.mark.parametrize("days", [0, 1, 28])
def test_renewal_within_four_weeks_is_valid(days, today):
    form = RenewBookForm(data={"renewal_date": today + datetime.timedelta(days=days)})
    assert form.is_valid(), form.errors


def test_renewal_in_the_past_is_rejected(today):
    form = RenewBookForm(data={"renewal_date": today - datetime.timedelta(days=1)})
    assert not form.is_valid()
    assert form.errors["renewal_date"] == ["Invalid date - renewal in the past."]


def test_renewal_more_than_four_weeks_ahead_is_rejected(today):
    form = RenewBookForm(data={"renewal_date": today + datetime.timedelta(weeks=4, days=1)})
    assert not form.is_valid()
    assert form.errors["renewal_date"] == ["Invalid date - renewal more than 4 weeks ahead."]


def test_renewal_needs_a_date():
    form = RenewBookForm(data={"renewal_date": "not a date"})
    assert not form.is_valid()
    assert "renewal_date" in form.errors
