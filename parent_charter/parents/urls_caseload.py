"""Caseload and oversight pages, under /staff/."""

from django.urls import path

from . import views_caseload

app_name = "caseload"

urlpatterns = [
    path("caseload/", views_caseload.caseload, name="mine"),
    path("team/", views_caseload.team, name="team"),
    path("parents/<uuid:parent_id>/reassign/", views_caseload.reassign, name="reassign"),
    path("parents/<uuid:parent_id>/timeline/", views_caseload.timeline, name="timeline"),
]
