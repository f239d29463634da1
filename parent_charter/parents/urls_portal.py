"""The parent's own page of this app, under /my/about-you/ (see parents.access)."""

from django.urls import path

from . import views_portal

app_name = "parents_portal"

urlpatterns = [
    path("", views_portal.equality, name="equality"),
]
