"""The parent's own pages of this area, under /my/moving/: the parent is the signed-in one, and
a transfer named in a URL is fetched through them."""

from django.urls import path

from . import views_portal

app_name = "transfers_portal"

urlpatterns = [
    path("", views_portal.index, name="index"),
    path("<uuid:public_id>/answer/", views_portal.answer, name="answer"),
]
