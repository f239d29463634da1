from django.urls import path

from . import views

app_name = "parents"

urlpatterns = [
    path("", views.parent_list, name="list"),
    path("new/", views.parent_create, name="create"),
    path("<uuid:public_id>/", views.parent_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.parent_edit, name="edit"),
    path("<uuid:public_id>/equality/", views.equality_edit, name="equality"),
    path("<uuid:public_id>/audit-trail/", views.parent_audit_trail, name="audit_trail"),
    path("<uuid:public_id>/consents/add/", views.consent_add, name="consent_add"),
    path(
        "<uuid:public_id>/consents/<uuid:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
]
