from django.urls import path

from . import views

app_name = "committee"

urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.create, name="create"),
    path("<uuid:public_id>/", views.report, name="report"),
    path("<uuid:public_id>/sections/", views.edit, name="edit"),
    path("<uuid:public_id>/approve/", views.approve, name="approve"),
    path("<uuid:public_id>/correct/", views.correct, name="correct"),
    path("<uuid:public_id>/pdf/<str:language>/build/", views.build_pdf, name="build_pdf"),
    path("<uuid:public_id>/pdf/<str:language>/", views.download, name="download"),
]
