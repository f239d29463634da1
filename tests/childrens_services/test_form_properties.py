"""Property-based tests over the referral form's inputs: never a server error, care status is
always refused, and the whole page answers any text and grounds with 200 or a redirect."""

import datetime
import uuid

from django.http import QueryDict
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parent_charter.childrens_services.forms import ReferralForm, evidence_formset
from parent_charter.childrens_services.models import (
    FORBIDDEN_GROUNDS,
    ChildrenServicesReferral,
    Ground,
    GuardEvent,
    is_forbidden_ground,
)

from .helpers import evidence_fields

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
grounds = st.lists(
    st.sampled_from(Ground.values) | st.sampled_from(sorted(FORBIDDEN_GROUNDS)) | text, max_size=5
)
dates = st.one_of(
    st.none(), st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 1, 1))
)
piece = st.fixed_dictionaries(
    {
        "what": text,
        "seen_on": dates,
        "source_kind": st.sampled_from(["professional", "parent", "", "care_history"]) | text,
        "source_detail": text,
        "impact": text,
    }
)
FAST = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _query(data: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, [v.replace("\x00", "") for v in value])
        else:
            query[key] = str(value).replace("\x00", "")
    return query


def test_no_current_ground_is_ever_taken_for_a_forbidden_one():
    assert not any(is_forbidden_ground(value) for value in Ground.values)
    assert all(is_forbidden_ground(value) for value in FORBIDDEN_GROUNDS)


@FAST
@given(
    kind=text | st.sampled_from(["referral", "pre_birth"]),
    chosen=grounds,
    pieces=st.lists(piece, min_size=0, max_size=3),
)
def test_the_form_never_raises_and_always_refuses_a_forbidden_ground(
    hillford_parent, kind, chosen, pieces
):
    data = _query({"kind": kind, "grounds": chosen, **evidence_fields(*pieces)})
    if not pieces:
        data["evidence-TOTAL_FORMS"] = "0"
    with scope(council=hillford_parent.council_id):
        form = ReferralForm(data, parent=hillford_parent)
        formset = evidence_formset(data, parent=hillford_parent)
        valid = form.is_valid() & formset.is_valid()
    if any(is_forbidden_ground(value) for value in chosen):
        assert not valid
        assert form.refused_forbidden_ground
    if valid:
        assert set(form.cleaned_data["grounds"]) <= set(Ground.values)
        for entry in formset.inputs():
            assert entry.what.strip() and entry.source_detail.strip() and entry.seen_on


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(chosen=grounds, pieces=st.lists(piece, min_size=1, max_size=2))
def test_the_page_answers_any_input_without_a_server_error(
    client_for, pa, hillford_parent, chosen, pieces
):
    client = client_for(pa)
    with scopes_disabled():
        before = GuardEvent.objects.filter(kind="refused_ground").count()
        made = ChildrenServicesReferral.objects.count()
    chosen = [g.replace("\x00", "") for g in chosen]  # a browser cannot send a NUL
    data = {
        "form_token": str(uuid.uuid4()),
        "kind": "referral",
        "grounds": chosen,
        **{k: str(v).replace("\x00", "") for k, v in evidence_fields(*pieces).items()},
    }
    response = client.post(f"/staff/safeguarding/new/{hillford_parent.public_id}/", data)
    assert response.status_code in {200, 302}
    with scopes_disabled():
        refused = GuardEvent.objects.filter(kind="refused_ground").count() - before
        added = ChildrenServicesReferral.objects.count() - made
    if any(is_forbidden_ground(value) for value in chosen):
        assert refused == 1 and added == 0 and response.status_code == 200
    else:
        assert refused == 0
    assert added == (1 if response.status_code == 302 else 0)


# Evidence written the way people write it: events and labels, care words, dates near and far.
WHATS = [
    "On 2 December mum left the baby alone in the flat for an hour.",
    "Referral requested.",
    "Concerns.",
    "She grew up in care so will struggle.",
    "As per protocol for under 18s.",
    "Baby seen with a bruise on his cheek.",
    "",
]
realistic_piece = st.fixed_dictionaries(
    {
        "what": st.sampled_from(WHATS) | text,
        "seen_on": st.none()
        | st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2030, 1, 1))
        | st.integers(min_value=0, max_value=400).map(
            lambda days: datetime.date.today() - datetime.timedelta(days=days)
        ),
        "source_kind": st.sampled_from(["professional", "seen_by_me", "parent", "other", ""]),
        "source_detail": st.sampled_from(["", "Health visitor", "Foster carer"]) | text,
        "impact": st.sampled_from(["", "Risk.", "The baby could be badly hurt."]) | text,
    }
)


@FAST
@given(pieces=st.lists(realistic_piece, min_size=1, max_size=4))
def test_no_combination_of_fields_sends_a_referral_without_a_current_dated_event(
    client_for, pa, hillford_parent, pieces
):
    from parent_charter.childrens_services.evidence import current_from, is_current, is_label_only

    data = {
        "form_token": str(uuid.uuid4()),
        "kind": "referral",
        "grounds": ["neglect"],
        **{k: str(v).replace("\x00", "") for k, v in evidence_fields(*pieces).items()},
    }
    response = client_for(pa).post(f"/staff/safeguarding/new/{hillford_parent.public_id}/", data)
    assert response.status_code in {200, 302}
    with scopes_disabled():
        referral = ChildrenServicesReferral.objects.order_by("-pk").first()
        sent = referral is not None and referral.status == "sent" and response.status_code == 302
        if not sent:
            return
        cutoff = current_from(hillford_parent.council)
        pieces_saved = list(referral.evidence.all())
    assert any(
        is_current(piece.seen_on, cutoff)
        and not is_label_only(piece.what)
        and piece.impact.strip()
        and piece.source_detail.strip()
        and not piece.findings
        for piece in pieces_saved
    )
