from django.urls import path

from . import views

app_name = "apart"

urlpatterns = [
    path("parent/<uuid:parent_id>/", views.living_apart, name="parent"),
    path(
        "parent/<uuid:parent_id>/arrangements/add/",
        views.arrangement_add,
        name="arrangement_add",
    ),
    path("arrangements/<uuid:public_id>/edit/", views.arrangement_edit, name="arrangement_edit"),
    path("arrangements/<uuid:public_id>/sessions/add/", views.session_add, name="session_add"),
    path("arrangements/<uuid:public_id>/letters/add/", views.exchange_add, name="exchange_add"),
    path("letters/<uuid:public_id>/edit/", views.exchange_edit, name="exchange_edit"),
    path("parent/<uuid:parent_id>/claims/add/", views.claim_add, name="claim_add"),
    path("claims/waiting/", views.claims_waiting, name="claims_waiting"),
    path("claims/<uuid:public_id>/", views.claim_detail, name="claim"),
    path("claims/<uuid:public_id>/decide/", views.claim_decide, name="claim_decide"),
    path("claims/<uuid:public_id>/paid/", views.claim_paid, name="claim_paid"),
    path("claims/<uuid:public_id>/receipt/", views.receipt_download, name="receipt"),
    path("parent/<uuid:parent_id>/proceedings/add/", views.proceeding_add, name="proceeding_add"),
    path("proceedings/<uuid:public_id>/edit/", views.proceeding_edit, name="proceeding_edit"),
    path("parent/<uuid:parent_id>/grief-support/add/", views.grief_add, name="grief_add"),
    path("grief-support/<uuid:public_id>/edit/", views.grief_edit, name="grief_edit"),
    path(
        "grief-support/<uuid:public_id>/follow-ups/add/",
        views.follow_up_add,
        name="follow_up_add",
    ),
]
