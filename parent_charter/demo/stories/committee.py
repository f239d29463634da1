"""Demo: a committee report for the last full quarter, approved, and a draft for the quarter
in progress, so the committee's pages show real reports from the demo casework. Its PDFs are
built when someone asks for them on the report's page."""

from django.utils import timezone
from django_scopes import scope

from parent_charter.accounts.roles import Role
from parent_charter.committee import services
from parent_charter.committee.models import CommitteeReport
from parent_charter.figures import periods

SECTIONS = {
    "services_changes": (
        "Personal advisers now offer every expectant parent a plan meeting within ten working "
        "days of telling us about the pregnancy, and the Baby Steps befriending programme has "
        "taken referrals from the leaving care team since the start of the quarter.\n\n"
        "Referrals to children's services now pass the evidence check before they are sent."
    ),
    "financial_implications": (
        "Contact and travel costs are met from the leaving care budget. The first-scan "
        "payments and photo identification are absorbed within existing budgets; no growth "
        "bid is needed this year."
    ),
    "recommendation": (
        "Members are asked to note the progress made in keeping the charter's promises and to "
        "receive the next report in the following quarter."
    ),
}


def _manager(council):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(council=council, is_active=True)
    return next((user for user in users if user.has_role(Role.TEAM_MANAGER)), None)


def seed(council) -> str:
    today = timezone.localdate()
    last = periods.last_full_quarter(today)
    current = last.shifted(1)
    made = []
    with scope(council=council.pk):
        manager = _manager(council)
        if not CommitteeReport.objects.filter(quarter=last.slug).exists():
            report = services.create_draft(council=council, actor=manager, period=last)
            services.sections_update(
                report=report, actor=manager, expected_version=report.version, **SECTIONS
            )
            # The PDFs are left for a reader to ask for (the worker builds them in seconds), so
            # seeding the demo does not wait on WeasyPrint for every council.
            services.approve(
                report=report, actor=manager, expected_version=report.version, build_pdfs=False
            )
            made.append(f"approved report for {last.slug}")
        if not CommitteeReport.objects.filter(quarter=current.slug).exists():
            services.create_draft(council=council, actor=manager, period=current)
            made.append(f"draft report for {current.slug}")
    return ", ".join(made)
