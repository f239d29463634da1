from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafeguardsConfig(AppConfig):
    name = "parent_charter.childrens_services"
    label = "safeguards"
    verbose_name = _("Referrals to children's services")

    def ready(self):
        from parent_charter.core.registries import subject_access
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.parent_sections import ParentSection
        from parent_charter.core.registries.start_page import DashboardLink
        from parent_charter.core.registries.subject_access import SubjectAccessExport

        from . import contributions, selectors

        contribute(
            ParentSection(
                key="things_to_tell",
                order=15,
                template="safeguards/section_notices.html",
                context=contributions.notices_section,
                permission="safeguards.tell_parent",
            ),
            ParentSection(
                key="childrens_services",
                order=70,
                template="safeguards/section_referrals.html",
                context=contributions.referrals_section,
                permission="safeguards.view_referral",
            ),
            DashboardLink(
                key="safeguards_held",
                order=35,
                url_name="safeguards:list",
                title=_("Referrals to children's services"),
                description=_(
                    "Referrals and pre-birth assessment requests, with those held for your "
                    "decision first."
                ),
                permission="safeguards.decide_referral",
                count=lambda request: selectors.held_count(),
            ),
            DashboardLink(
                key="safeguards_figures",
                order=70,
                url_name="safeguards:figures",
                title=_("Referral guard figures"),
                description=_(
                    "How often referrals were refused or held because they rested on a "
                    "parent's care history, by month."
                ),
                permission="safeguards.view_guard_figures",
            ),
            SubjectAccessExport(
                "safeguards",
                60,
                contributions.export,
                covers=(
                    "safeguards.ChildrenServicesReferral",
                    "safeguards.ReferralEvidence",
                    "safeguards.ReferralStep",
                ),
            ),
            kinds=NOTIFICATION_KINDS,
        )
        subject_access.withhold(
            "safeguards.GuardEvent",
            what=_("The council's count of referrals the referral guard refused or held"),
            why=_(
                "It holds no words about you, only that something happened and when, so the "
                "council can report how often referrals rested on a parent's past. What happened "
                "to each referral about you is in its steps."
            ),
        )


NOTIFICATION_KINDS = {
    # Told to staff.
    "safeguards.held_for_decision": _(
        "A referral to children's services about %(parent)s was held for your decision: some "
        "of its evidence may rest on the parent's own past."
    ),
    "safeguards.no_one_to_decide": _(
        "A referral to children's services about %(parent)s was held, and no team manager "
        "other than the one who made it can decide it. Ask another manager of the council to "
        "decide it, or give the role to someone who can."
    ),
    "safeguards.sent_after_check": _(
        "A manager checked your referral about %(parent)s and sent it as it was."
    ),
    "safeguards.returned_to_you": _(
        "A manager returned your referral about %(parent)s: please rewrite the evidence so it "
        "describes what is happening now."
    ),
    "safeguards.withdrawn": _(
        "A manager checked your referral about %(parent)s and withdrew it: it will not be sent."
    ),
    # Told to the parent (on their portal, or passed on by their adviser).
    "safeguards.parent.referral_held": _(
        "A referral about you to children's services was held for a manager to check that it "
        "is based on what is happening now, not on your past."
    ),
    "safeguards.parent.request_held": _(
        "A request for a pre-birth assessment was held for a manager to check that it is "
        "based on what is happening now, not on your past."
    ),
    "safeguards.parent.referral_sent_after_check": _(
        "A manager checked the referral about you and sent it to children's services. Your "
        "adviser can tell you why, and you can have an advocate."
    ),
    "safeguards.parent.request_sent_after_check": _(
        "A manager checked the request for a pre-birth assessment and sent it to children's "
        "services. Your adviser can tell you why, and you can have an advocate."
    ),
    "safeguards.parent.referral_returned": _(
        "A manager asked for the referral about you to be rewritten so that it only describes "
        "what is happening now. It has not been sent."
    ),
    "safeguards.parent.request_returned": _(
        "A manager asked for the request for a pre-birth assessment to be rewritten so that it "
        "only describes what is happening now. It has not been sent."
    ),
    "safeguards.parent.referral_withdrawn": _(
        "A manager checked the referral about you and withdrew it. It will not be sent."
    ),
    "safeguards.parent.request_withdrawn": _(
        "A manager checked the request for a pre-birth assessment and withdrew it. It will not "
        "be sent."
    ),
}
