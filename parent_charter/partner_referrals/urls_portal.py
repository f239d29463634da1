"""The parent's own pages of this area, under /my/referrals/ (see parents.access)."""

from django.urls import path

from . import views_portal

app_name = "referrals_portal"

urlpatterns = [
    path("", views_portal.my_referrals, name="list"),
    path("refer-yourself/", views_portal.self_refer, name="self_refer"),
]
