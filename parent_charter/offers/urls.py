from django.urls import path

from . import views_manage

app_name = "offers"

urlpatterns = [
    path("", views_manage.manage, name="manage"),
    path("offer/", views_manage.edit_offer, name="edit_offer"),
    path("contacts/", views_manage.edit_contacts, name="edit_contacts"),
    path("promises/add/", views_manage.add_commitment, name="add_commitment"),
    path("promises/<int:pk>/", views_manage.edit_commitment, name="edit_commitment"),
    # Before the slug pattern, which would otherwise read "add" as a programme's slug.
    path("programmes/add/", views_manage.add_programme, name="add_programme"),
    path("programmes/<slug:slug>/", views_manage.edit_programme, name="edit_programme"),
    path("partners/add/", views_manage.add_partner, name="add_partner"),
    path("partners/<int:pk>/", views_manage.edit_partner, name="edit_partner"),
]
