"""The parent's own pages of this area, under /my/concerns/ (see portal.access)."""

from django.urls import path  # noqa: F401

app_name = "concerns_portal"

urlpatterns: list = []
