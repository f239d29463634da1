from django.urls import path

from . import views_manage

app_name = "offers"

urlpatterns = [
    path("", views_manage.manage, name="manage"),
]
