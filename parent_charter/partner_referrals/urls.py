from django.urls import path

from . import views, views_partner

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
]
