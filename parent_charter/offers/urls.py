from django.urls import path

from . import views_manage

app_name = "offers"

urlpatterns = [
    path("", views_manage.manage, name="manage"),
    path("offer/", views_manage.edit_offer, name="edit_offer"),
    path("contacts/", views_manage.edit_contacts, name="edit_contacts"),
    path("promises/add/", views_manage.add_commitment, name="add_commitment"),
    path("promises/<int:pk>/", views_manage.edit_commitment, name="edit_commitment"),
    path("programmes/<slug:slug>/", views_manage.edit_programme, name="edit_programme"),
]
