from django.urls import include, path

from parent_charter.accounts.views import choose_language
from parent_charter.core import urls as core_urls
from parent_charter.core.views import favicon
from parent_charter.home.views import home

# The front page lives in the home app (it lists the councils' offers, and core imports no
# domain app) but keeps its name, core:home, which every page's header links to.
core_pages = ([path("", home, name="home"), *core_urls.urlpatterns], core_urls.app_name)

urlpatterns = [
    path("", include(core_pages)),
    path("i18n/set-language/", choose_language, name="set_language"),
    path("favicon.ico", favicon, name="favicon"),
    path("accounts/", include("parent_charter.accounts.urls")),
    path("councils/", include("parent_charter.offers.urls_public")),
    path("staff/parents/", include("parent_charter.parents.urls")),
    path("staff/", include("parent_charter.caseload.urls")),
    path("staff/children/", include("parent_charter.children.urls")),
    path("staff/plans/", include("parent_charter.plans.urls")),
    path("staff/local-offer/", include("parent_charter.offers.urls")),
    path("staff/notifications/", include("parent_charter.notifications.urls")),
    path("staff/referrals/", include("parent_charter.partner_referrals.urls")),
    path("staff/safeguarding/", include("parent_charter.childrens_services.urls")),
    path("staff/concerns/", include("parent_charter.concerns.urls")),
    path("staff/assessments/", include("parent_charter.assessments_care_history.urls")),
    path("staff/living-apart/", include("parent_charter.apart.urls")),
    path("staff/portal/", include("parent_charter.portal.urls_staff")),
    path("staff/retention/", include("parent_charter.retention.urls")),
    path("staff/case-import/", include("parent_charter.caseimport.urls")),
    path("staff/figures/", include("parent_charter.figures.urls")),
    path("staff/committee/", include("parent_charter.committee.urls")),
    path("staff/network/", include("parent_charter.network.urls")),
    path("staff/research/", include("parent_charter.research.urls")),
    path("staff/transfers/", include("parent_charter.transfers.urls")),
    # The directory serves its public pages, staff pages and open API from its own URLconf.
    path("", include("parent_charter.directory.urls")),
    # The case-records API and its clients' pages, also from their own URLconf.
    path("", include("parent_charter.caseapi.urls")),
    path("contact-now/", include("parent_charter.availability.urls")),
    path("rights/", include("parent_charter.entitlements.urls")),
    path("my/referrals/", include("parent_charter.partner_referrals.urls_portal")),
    path("my/concerns/", include("parent_charter.concerns.urls_portal")),
    path("my/research/", include("parent_charter.research.urls_portal")),
    path("my/moving/", include("parent_charter.transfers.urls_portal")),
    path("my/about-you/", include("parent_charter.parents.urls_portal")),
    path("my/texts-and-emails/", include("parent_charter.messaging.urls_portal")),
    path("notify/", include("parent_charter.messaging.urls")),
    path("my/", include("parent_charter.portal.urls")),
    path("", include("parent_charter.statements.urls")),
]

handler500 = "parent_charter.core.views.server_error"
