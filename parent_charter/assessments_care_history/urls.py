from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("add/<uuid:parent_id>/", views.assessment_add, name="add"),
    path("<uuid:public_id>/", views.assessment_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.assessment_edit, name="edit"),
    path("care-history/<uuid:parent_id>/", views.care_history, name="care_history"),
    path("care-history/<uuid:parent_id>/reason/", views.break_glass, name="break_glass"),
    path("care-history/<uuid:parent_id>/openings/", views.openings, name="openings"),
    path(
        "care-history/<uuid:parent_id>/add/<slug:kind>/",
        views.entry_add,
        name="add_entry",
    ),
    path("care-history/entries/<uuid:public_id>/edit/", views.entry_edit, name="edit_entry"),
]
