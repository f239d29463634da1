"""Staff pages of the portal under /staff/portal/: invitations, challenges, the settings."""

from django.urls import path

from . import views_staff

app_name = "portal_staff"

urlpatterns = [
    path("challenges/", views_staff.challenge_list, name="challenges"),
    path("challenges/<uuid:challenge_id>/", views_staff.challenge_detail, name="challenge"),
    path("parents/<uuid:parent_id>/invite/", views_staff.invite, name="invite"),
    path("parents/<uuid:parent_id>/switch-off/", views_staff.disable, name="disable"),
    path("settings/", views_staff.settings_edit, name="settings"),
]
