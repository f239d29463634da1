from django.urls import path

from . import views

app_name = "figures"

urlpatterns = [
    path("", views.index, name="index"),
    path("parents/", views.parents, name="parents"),
    path("settings/", views.settings_edit, name="settings"),
]
