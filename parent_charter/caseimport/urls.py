from django.urls import path

from . import views

app_name = "caseimport"

urlpatterns = [
    path("", views.start, name="start"),
    path("columns/", views.mapping, name="mapping"),
    path("upload/", views.upload, name="upload"),
    path("runs/<uuid:public_id>/", views.run, name="run"),
    path("runs/<uuid:public_id>/import/", views.confirm, name="confirm"),
]
