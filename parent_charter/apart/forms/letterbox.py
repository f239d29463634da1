"""The form for one letter-box date: a parent's letter due, sent, and a reply received."""

from django.utils.translation import gettext_lazy as _

from ..models import LetterBoxExchange
from .common import AddOrEditForm, date_field, notes_field, short_text


class ExchangeForm(AddOrEditForm):
    record_field_names = LetterBoxExchange.EDITABLE_FIELDS

    due_on = date_field(
        _("When is the parent's letter due?"),
        required_message=_("Enter the date the parent's letter is due"),
    )
    sent_on = date_field(_("Date the parent's letter was sent (optional)"))
    received_on = date_field(
        _("Date a letter was received (optional)"),
        help_text=_("A letter or photos from the child's carers or adoptive family"),
    )
    goes_through = short_text(
        _("Who it goes through (optional)"),
        help_text=_("For example, the adoption agency's letter-box coordinator"),
        too_long=_("Who it goes through must be 200 characters or fewer"),
    )
    notes = notes_field()

    def clean(self):
        cleaned = super().clean()
        self._check_range("due_on")
        self._check_range("sent_on", past_only=True)
        self._check_range("received_on", past_only=True)
        return cleaned
