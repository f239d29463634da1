from django.urls import path

from . import views_public

app_name = "public_offers"

urlpatterns = [
    path("<slug:slug>/", views_public.offer_page, name="offer"),
]
