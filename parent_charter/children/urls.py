from django.urls import path

from . import views

app_name = "children"

urlpatterns = [
    path("add/<uuid:parent_id>/", views.child_add, name="add"),
    path("<uuid:public_id>/", views.child_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.child_edit, name="edit"),
    path(
        "<uuid:public_id>/circumstances/",
        views.change_circumstances,
        name="change_circumstances",
    ),
]
