"""Loading the charter catalogue into the database: idempotent, and never losing a promise."""

import shutil

import pytest
import yaml
from django.core.management import CommandError, call_command

from parent_charter.charter.catalogue import default_catalogue_path, load_catalogue
from parent_charter.charter.models import CharterVersion, Commitment
from parent_charter.charter.services import load_catalogue_file


@pytest.mark.django_db
def test_the_shipped_charter_loads_once(capsys):
    call_command("load_charter")
    spec = load_catalogue(default_catalogue_path())
    version = CharterVersion.objects.get(version=spec.version)
    assert version.commitments.count() == len(spec.commitments)
    call_command("load_charter")
    assert Commitment.objects.count() == len(spec.commitments)
    assert "unchanged" in capsys.readouterr().out.splitlines()[-1]


@pytest.mark.django_db
def test_reloading_corrected_wording_updates_in_place(tmp_path):
    path = tmp_path / "charter-1.0.yaml"
    shutil.copy(default_catalogue_path(), path)
    first = load_catalogue_file(path)
    ids = set(Commitment.objects.values_list("pk", flat=True))
    data = yaml.safe_load(path.read_text())
    target = data["commitments"][0]
    target["guidance"] += " Check twice."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    result = load_catalogue_file(path)
    assert (first.outcome, result.outcome) == ("created", "updated")
    assert set(Commitment.objects.values_list("pk", flat=True)) == ids
    assert Commitment.objects.get(key=target["key"]).guidance.endswith("Check twice.")


@pytest.mark.django_db
def test_a_loaded_commitment_cannot_be_removed(tmp_path):
    path = tmp_path / "charter-1.0.yaml"
    shutil.copy(default_catalogue_path(), path)
    load_catalogue_file(path)
    spec = load_catalogue(path)
    last = spec.commitments[-1]
    lines = path.read_text().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- key: {last.key}")
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("- key:")),
        len(lines),
    )
    # Cut the last commitment (and anything after it at the same level is other top-level keys).
    tail = [line for line in lines[end:] if not line.startswith(" ")]
    path.write_text("".join(lines[:start] + tail))
    with pytest.raises(CommandError, match=f"{last.key}.*cannot be removed"):
        call_command("load_charter", str(path))
    assert Commitment.objects.filter(key=last.key).exists()


@pytest.mark.django_db
def test_a_malformed_file_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "charter-1.0.yaml"
    path.write_text(
        default_catalogue_path().read_text().replace("stage: throughout", "stage: always", 1)
    )
    with pytest.raises(
        CommandError, match=r"charter-1.0.yaml: commitment \d+ \('[a-z.-]+'\): .*stage"
    ):
        call_command("load_charter", str(path))
    assert not CharterVersion.objects.exists()
