"""Privacy notice, accessibility statement, cookies and feedback: public pages, per council."""

from django.urls import path

from . import views

app_name = "statements"

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/<slug:slug>/", views.privacy_council, name="privacy_council"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accessibility/<slug:slug>/", views.accessibility_council, name="accessibility_council"),
    path("cookies/", views.cookies, name="cookies"),
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/<slug:slug>/", views.feedback_council, name="feedback_council"),
    path("staff/statements/details/", views.council_details, name="council_details"),
]
