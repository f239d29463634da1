"""The parent's own page of this area, under /my/research/: no identifier in the URLs, as the
page is about the signed-in parent."""

from django.urls import path

from . import views_portal

app_name = "research_portal"

urlpatterns = [
    path("", views_portal.index, name="index"),
    path("object/", views_portal.object_, name="object"),
    path("withdraw/", views_portal.withdraw, name="withdraw"),
]
