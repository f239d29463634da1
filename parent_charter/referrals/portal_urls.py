"""The parent's own pages of this area, under /my/referrals/ (see portal.access)."""

from django.urls import path  # noqa: F401

app_name = "referrals_portal"

urlpatterns: list = []
