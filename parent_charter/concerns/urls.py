from django.urls import path

from . import views

app_name = "concerns"

urlpatterns = [
    path("", views.concern_list, name="list"),
    path("raise/<uuid:parent_id>/", views.concern_raise, name="create"),
    path("<uuid:public_id>/", views.concern_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.concern_edit, name="edit"),
    path("<uuid:public_id>/close/", views.concern_close, name="close"),
    path("<uuid:public_id>/summary/", views.summary_write, name="summary"),
    path(
        "<uuid:public_id>/summary/<uuid:summary_id>/shared/",
        views.summary_shared,
        name="summary_shared",
    ),
    path("<uuid:public_id>/offers/add/", views.offer_add, name="offer_add"),
    path("<uuid:public_id>/offers/<uuid:offer_id>/", views.offer_answer, name="offer_answer"),
    path("<uuid:public_id>/requests/add/", views.request_add, name="request_add"),
    path(
        "<uuid:public_id>/requests/<uuid:request_id>/decide/",
        views.request_decide,
        name="request_decide",
    ),
    path("<uuid:public_id>/views/add/", views.view_add, name="view_add"),
    path("<uuid:public_id>/support/add/", views.support_add, name="support_add"),
]
