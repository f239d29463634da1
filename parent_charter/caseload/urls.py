"""Caseload and oversight pages, under /staff/."""

from django.urls import path

from . import views

app_name = "caseload"

urlpatterns = [
    path("caseload/", views.caseload, name="mine"),
    path("team/", views.team, name="team"),
    path("parents/<uuid:parent_id>/reassign/", views.reassign, name="reassign"),
    path("parents/<uuid:parent_id>/timeline/", views.timeline, name="timeline"),
]
