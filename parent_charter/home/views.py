"""The front page. Its URL keeps the name `core:home` (see parent_charter/urls.py)."""

from django.shortcuts import render

from parent_charter.core.permissions import public
from parent_charter.offers.selectors import published_offers


@public
def home(request):
    return render(request, "home/home.html", {"offers": published_offers()})
