from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApartConfig(AppConfig):
    name = "parent_charter.apart"
    label = "apart"
    verbose_name = _("Living apart")

    def ready(self):
        from parent_charter.core.registries import parent_reminders, subject_access
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.parent_sections import ParentSection
        from parent_charter.core.registries.portal_sections import PortalSection
        from parent_charter.core.registries.start_page import DashboardLink
        from parent_charter.core.registries.subject_access import SubjectAccessExport

        from . import contributions, selectors

        # The parent is reminded of their own contact and letter-box dates (messaging sends).
        parent_reminders.register("apart.dates", contributions.date_reminders)

        contribute(
            ParentSection(
                key="living_apart",
                order=35,
                template="apart/parent_section.html",
                context=contributions.parent_section,
                permission="apart.view_living_apart",
            ),
            PortalSection(
                key="living_apart",
                order=40,
                template="apart/portal_panel.html",
                context=contributions.portal_panel,
            ),
            SubjectAccessExport(
                "living_apart",
                40,
                contributions.subject_access,
                covers=(
                    "apart.ContactArrangement",
                    "apart.ContactSession",
                    "apart.LetterBoxExchange",
                    "apart.CostClaim",
                    "apart.Receipt",
                    "apart.Proceeding",
                    "apart.GriefSupportOffer",
                    "apart.GriefFollowUp",
                ),
            ),
            DashboardLink(
                key="apart_claims_waiting",
                order=40,
                url_name="apart:claims_waiting",
                title=_("Claims waiting for approval"),
                description=_("Travel and other costs of contact for a parent living apart."),
                permission="apart.decide_claim",
                count=lambda request: selectors.waiting_count(request.user),
            ),
            kinds=NOTIFICATION_KINDS,
        )
        subject_access.withhold(
            "apart.ReminderSent",
            what=_("Notes that your adviser was reminded of a letter-box or contact date"),
            why=_(
                "They only stop the same reminder going to your adviser twice; the dates "
                "themselves are in the part about keeping in touch with your child."
            ),
        )


NOTIFICATION_KINDS = {
    # Told to staff.
    "apart.letter_box_due": _("Letter-box: %(parent)s's letter for %(child)s is due on %(date)s."),
    "apart.contact_due": _("Contact: %(parent)s is due to see %(child)s on %(date)s."),
    "apart.claim_waiting": _(
        "A claim for the costs of contact for %(parent)s is waiting for approval."
    ),
    "apart.claim_approved": _("Your claim for the costs of contact for %(parent)s was approved."),
    "apart.claim_rejected": _(
        "Your claim for the costs of contact for %(parent)s was not approved."
    ),
    # Told to the parent.
    "apart.claim_approved_parent": _(
        "Your claim of £%(amount)s for the costs of seeing your child was approved."
    ),
    "apart.claim_paid_parent": _(
        "Your claim of £%(amount)s for the costs of seeing your child has been paid."
    ),
}
