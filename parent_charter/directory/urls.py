"""The directory's public pages, its open API and the council administrators' pages.

Included at the site root (namespace "directory"), so each path here is the full address.
"""

from django.urls import include, path

from . import api, views_manage, views_public

app_name = "directory"

STAFF = "staff/directory/"
API_URLS, API_NAMESPACE = api.urls()

urlpatterns = [
    path("services/", views_public.search, name="search"),
    path("services/<uuid:id>/", views_public.service_page, name="service_page"),
    path("api/directory/", include(API_URLS, namespace=API_NAMESPACE)),
    path(STAFF, views_manage.manage, name="manage"),
    path(f"{STAFF}organisations/add/", views_manage.organization_add, name="organization_add"),
    path(
        f"{STAFF}organisations/<uuid:id>/", views_manage.organization_edit, name="organization_edit"
    ),
    path(f"{STAFF}places/add/", views_manage.location_add, name="location_add"),
    path(f"{STAFF}places/<uuid:id>/", views_manage.location_edit, name="location_edit"),
    path(f"{STAFF}services/add/", views_manage.service_add, name="service_add"),
    path(f"{STAFF}services/<uuid:id>/", views_manage.service_detail, name="service"),
    path(f"{STAFF}services/<uuid:id>/edit/", views_manage.service_edit, name="service_edit"),
    path(
        f"{STAFF}services/<uuid:id>/opening-times/add/",
        views_manage.schedule_add,
        name="schedule_add",
    ),
    path(f"{STAFF}opening-times/<uuid:id>/", views_manage.schedule_edit, name="schedule_edit"),
    path(
        f"{STAFF}opening-times/<uuid:id>/remove/",
        views_manage.schedule_delete,
        name="schedule_delete",
    ),
    path(f"{STAFF}services/<uuid:id>/contacts/add/", views_manage.contact_add, name="contact_add"),
    path(f"{STAFF}contacts/<uuid:id>/", views_manage.contact_edit, name="contact_edit"),
    path(f"{STAFF}contacts/<uuid:id>/remove/", views_manage.contact_delete, name="contact_delete"),
    path(f"{STAFF}services/<uuid:id>/costs/add/", views_manage.cost_add, name="cost_add"),
    path(f"{STAFF}costs/<uuid:id>/", views_manage.cost_edit, name="cost_edit"),
    path(f"{STAFF}costs/<uuid:id>/remove/", views_manage.cost_delete, name="cost_delete"),
    path(f"{STAFF}needs/add/", views_manage.need_add, name="need_add"),
    path(f"{STAFF}needs/<uuid:id>/", views_manage.need_edit, name="need_edit"),
]
