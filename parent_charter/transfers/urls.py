from django.urls import path

from . import views

app_name = "transfers"

urlpatterns = [
    path("", views.index, name="index"),
    path("parents/<uuid:public_id>/propose/", views.propose, name="propose"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/answer/", views.answer, name="answer"),
    path("<uuid:public_id>/withdraw/", views.withdraw, name="withdraw"),
    path("incoming/<uuid:public_id>/", views.incoming, name="incoming"),
    path("incoming/<uuid:public_id>/accept/", views.accept, name="accept"),
    path("incoming/<uuid:public_id>/decline/", views.decline, name="decline"),
]
