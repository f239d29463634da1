"""Open Referral UK 3.0: the round trip of the standard's examples, and conformance of what we
serve, checked against the profile's own files in ../shared/standards/open-referral-uk/.

Not modelled, so left out of the round-trip comparison (docs/adr/0014): a service's `languages`
(the UK profile keeps only their ids) and `funding`. Empty lists count as absent.
"""

import copy
import io
import json

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator

from parent_charter.directory import oruk
from parent_charter.directory.feed import council_feed
from parent_charter.directory.importer import import_directory

from .conftest import load_json

NOT_MODELLED = {"languages", "funding"}
# Where each nested object of a full service sits, and which profile object it is.
NESTED = {
    "schedules": "schedule",
    "service_areas": "service_area",
    "service_at_locations": "service_at_location",
    "organization": "organization",
    "cost_options": "cost_option",
    "contacts": "contact",
    "attributes": "attribute",
    "location": "location",
    "addresses": "address",
    "accessibility": "accessibility",
    "phones": "phone",
    "taxonomy_term": "taxonomy_term",
}


def normalised(value):
    """Drop what we do not model and empty lists; numbers compare by value."""
    if isinstance(value, dict):
        return {
            key: normalised(item)
            for key, item in value.items()
            if key not in NOT_MODELLED and item != []
        }
    if isinstance(value, list):
        return [normalised(item) for item in value]
    return value


def overlay(standard, name: str) -> dict | None:
    path = standard / "profile" / f"{name}.json"
    return load_json(path) if path.exists() else None


def profile_errors(standard, obj: dict, name: str, where: str = "") -> list[str]:
    """What the profile's own file for `name` says of `obj`, then of every nested object.

    The profile lists the fields it requires and sets to null the HSDS fields it removes: a
    required field must be there, a removed one must not (apart from our declared additions).
    """
    errors = []
    spec = overlay(standard, name)
    if spec:
        for field in spec.get("required", []):
            if field not in obj:
                errors.append(f"{where or name}: the profile requires '{field}'")
        for field, definition in (spec.get("properties") or {}).items():
            if definition is None and field in obj and (name, field) not in oruk.EXTENSIONS:
                errors.append(f"{where or name}: the profile removes '{field}'")
    for key, child in NESTED.items():
        value = obj.get(key)
        items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        for index, item in enumerate(items):
            errors += profile_errors(standard, item, child, f"{where or name} › {key}[{index}]")
    return errors


def assert_conforms(standard, service: dict) -> None:
    assert oruk.errors_in(service, oruk.SERVICE) == []
    assert profile_errors(standard, service, "service") == []


def test_our_schemas_follow_the_profile(standard):
    """Every field the profile removes is absent from our schemas, every field it requires is
    required by ours, and every field it defines is ours with the same type."""
    checked = 0
    for name, schema in oruk.OBJECTS.items():
        spec = overlay(standard, name)
        if not spec:
            continue
        checked += 1
        properties = schema["properties"]
        for field, definition in (spec.get("properties") or {}).items():
            if definition is None:
                if (name, field) not in oruk.EXTENSIONS:
                    assert field not in properties, f"{name}.{field} is removed by the profile"
            else:
                assert properties[field]["type"] == definition["type"], f"{name}.{field}"
        assert set(spec.get("required", [])) <= set(schema["required"]), name
    assert checked >= 12


@pytest.mark.parametrize(
    "example", ["service_full.json", "organization_full.json", "service_at_location_full.json"]
)
def test_the_examples_survive_import_and_export(standard, hillford, example):
    data = load_json(standard / "examples" / example)
    import_directory(copy.deepcopy(data), council=hillford, file_name=example)
    exported = council_feed(hillford)

    if example == "organization_full.json":
        organization = {k: v for k, v in data.items() if k != "services"}
        expected = [{**service, "organization": organization} for service in data["services"]]
    elif example == "service_at_location_full.json":
        link = {"id": data["id"], "location": data["location"]}
        expected = [{**data["service"], "service_at_locations": [link]}]
    else:
        expected = [data]
    assert len(exported) == len(expected)
    for service in exported:
        assert_conforms(standard, service)
    assert [normalised(s) for s in exported] == [normalised(s) for s in expected]


def test_a_taxonomy_survives_import_and_the_api(standard, hillford, client):
    taxonomy = load_json(standard / "examples" / "taxonomy.json")
    import_directory(taxonomy, council=hillford)
    terms = client.get("/api/directory/taxonomy_terms", {"taxonomy_id": taxonomy["id"]}).json()
    assert terms["contents"] == [{**taxonomy["taxonomy_terms"][0], "taxonomy_id": taxonomy["id"]}]
    listed = client.get("/api/directory/taxonomies", {"council": "hillford"}).json()
    expected = {k: v for k, v in taxonomy.items() if k != "taxonomy_terms"}
    assert expected in listed["contents"]


def test_our_own_export_imports_again_unchanged(standard, hillford, eastmere, baby_group):
    """Export, import into an empty copy (fresh ids would clash: use another database row set
    by deleting first), export again: the same JSON."""
    from .factories import ContactFactory, CostOptionFactory, PhoneFactory

    contact = ContactFactory(service=baby_group, title="Group leader", name="")
    PhoneFactory(contact=contact, number="01632 960 411", description="Weekdays")
    CostOptionFactory(service=baby_group, amount="2.50", amount_description="per session")
    first = council_feed(hillford)
    for service in first:
        assert_conforms(standard, service)
    import_directory(json.loads(json.dumps(first)), council=hillford)
    assert council_feed(hillford) == first


def test_export_command_writes_valid_services(standard, hillford, baby_group, tmp_path):
    out = tmp_path / "hillford.json"
    call_command("export_directory", council="hillford", output=out, stderr=io.StringIO())
    services = json.loads(out.read_text())
    assert [s["id"] for s in services] == [str(baby_group.id)]
    for service in services:
        assert_conforms(standard, service)


def test_every_endpoint_conforms(standard, client, baby_group, hillford_terms):
    openapi = load_json(standard / "openapi30.json")
    page_schema = openapi["components"]["schemas"]["Page"]

    info = client.get("/api/directory/").json()
    info_schema = openapi["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]
    assert set(info_schema["properties"]) <= set(info)
    assert not list(Draft202012Validator(info_schema).iter_errors(info))

    for address, items in (
        ("/api/directory/services", oruk.SERVICE_SUMMARY),
        ("/api/directory/taxonomies", oruk.TAXONOMY),
        ("/api/directory/taxonomy_terms", oruk.TAXONOMY_TERM),
    ):
        body = client.get(address).json()
        assert set(page_schema["properties"]) | {"contents"} <= set(body), address
        assert not list(Draft202012Validator(page_schema).iter_errors(body)), address
        assert oruk.errors_in(body, oruk.page_of(items)) == [], address
        assert body["contents"], address

    service = client.get(f"/api/directory/services/{baby_group.id}").json()
    assert_conforms(standard, service)


def test_the_services_endpoint_takes_every_parameter_the_profile_names(standard, client, db):
    openapi = load_json(standard / "openapi30.json")
    wanted = {
        ref["$ref"].rsplit("/", 1)[-1] for ref in openapi["paths"]["/services"]["get"]["parameters"]
    }
    ours = client.get("/api/directory/openapi.json").json()
    documented = {
        parameter["name"]
        for parameter in ours["paths"]["/api/directory/services"]["get"]["parameters"]
    }
    assert wanted <= documented, wanted - documented
