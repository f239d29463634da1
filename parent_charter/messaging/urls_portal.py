"""The parent's own page of this area, under /my/texts-and-emails/."""

from django.urls import path

from . import views_portal

app_name = "messaging_portal"

urlpatterns = [
    path("", views_portal.reminder_choice, name="reminders"),
]
