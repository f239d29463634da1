from django.urls import path

from . import views

app_name = "entitlements"

urlpatterns = [
    path("", views.guide, name="guide"),
    path("mine/", views.mine, name="mine"),
    path("local/", views.local_list, name="local_list"),
    path("local/add/", views.local_add, name="local_add"),
    path("local/<uuid:public_id>/", views.local_edit, name="local_edit"),
]
