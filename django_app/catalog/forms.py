import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

MAX_RENEWAL_WEEKS = 4


class RenewBookForm(forms.Form):
    """A librarian sets a new due date: not in the past, at most four weeks ahead."""

    renewal_date = forms.DateField(
        help_text=f"Enter a date between today and {MAX_RENEWAL_WEEKS} weeks from now (default 3).",
        widget=forms.DateInput(attrs={"type": "date"}))

    def clean_renewal_date(self):
        data = self.cleaned_data["renewal_date"]
        today = timezone.localdate()
        if data < today:
            raise ValidationError("Invalid date - renewal in the past.", code="past")
        if data > today + datetime.timedelta(weeks=MAX_RENEWAL_WEEKS):
            raise ValidationError(
                f"Invalid date - renewal more than {MAX_RENEWAL_WEEKS} weeks ahead.", code="too_far")
        return data
