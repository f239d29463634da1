from django.urls import path

from . import views

app_name = "safeguards"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("figures/", views.guard_figures, name="figures"),
    path("new/<uuid:parent_id>/", views.referral_create, name="create"),
    path("<uuid:public_id>/", views.referral_detail, name="detail"),
    path("<uuid:public_id>/decide/", views.referral_decide, name="decide"),
    path("<uuid:public_id>/rewrite/", views.referral_rewrite, name="rewrite"),
    path("notices/<uuid:public_id>/told/", views.notice_told, name="notice_told"),
]
