from django.urls import path

from . import views_callback

app_name = "messaging"

urlpatterns = [
    path("delivery-status/", views_callback.delivery_status, name="delivery_status"),
]
