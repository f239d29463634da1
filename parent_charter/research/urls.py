from django.urls import path

from . import views

app_name = "research"

urlpatterns = [
    path("", views.index, name="index"),
    path("agreements/add/", views.add, name="add"),
    path("agreements/<uuid:public_id>/", views.agreement, name="agreement"),
    path("agreements/<uuid:public_id>/export/", views.build, name="build"),
    path("exports/<uuid:public_id>/<str:file>/", views.download, name="download"),
    path("parents/<uuid:public_id>/object/", views.object_, name="object"),
    path("parents/<uuid:public_id>/withdraw/", views.withdraw, name="withdraw"),
]
