"""The dry run names each problem by file, line and column, and saves nothing."""

import pytest
from django_scopes import scope

from parent_charter.caseimport import services
from parent_charter.caseimport.models import ImportRun, RunStatus
from parent_charter.caseimport.reading import describe
from parent_charter.parents.models import Parent

from .helpers import LL_CHILDREN, LL_PARENTS, csv_text, save_mapping


def checked(council, actor, parents="", children=""):
    with scope(council=council.pk):
        run = services.run_create(
            council=council,
            actor=actor,
            parents_text=parents,
            children_text=children,
            queue_check=False,
        )
        return services.run_check(run=run)


def found(run) -> set[tuple]:
    return {(p["file"], p["line"], p["column"], p["code"]) for p in run.problems}


@pytest.fixture
def mapped(hillford, council_admin):
    return save_mapping(hillford, council_admin, "liquidlogic")


@pytest.mark.django_db
def test_missing_columns_are_named_on_the_header_line(hillford, council_admin, mapped):
    header = [c for c in LL_PARENTS if c not in {"Surname", "Parental Role"}]
    run = checked(hillford, council_admin, csv_text(header, [["A1", "Ann", "01/02/2003", ""]]))
    assert run.status == RunStatus.PROBLEMS
    assert found(run) == {
        ("parents", 1, "Surname", "missing_column"),
        ("parents", 1, "Parental Role", "missing_column"),
    }


@pytest.mark.django_db
def test_each_kind_of_bad_row_is_reported_by_line_and_column(hillford, council_admin, mapped):
    parents = csv_text(
        LL_PARENTS,
        [
            ["P1", "Ann", "Able", "01/02/2003", "Birth Mother", "HR1 1AA"],  # line 2: good
            ["P2", "", "Baker", "02/03/2003", "Mother", ""],  # 3: no first name
            ["P3", "Cat", "Cole", "03/14/2003", "Mother", ""],  # 4: American date
            ["P4", "Dan", "Dee", "4 Smarch 2003", "Father", ""],  # 5: not a month
            ["P5", "Eve", "Ely", "05/05/2003", "Aunt", ""],  # 6: unknown code
            ["P1", "Fay", "Fox", "06/06/2003", "Mother", ""],  # 7: duplicate of line 2
            ["P7", "Gus", "Gray", "07/07/2099", "Father", ""],  # 8: born in the future
            ["P8", "Hal", "Hart", "08/08/2003", "Father", "NOT A CODE"],  # 9: postcode
            ["", "Ivy", "Ince", "09/09/2003", "Mother", ""],  # 10: no identifier
            ["P10", "Jo", "Jay", "", "Mother", ""],  # 11: no date of birth
        ],
    )
    children = csv_text(
        LL_CHILDREN,
        [
            ["C1", "P1", "", "", "01/05/2027", "Unborn"],  # line 2: good
            ["C2", "P99", "", "", "01/05/2027", "Unborn"],  # 3: no such parent
            ["C3", "P1", "", "", "", "Unborn"],  # 4: no date at all
            ["C4", "P1", "Kim", "01/01/2024", "", "Unborn"],  # 5: born, yet "not yet born"
            ["C5", "P1", "Lee", "01/01/2024", "", "Up a tree"],  # 6: unknown code
            ["C1", "P1", "", "", "02/05/2027", "Unborn"],  # 7: duplicate of line 2
            ["C7", "P1", "Mo", "2024-13-01", "", "With Parent"],  # 8: no 13th month
        ],
    )
    run = checked(hillford, council_admin, parents, children)
    assert run.status == RunStatus.PROBLEMS
    assert found(run) == {
        ("parents", 3, "Forename", "missing_value"),
        ("parents", 4, "Date of Birth", "date_form"),
        ("parents", 5, "Date of Birth", "date_form"),
        ("parents", 6, "Parental Role", "unknown_code"),
        ("parents", 7, "Person ID", "duplicate"),
        ("parents", 8, "Date of Birth", "date_future"),
        ("parents", 9, "Postcode", "postcode"),
        ("parents", 10, "Person ID", "missing_value"),
        ("parents", 11, "Date of Birth", "missing_value"),
        ("children", 3, "Parent Person ID", "unknown_parent"),
        ("children", 4, "Child Date of Birth", "no_child_date"),
        ("children", 5, "Living Arrangement", "born_not_yet"),
        ("children", 6, "Living Arrangement", "unknown_code"),
        ("children", 7, "Child Person ID", "duplicate"),
        ("children", 8, "Child Date of Birth", "date_form"),
    }
    by_line = {(p["file"], p["line"]): p for p in run.problems}
    assert describe(by_line[("parents", 7)]) == (
        "The same identifier is already on line 2 of this file."
    )
    assert "“Aunt”" in describe(by_line[("parents", 6)])
    # Nothing was saved, and nothing can be imported from this upload.
    with scope(council=hillford.pk):
        assert not Parent.objects.exists()
        assert not services.run_confirm(run=run, actor=council_admin)


@pytest.mark.django_db
def test_a_file_that_is_not_csv_or_has_no_rows(hillford, council_admin, mapped):
    run = checked(hillford, council_admin, csv_text(LL_PARENTS, []))
    assert found(run) == {("parents", 2, "", "no_rows")}
    children_without_mapping = save_mapping(
        hillford, council_admin, child_id_column="", child_parent_id_column=""
    )
    assert children_without_mapping.child_id_column == ""
    run = checked(hillford, council_admin, children=csv_text(LL_CHILDREN, [["C1"]]))
    assert found(run) == {("children", 1, "", "no_children_mapping")}


@pytest.mark.django_db
def test_ten_thousand_rows_are_checked_and_imported_with_progress(
    hillford, council_admin, mapped, monkeypatch
):
    rows = [
        [
            f"P{n:05d}",
            f"Given{n}",
            f"Family{n}",
            f"{1 + n % 28:02d}/{1 + n % 12:02d}/2004",
            ("Birth Mother", "Birth Father", "Parent")[n % 3],
            "",
        ]
        for n in range(10_000)
    ]
    text = csv_text(LL_PARENTS, rows)
    seen: list[tuple[int, int]] = []
    real_call = services.ProgressReporter.__call__

    def spy(self, done):
        seen.append((done, self.total))
        real_call(self, done)

    monkeypatch.setattr(services.ProgressReporter, "__call__", spy)
    run = checked(hillford, council_admin, text)
    assert run.status == RunStatus.CHECKED and run.total_rows == 10_000
    assert run.summary["parents_created"] == 10_000
    check_progress = [done for done, _total in seen]
    assert check_progress == sorted(check_progress) and check_progress[-1] == 10_000
    assert len(check_progress) >= 20  # the bar moves every 500 rows
    with scope(council=hillford.pk):
        # The stored run shows the check's progress as the status page reads it.
        assert ImportRun.objects.get(pk=run.pk).percent == 100
        seen.clear()
        assert services.run_confirm(run=run, actor=council_admin) is True
        summary = services.apply_run(run=run, actor=council_admin)
        assert summary["parents_created"] == 10_000
        assert Parent.objects.count() == 10_000
    import_progress = [done for done, _total in seen]
    assert import_progress == sorted(import_progress) and import_progress[-1] == 10_000
    assert all(total == 10_000 for _done, total in seen)
