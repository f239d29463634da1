from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("<uuid:parent_id>/", views.plan_detail, name="plan"),
    path("<uuid:parent_id>/reviews/add/", views.review_add, name="review_add"),
    path("items/<uuid:public_id>/", views.plan_item, name="item"),
]
