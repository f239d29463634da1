from django.urls import path

from . import views

app_name = "contact"

urlpatterns = [
    path("", views.index, name="index"),
    # Staff pages first: their fixed words would otherwise be read as a council's slug.
    path("hours/", views.my_hours, name="my_hours"),
    path("hours/leave/", views.my_leave_add, name="my_leave_add"),
    path("hours/leave/remove/", views.my_leave_remove, name="my_leave_remove"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/<uuid:user_id>/", views.staff_hours, name="staff_hours"),
    path("staff/<uuid:user_id>/leave/", views.staff_leave_add, name="staff_leave_add"),
    path(
        "staff/<uuid:user_id>/leave/remove/",
        views.staff_leave_remove,
        name="staff_leave_remove",
    ),
    path("<slug:slug>/", views.now, name="now"),
    path("<slug:slug>/card/", views.card, name="card"),
]
