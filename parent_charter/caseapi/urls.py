"""The case-records API and the council administrator's pages for its clients.

Included at the site root (namespace "caseapi"), so each path here is the full address.
"""

from django.urls import include, path

from . import gateway, views

app_name = "caseapi"

API_URLS, API_NAMESPACE = gateway.urls()
STAFF = "staff/api-clients/"

urlpatterns = [
    path("api/case/v1/docs/", views.docs, name="docs"),
    path("api/case/v1/", include(API_URLS, namespace=API_NAMESPACE)),
    path(STAFF, views.clients, name="clients"),
    path(f"{STAFF}add/", views.client_add, name="client_add"),
    path(f"{STAFF}<uuid:public_id>/revoke/", views.client_revoke, name="client_revoke"),
]
