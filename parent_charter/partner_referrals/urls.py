from django.urls import path

from . import views, views_partner, views_places

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    # Other areas link here with ?kind=<ServiceKind> (the concerns page offers advocacy).
    path("new/<uuid:parent_id>/", views.referral_create, name="create"),
    path("<uuid:public_id>/", views.referral_detail, name="detail"),
    path("<uuid:public_id>/status/", views.record_status, name="record_status"),
    path("partner/", views_partner.partner_list, name="partner_list"),
    path("partner/<uuid:public_id>/", views_partner.partner_detail, name="partner_detail"),
    path("partner/<uuid:public_id>/status/", views_partner.partner_status, name="partner_status"),
    path(
        "partner/<uuid:public_id>/support/",
        views_partner.partner_delivery,
        name="partner_delivery",
    ),
    path(
        "partner/<uuid:public_id>/contacts/add/",
        views_partner.partner_contact,
        name="partner_contact",
    ),
    path("partner/places/", views_places.partner_places, name="partner_places"),
    # Waiting-list entries are named by their referral's public id.
    path(
        "partner/places/<uuid:public_id>/offer/",
        views_places.partner_offer_place,
        name="partner_offer_place",
    ),
    path(
        "partner/places/<uuid:public_id>/answer/",
        views_places.partner_place_answer,
        name="partner_place_answer",
    ),
    path("partner/<uuid:public_id>/match/", views_places.partner_match, name="partner_match"),
    path(
        "partner/programmes/<slug:slug>/people/add/",
        views_places.partner_worker_add,
        name="partner_worker_add",
    ),
    path(
        "partner/people/<uuid:public_id>/",
        views_places.partner_worker_edit,
        name="partner_worker_edit",
    ),
    path("prompts/<uuid:public_id>/", views_places.prompt_answer, name="prompt_answer"),
]
