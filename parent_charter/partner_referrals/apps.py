"""Referrals of parents to partner services and programmes, and partners' delivery of them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class ReferralsConfig(AppConfig):
    name = "parent_charter.partner_referrals"
    label = "referrals"
    verbose_name = _("Referrals")

    def ready(self):
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.parent_sections import ParentSection
        from parent_charter.core.registries.portal_sections import PortalSection
        from parent_charter.core.registries.start_page import DashboardLink
        from parent_charter.core.registries.subject_access import SubjectAccessExport
        from parent_charter.parents.facts import facts_changed

        from . import contributions, prompts, selectors

        # A pregnancy or a new baby recorded: prompt the adviser to offer programmes the offer
        # says to raise then (prompts.py).
        facts_changed.connect(prompts.raise_prompts, dispatch_uid="referrals.programme_prompts")

        contribute(
            ParentSection(
                key="referrals",
                order=60,
                template="referrals/parent_section.html",
                context=contributions.referrals_section,
                permission="referrals.view_referral",
            ),
            DashboardLink(
                key="referrals",
                order=30,
                url_name="referrals:list",
                title=_("Referrals"),
                description=_("Referrals to partner services, and how the support is going."),
                permission="referrals.view_referral",
            ),
            DashboardLink(
                key="partner_referrals",
                order=10,
                url_name="referrals:partner_list",
                title=_("Referrals to your organisation"),
                description=_(
                    "Referrals parents agreed to share with you: answer them, record how the "
                    "support is given and log your contacts."
                ),
                permission="referrals.partner_view",
                count=lambda request: selectors.awaiting_partner_count(request.user),
                # The list shows every referral; the count is only those awaiting an answer.
                count_text=lambda count: (
                    ngettext(
                        "%(count)s waiting for an answer", "%(count)s waiting for an answer", count
                    )
                    % {"count": count}
                ),
            ),
            DashboardLink(
                key="partner_places",
                order=11,
                url_name="referrals:partner_places",
                title=_("Places and caseload"),
                description=_(
                    "Your programmes' places, the waiting list in the order places are offered, "
                    "and which volunteer or worker each family is matched with."
                ),
                permission="referrals.partner_view",
            ),
            PortalSection(
                key="referrals",
                order=50,
                template="referrals/portal_section.html",
                context=contributions.portal_section,
            ),
            SubjectAccessExport(
                "referrals",
                50,
                contributions.subject_access_export,
                covers=(
                    "referrals.Referral",
                    "referrals.ReferralStatus",
                    "referrals.Delivery",
                    "referrals.DeliveryContact",
                    "referrals.WaitingListEntry",
                    "referrals.Match",
                    "referrals.ProgrammePrompt",
                ),
            ),
            kinds={
                # Staff notifications: no personal data for partners (the email says only that
                # something is waiting; the page shows what consent allows).
                "referrals.received": _(
                    "A new referral (reference %(reference)s) has been sent to %(organisation)s."
                ),
                "referrals.self_referral": _(
                    "%(parent)s referred themself to %(programme)s. The referral has gone to "
                    "%(organisation)s."
                ),
                "referrals.accepted": _("%(organisation)s accepted the referral of %(parent)s."),
                "referrals.declined": _("%(organisation)s declined the referral of %(parent)s."),
                "referrals.ended": _(
                    "%(organisation)s recorded that support for %(parent)s ended."
                ),
                # What the parent is told.
                "referrals.parent.sent": _("We have sent a referral for you to %(organisation)s."),
                "referrals.parent.accepted": _(
                    "%(organisation)s can help you. They will contact you to arrange it."
                ),
                "referrals.parent.waiting": _(
                    "%(organisation)s can help you, but every place is taken just now. You are on "
                    "their waiting list, and they will contact you when a place is free."
                ),
                "referrals.parent.place_offered": _(
                    "%(organisation)s has a place for you. They will contact you to arrange it."
                ),
                "referrals.programme_prompt": _(
                    "A pregnancy or a new baby was recorded for %(parent)s. Offer them "
                    "%(programme)s: the prompt is on their page."
                ),
                "referrals.parent.declined": _(
                    "%(organisation)s cannot help this time. Your personal adviser will talk with "
                    "you about other support."
                ),
            },
        )
