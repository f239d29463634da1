from django.urls import path

from .views import arrangements, claims, grief, letterbox, proceedings

app_name = "apart"

urlpatterns = [
    path("parent/<uuid:parent_id>/", arrangements.living_apart, name="parent"),
    path(
        "parent/<uuid:parent_id>/arrangements/add/",
        arrangements.arrangement_add,
        name="arrangement_add",
    ),
    path(
        "arrangements/<uuid:public_id>/edit/",
        arrangements.arrangement_edit,
        name="arrangement_edit",
    ),
    path(
        "arrangements/<uuid:public_id>/sessions/add/", arrangements.session_add, name="session_add"
    ),
    path("arrangements/<uuid:public_id>/letters/add/", letterbox.exchange_add, name="exchange_add"),
    path("letters/<uuid:public_id>/edit/", letterbox.exchange_edit, name="exchange_edit"),
    path("parent/<uuid:parent_id>/claims/add/", claims.claim_add, name="claim_add"),
    path("claims/waiting/", claims.claims_waiting, name="claims_waiting"),
    path("claims/<uuid:public_id>/", claims.claim_detail, name="claim"),
    path("claims/<uuid:public_id>/decide/", claims.claim_decide, name="claim_decide"),
    path("claims/<uuid:public_id>/paid/", claims.claim_paid, name="claim_paid"),
    path("claims/<uuid:public_id>/receipt/", claims.receipt_download, name="receipt"),
    path(
        "parent/<uuid:parent_id>/proceedings/add/",
        proceedings.proceeding_add,
        name="proceeding_add",
    ),
    path("proceedings/<uuid:public_id>/edit/", proceedings.proceeding_edit, name="proceeding_edit"),
    path("parent/<uuid:parent_id>/grief-support/add/", grief.grief_add, name="grief_add"),
    path("grief-support/<uuid:public_id>/edit/", grief.grief_edit, name="grief_edit"),
    path(
        "grief-support/<uuid:public_id>/follow-ups/add/",
        grief.follow_up_add,
        name="follow_up_add",
    ),
]
