from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("staff/", views.dashboard, name="dashboard"),
    path("health/", views.health, name="health"),
]
