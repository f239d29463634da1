"""Retention and disposal under /staff/retention/."""

from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("", views.due, name="due"),
    path("parents/<uuid:parent_id>/<slug:kind>/propose/", views.propose, name="propose"),
    path("disposals/<uuid:disposal_id>/approve/", views.approve, name="approve"),
    path("disposals/<uuid:disposal_id>/decline/", views.decline, name="decline"),
    path("schedule/", views.schedule, name="schedule"),
    path("schedule/change/", views.edit_rule, name="edit_rule"),
    path("parents/<uuid:parent_id>/support-ended/", views.support_end, name="support_end"),
]
