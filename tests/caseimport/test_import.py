"""The command and the services: dry run, import, a second import, all or nothing, the wall."""

import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.caseimport.models import CaseRecordLink, ImportRun, RunStatus
from parent_charter.children.models import Child, ChildCircumstance, ChildParent
from parent_charter.parents.models import Parent
from parent_charter.plans.models import SupportPlan

from .helpers import DATA, LL_PARENTS, csv_text, save_mapping


def run_command(*args, **options):
    out = io.StringIO()
    call_command("import_cases", *args, stdout=out, **options)
    return out.getvalue()


def import_example(council, system="liquidlogic", *, dry_run=False, by=None):
    extra = {"dry_run": dry_run}
    if by:
        extra["by"] = by
    return run_command(
        str(DATA / f"{system}-parents.csv"),
        council=council.slug,
        children=str(DATA / f"{system}-children.csv"),
        **extra,
    )


def actions(council):
    with scopes_disabled():
        return list(
            AuditEvent.objects.filter(council=council)
            .order_by("seq")
            .values_list("action", flat=True)
        )


@pytest.fixture
def liquidlogic(hillford, council_admin):
    return save_mapping(hillford, council_admin, "liquidlogic")


@pytest.mark.django_db
@pytest.mark.parametrize("system", ["liquidlogic", "mosaic"])
def test_both_example_shapes_import_parents_children_and_where_they_live(
    system, hillford, council_admin, django_capture_on_commit_callbacks
):
    save_mapping(hillford, council_admin, system)
    with django_capture_on_commit_callbacks(execute=True):
        out = import_example(hillford, system, by=council_admin.email)
    n = 5 if system == "liquidlogic" else 4
    assert f"Imported: {n} parent(s) added, 0 updated, 0 unchanged, 0 matched" in out
    assert f"{n} child(ren) added, 0 updated, 0 unchanged." in out
    with scope(council=hillford.pk):
        parents = Parent.objects.filter(council=hillford)
        expected = 5 if system == "liquidlogic" else 4
        assert parents.count() == expected
        assert Child.objects.count() == expected
        assert ChildParent.objects.count() == expected
        assert ChildCircumstance.objects.count() == expected
        assert CaseRecordLink.objects.count() == expected * 2
        if system == "liquidlogic":
            amber = CaseRecordLink.objects.get(case_id="LL-100231").parent
            assert (amber.given_name, amber.parent_role, amber.postcode) == (
                "Amber",
                "mother",
                "HR1 2AB",
            )
            assert str(amber.date_of_birth) == "2005-03-14"
            ivy = CaseRecordLink.objects.get(case_id="LL-200412").child
            assert ivy.circumstances.get().lives_with == "foster_care"
        else:
            dylan = CaseRecordLink.objects.get(case_id="M4410022").parent
            assert (dylan.parent_role, str(dylan.date_of_birth)) == ("father", "2003-12-02")
            osian = CaseRecordLink.objects.get(case_id="M5520102").child
            current = osian.circumstances.get()
            assert current.lives_with == "one_parent"
            assert current.lives_with_parent.parent == dylan
        # The worker brought each imported parent's stages and plan up to date.
        assert SupportPlan.objects.filter(parent__in=parents).count() == expected
    # Every record created is in the trail, named to the administrator who ran it.
    trail = actions(hillford)
    assert trail.count("parent.created") == expected
    assert trail.count("child.added") == expected
    with scopes_disabled():
        created = AuditEvent.objects.filter(council=hillford, action="parent.created").first()
    assert created.actor == council_admin
    assert created.reason == "Imported from the council's case system"
    # No names or dates in the trail: types, ids, field names and counts only.
    with scopes_disabled():
        details = " ".join(str(e.detail) for e in AuditEvent.objects.filter(council=hillford))
    assert "Amber" not in details and "Carys" not in details and "2005" not in details


@pytest.mark.django_db
def test_a_dry_run_reports_what_would_change_and_saves_nothing(hillford, liquidlogic):
    out = import_example(hillford, dry_run=True)
    assert "5 parent(s) to add" in out and "5 child(ren) to add" in out
    assert "Dry run: nothing was saved." in out
    with scope(council=hillford.pk):
        assert not Parent.objects.exists() and not Child.objects.exists()
        assert ImportRun.objects.get().status == RunStatus.CHECKED
    assert "parent.created" not in actions(hillford)


@pytest.mark.django_db
def test_a_second_identical_import_changes_nothing_and_says_so(hillford, liquidlogic):
    import_example(hillford)
    before = actions(hillford)
    with scope(council=hillford.pk):
        versions = sorted(Parent.objects.values_list("pk", "version"))
        circumstances = ChildCircumstance.objects.count()
    out = import_example(hillford)
    assert "No changes: every record is already up to date." in out
    assert "0 parent(s) added, 0 updated, 5 unchanged" in out
    assert "0 child(ren) added, 0 updated, 5 unchanged" in out
    with scope(council=hillford.pk):
        assert sorted(Parent.objects.values_list("pk", "version")) == versions
        assert ChildCircumstance.objects.count() == circumstances
        assert CaseRecordLink.objects.count() == 10
    new_events = actions(hillford)[len(before) :]
    assert not {"parent.created", "parent.updated", "child.added", "child.updated"} & set(
        new_events
    )


@pytest.mark.django_db
def test_a_second_import_updates_in_place_and_never_duplicates(
    hillford, liquidlogic, council_admin
):
    import_example(hillford)
    text = (DATA / "liquidlogic-parents.csv").read_text()
    changed = text.replace("Castell", "Castell-Jones").replace("HR9 5LB", "HR9 7AA")
    children = (DATA / "liquidlogic-children.csv").read_text()
    # Skye's daughter goes home; Amber's baby is born.
    children = children.replace("Foster Placement", "With Parent").replace(
        "LL-200410,LL-100231,,,18/04/2027,Unborn,",
        "LL-200410,LL-100231,Rose,01/12/2026,18/04/2027,With Parent,",
    )
    files = {"parents.csv": changed, "children.csv": children}
    paths = {}
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    for name, content in files.items():
        paths[name] = folder / name
        paths[name].write_text(content)
    out = run_command(
        str(paths["parents.csv"]),
        council=hillford.slug,
        children=str(paths["children.csv"]),
    )
    assert "0 parent(s) added, 2 updated, 3 unchanged" in out
    assert "0 child(ren) added, 2 updated, 3 unchanged" in out
    with scope(council=hillford.pk):
        assert Parent.objects.count() == 5 and Child.objects.count() == 5
        amber = CaseRecordLink.objects.get(case_id="LL-100231").parent
        assert amber.family_name == "Castell-Jones" and amber.version == 2
        rose = CaseRecordLink.objects.get(case_id="LL-200410").child
        assert rose.is_born and rose.given_name == "Rose"
        ivy = CaseRecordLink.objects.get(case_id="LL-200412").child
        assert ivy.circumstances.count() == 2  # the history is kept, a new row added
    trail = actions(hillford)
    assert trail.count("parent.updated") == 2
    assert trail.count("child.updated") == 1
    assert trail.count("child.circumstances.changed") == 2


@pytest.mark.django_db
def test_an_import_is_all_or_nothing(hillford, liquidlogic):
    """A failure while writing the children undoes the parents already written."""
    from parent_charter.caseimport import services

    with (
        mock.patch.object(services._Writer, "children", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        import_example(hillford)
    with scope(council=hillford.pk):
        assert not Parent.objects.exists()
        assert not CaseRecordLink.objects.exists()
    assert "parent.created" not in actions(hillford)


@pytest.mark.django_db
def test_one_bad_row_means_nothing_is_imported(hillford, liquidlogic):
    rows = [
        ["A1", "Ann", "Able", "01/02/2003", "Mother", "HR1 1AA"],
        ["A2", "Ben", "Baker", "31/02/2003", "Father", "HR1 1AA"],
    ]
    path = _write(csv_text(LL_PARENTS, rows))
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_cases", str(path), council=hillford.slug, stdout=out)
    assert (
        "Parents' file, line 3, column Date of Birth: Not a date in a form we accept."
        in out.getvalue()
    )
    with scope(council=hillford.pk):
        assert not Parent.objects.exists()
        assert ImportRun.objects.get().status == RunStatus.PROBLEMS


@pytest.mark.django_db
def test_an_import_never_touches_another_councils_records(hillford, eastmere, liquidlogic):
    """Eastmere imported the same case-system identifier first: Hillford gets its own parent,
    and Eastmere's parent and link are left exactly as they were."""
    save_mapping(eastmere, None, "liquidlogic")
    import_example(eastmere)
    with scope(council=eastmere.pk):
        theirs = CaseRecordLink.objects.get(case_id="LL-100231").parent
        their_state = (theirs.family_name, theirs.version)
    path = _write(
        csv_text(LL_PARENTS, [["LL-100231", "Amber", "Changed", "14/03/2005", "Mother", ""]])
    )
    out = run_command(str(path), council=hillford.slug)
    assert "1 parent(s) added, 0 updated" in out
    with scope(council=eastmere.pk):
        theirs.refresh_from_db()
        assert (theirs.family_name, theirs.version) == their_state
        assert Parent.objects.filter(council=eastmere).count() == 5
    with scope(council=hillford.pk):
        ours = CaseRecordLink.objects.get(case_id="LL-100231").parent
        assert ours.council == hillford and ours.pk != theirs.pk
    with scopes_disabled():
        assert not AuditEvent.objects.filter(
            council=eastmere, object_id=str(ours.public_id)
        ).exists()
        assert not AuditEvent.objects.filter(
            council=hillford, object_id=str(theirs.public_id)
        ).exists()
    # And a children's file of Hillford cannot name Eastmere's parent-only identifier.
    path = _write(
        "Child Person ID,Parent Person ID,Child Forename,Child Date of Birth,"
        "Expected Date of Delivery,Living Arrangement\nC1,LL-100232,,,01/05/2027,Unborn\n"
    )
    with pytest.raises(CommandError):
        out = run_command(council=hillford.slug, children=str(path))


@pytest.mark.django_db
def test_the_command_needs_a_mapping_and_a_real_council(hillford, eastmere):
    path = _write(csv_text(LL_PARENTS, []))
    with pytest.raises(CommandError, match="no column mapping"):
        run_command(str(path), council=hillford.slug)
    with pytest.raises(CommandError, match="No council"):
        run_command(str(path), council="nowhere")


def _write(text: str):
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "upload.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_a_parent_typed_in_before_is_linked_not_added_again(hillford, liquidlogic, pa):
    """Jordan Vale was typed in by hand: the import links LL-100232 to his record."""
    import datetime

    from tests.factories import ParentFactory

    with scope(council=hillford.pk):
        jordan = ParentFactory(
            council=hillford,
            given_name="JORDAN",
            family_name="vale",
            date_of_birth=datetime.date(2003, 11, 2),
            personal_adviser=pa,
        )
    dry = import_example(hillford, dry_run=True)
    assert "4 parent(s) to add, 0 to update, 0 unchanged, 1 matched" in dry
    out = import_example(hillford)
    assert "4 parent(s) added, 0 updated, 0 unchanged, 1 matched" in out
    with scope(council=hillford.pk):
        assert Parent.objects.count() == 5
        link = CaseRecordLink.objects.get(case_id="LL-100232")
        assert link.parent == jordan
        jordan.refresh_from_db()
        # The case system's spelling and postcode are taken; the adviser stays.
        assert (jordan.given_name, jordan.postcode, jordan.personal_adviser) == (
            "Jordan",
            "HR4 9QT",
            pa,
        )
    trail = actions(hillford)
    assert trail.count("parent.case_id.linked") == 1 and trail.count("parent.created") == 4
    # A second run finds him through the link.
    assert "0 parent(s) added, 0 updated, 5 unchanged, 0 matched" in import_example(hillford)


@pytest.mark.django_db
def test_two_records_with_the_same_name_and_birth_stop_the_import(hillford, liquidlogic):
    import datetime

    from tests.factories import ParentFactory

    with scope(council=hillford.pk):
        for _ in range(2):
            ParentFactory(
                council=hillford,
                given_name="Jordan",
                family_name="Vale",
                date_of_birth=datetime.date(2003, 11, 2),
            )
    with pytest.raises(CommandError, match="Nothing was imported"):
        import_example(hillford)
    with scope(council=hillford.pk):
        run = ImportRun.objects.get()
        assert [(p["line"], p["code"]) for p in run.problems] == [(3, "several_matches")]
        assert Parent.objects.count() == 2
