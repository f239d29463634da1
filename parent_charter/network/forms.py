from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import VersionedEditForm, radios

SHARE_CHOICES = (
    ("yes", _("Yes, share our figures with the network")),
    ("no", _("No, keep our figures to the council")),
)


class SharingForm(VersionedEditForm):
    record_field_names = ("share_figures",)

    share_figures = radios(
        _("Should the council's figures join the network's comparison?"),
        SHARE_CHOICES,
        _("Select whether to share the council's figures"),
        help_text=_(
            "Network coordinators then see the council's key measures for each quarter, named, "
            "beside other councils that share theirs, with small numbers protected as on the "
            "council figures page. They never see a parent's record."
        ),
    )

    def record_fields(self) -> dict:
        return {"share_figures": self.cleaned_data["share_figures"] == "yes"}

    @classmethod
    def initial_for(cls, record) -> dict:
        return {"share_figures": "yes" if record.share_figures else "no", "version": record.version}
