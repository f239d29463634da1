"""Dates in the forms UK case systems export, and CSV files as they come."""

import datetime

import pytest

from parent_charter.caseimport.reading import decode, parse_code_lines, parse_uk_date, read_csv


@pytest.mark.parametrize(
    "raw",
    [
        "14/03/2005",
        "14/3/2005",
        "14-03-2005",
        "14.03.2005",
        "2005-03-14",
        "2005-03-14 00:00:00",
        "2005-03-14T00:00:00Z",
        "14/03/2005 00:00",
        "14 Mar 2005",
        "14 March 2005",
        "14-MAR-2005",
        " 14 mar 2005 ",
    ],
)
def test_common_uk_forms_are_read(raw):
    assert parse_uk_date(raw) == datetime.date(2005, 3, 14)


@pytest.mark.parametrize(
    "raw",
    ["03/14/2005", "14/03/05", "31/02/2005", "2005/03/14", "14 Marc 2005", "yesterday", ""],
)
def test_american_two_digit_and_unreal_dates_are_refused(raw):
    assert parse_uk_date(raw) is None


def test_code_lines_are_read_case_insensitively():
    assert parse_code_lines("MOT = mother\n\n Fat=father ") == {"mot": "mother", "fat": "father"}


def test_csv_keeps_each_rows_line_and_skips_blank_lines():
    csv_file = read_csv("A,B\n1,2\n\n3\n")
    assert csv_file.header == ["A", "B"]
    assert csv_file.rows == [(2, {"A": "1", "B": "2"}), (4, {"A": "3", "B": ""})]


def test_excel_byte_order_mark_and_windows_1252_are_read():
    assert decode("\ufeffA\n".encode()) == "A\n"
    assert decode("Siân\n".encode("cp1252")) == "Siân\n"


def test_not_csv_at_all():
    assert read_csv("   ") is None
