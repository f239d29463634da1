from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.index, name="index"),
    path("comparison/", views.comparison, name="comparison"),
    path("sharing/", views.sharing, name="sharing"),
]
