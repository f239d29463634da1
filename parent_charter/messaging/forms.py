from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import VersionedEditForm, radios


class ReminderChoiceForm(VersionedEditForm):
    record_field_names = ("reminders",)

    reminders = radios(
        _("Do you want reminders by text or email?"),
        [("yes", _("Yes, send me reminders")), ("no", _("No, do not send me reminders"))],
        _("Choose whether you want reminders"),
        help_text=_(
            "Reminders are about dates in your plan: registering a birth, Healthy Start, the "
            "first scan, contact and letter-box dates, and plan reviews. Sign-in links and "
            "things the council must tell you, such as decisions about you or your child, "
            "are sent whatever you choose."
        ),
    )

    def record_fields(self) -> dict:
        return {"reminders": self.cleaned_data["reminders"] == "yes"}

    @classmethod
    def initial_for(cls, record) -> dict:
        return {"reminders": "yes" if record.reminders else "no", "version": record.version}
