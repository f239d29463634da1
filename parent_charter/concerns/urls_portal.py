"""The parent's own pages of this area, under /my/concerns/ (see parents.access).

No identifier of a concern is in these URLs: the page shows the signed-in parent's own
concerns, and the acknowledgement names its summary in the form it posts.
"""

from django.urls import path

from . import views_portal

app_name = "concerns_portal"

urlpatterns = [
    path("", views_portal.concerns_index, name="index"),
    path("acknowledge/", views_portal.acknowledge, name="acknowledge"),
]
