"""The parent portal under /my/: the parent's own pages, and the public ways in."""

from django.urls import path

from . import views, views_auth

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("messages/", views.messages_list, name="messages"),
    path("plan/", views.plan, name="plan"),
    path("plan/<uuid:item_id>/", views.plan_item, name="plan_item"),
    path("challenges/", views.challenges, name="challenges"),
    path("challenges/new/", views.challenge_new, name="challenge_new"),
    path("challenges/<uuid:challenge_id>/", views.challenge_detail, name="challenge"),
    path("my-information/", views.my_data, name="my_data"),
    path("my-information/download.json", views.my_data_json, name="my_data_json"),
    path("my-information/download.html", views.my_data_html, name="my_data_html"),
    # Public: the ways in. One-time secrets arrive as ?token= and move into the session.
    path("invitation/", views_auth.accept_invitation, name="accept_invitation"),
    path("sign-in/email/", views_auth.email_sign_in, name="email_sign_in"),
    path("sign-in/email/sent/", views_auth.email_sign_in_sent, name="email_sign_in_sent"),
    path("sign-in/link/", views_auth.use_sign_in_link, name="use_sign_in_link"),
    path("recover/", views_auth.recover, name="recover"),
    path("recover/sent/", views_auth.recover_sent, name="recover_sent"),
    path("recover/new-password/", views_auth.reset_password, name="reset_password"),
]
