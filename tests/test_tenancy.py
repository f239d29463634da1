"""The council wall: personal data is reachable only through the signed-in user's council.

An unscoped query of personal data raises; a model holding personal data that is not built
on CouncilOwnedModel fails this test, and so the build (docs/adr/0003-council-wall.md).
"""

import pytest
from django.apps import apps
from django_scopes import ScopeError, scope

from parent_charter.core.models import CouncilOwnedModel
from parent_charter.parents.models import Parent

# Models that hold a council but no personal data: configuration and the audit trail.
COUNCIL_CONFIGURATION = {
    "accounts.user",  # staff accounts: reached through the signed-in user and admin pages
    "authorities.officehours",
    "authorities.partnerorganisation",
    "offers.localoffer",
    "audit.auditevent",  # read only through audit.selectors, filtered by council
    # The public service directory (Open Referral UK): it describes services, not people.
    "directory.organization",
    "directory.service",
    "directory.location",
    "directory.taxonomy",
    "directory.taxonomyterm",
}


def _points_at_council(model) -> bool:
    return any(
        field.is_relation
        and field.related_model is not None
        and field.related_model._meta.label_lower == "authorities.council"
        for field in model._meta.get_fields()
        if not field.auto_created or field.concrete
    )


def test_every_model_holding_a_council_is_scoped_or_declared_configuration():
    offenders = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in COUNCIL_CONFIGURATION or not _points_at_council(model):
            continue
        if not issubclass(model, CouncilOwnedModel):
            offenders.append(label)
    assert not offenders, (
        f"{offenders} hold a council: build them on CouncilOwnedModel (scoped), or, if they "
        "hold no personal data, add them to COUNCIL_CONFIGURATION with a reason."
    )


def test_personal_data_models_use_the_scoped_manager():
    for model in apps.get_models():
        if issubclass(model, CouncilOwnedModel):
            with pytest.raises(ScopeError):
                list(model.objects.all())


def test_unscoped_query_raises(hillford_parent):
    with pytest.raises(ScopeError):
        Parent.objects.get(public_id=hillford_parent.public_id)


def test_scope_hides_other_councils(hillford, hillford_parent, eastmere_parent):
    with scope(council=hillford.pk):
        assert list(Parent.objects.all()) == [hillford_parent]
        with pytest.raises(Parent.DoesNotExist):
            Parent.objects.get(public_id=eastmere_parent.public_id)


def test_network_coordinator_cannot_list_parents(client_for, coordinator, hillford_parent):
    assert client_for(coordinator).get("/staff/parents/").status_code == 403


def test_partner_worker_and_analyst_see_no_parent_names(
    client_for, partner_worker, analyst, hillford_parent
):
    for user in (partner_worker, analyst):
        for url in ("/staff/", "/staff/parents/", f"/staff/parents/{hillford_parent.public_id}/"):
            response = client_for(user).get(url)
            assert hillford_parent.family_name.encode() not in response.content
