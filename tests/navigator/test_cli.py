"""python -m navigator: exit codes, one-line errors and --json (run as a real subprocess)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "emscripten", reason="no subprocesses in Pyodide")

REPO = Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run([sys.executable, "-m", "navigator", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=60)


def test_add():
    r = run("add", "2026-04-04", "3")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Thursday 9 April 2026 is 3 working days after Saturday 4 April 2026")


def test_add_json():
    r = run("add", "2026-12-24", "10", "--json")
    assert r.returncode == 0
    assert json.loads(r.stdout) == {"date": "2027-01-12", "date_text": "Tuesday 12 January 2027",
                                    "from": "2026-12-24", "working_days": 10, "receipt": "day0"}


def test_between_and_holidays():
    r = run("between", "2026-12-24", "2027-01-04")
    assert r.returncode == 0 and "4 working days" in r.stdout and "Boxing Day (substitute day)" in r.stdout
    assert run("between", "2026-11-23", "2026-11-24").stdout.startswith("1 working day after Monday 23 November")
    # The days off listed are the ones the count skipped: not the start date, which is never counted.
    assert run("between", "2026-12-25", "2026-12-28").stdout == (
        "0 working days after Friday 25 December 2026 up to and including Monday 28 December 2026\n"
        "  Monday 28 December 2026: Boxing Day (substitute day)\n")
    data = json.loads(run("holidays", "2026", "--json").stdout)
    assert {"date": "2026-04-06", "date_text": "Monday 6 April 2026", "reason": "Easter Monday"} in data["closed"]


def test_timeline():
    r = run("timeline", "--procedure", "children", "--received", "2026-11-02", "--stage", "stage3",
            "--as-at", "2026-11-23", "--json")
    assert r.returncode == 0, r.stderr
    items = {i["id"]: i for i in json.loads(r.stdout)["items"]}
    assert (items["panel"]["date"], items["respond"]["date"]) == ("2026-12-14", "2027-01-07")
    r = run("timeline", "--procedure", "corporate", "--received", "2026-10-01", "--as-at", "2026-10-19")
    assert r.returncode == 0 and "Thursday 15 October 2026" in r.stdout and "overdue by 2 working days" in r.stdout


def test_timeline_shows_a_late_response_and_when_it_came():
    # 11.2: received Easter Monday 6 April 2026, reply due Monday 20 April; sent Friday 1 May
    r = run("timeline", "--procedure", "corporate", "--received", "2026-04-06", "--responded", "2026-05-01",
            "--as-at", "2026-05-05")
    assert r.returncode == 0, r.stderr
    assert "(within 10 working days, 11.2): done, 9 working days late" in r.stdout
    assert ("We replied on Friday 1 May 2026, 9 working days after Monday 20 April 2026, the date the policy gives."
            in r.stdout)


@pytest.mark.parametrize("args,message", [
    (("add", "2026-02-31", "3"), "navigator: argument date: '2026-02-31' is not a real date in the form YYYY-MM-DD"),
    (("add", "2036-12-30", "5"), "navigator: We can only work out dates up to 31 December 2036"),
    (("add", "2026-01-01", "x"), "navigator: argument days: 'x' is not a whole number of working days"),
    (("timeline", "--procedure", "planning", "--received", "2026-01-05"),
     "navigator: unknown procedure 'planning': use one of corporate, adults, children"),
    (("timeline", "--procedure", "adults", "--received", "2026-01-05", "--stage", "stage2"),
     "navigator: the adults procedure has no stage 'stage2': use one of stage1"),
    (("holidays", "2040"), "navigator: We can only work out dates up to 31 December 2036"),
    # The browser's questions refuse these too (navigator/flow.py)
    (("between", "2027-01-04", "2026-12-24"), "navigator: END must be the same as or after START"),
    (("timeline", "--procedure", "children", "--stage", "stage3", "--received", "2026-04-04", "--panel", "2026-03-01"),
     "navigator: --panel must be the same as or after --received"),
    (("timeline", "--procedure", "corporate", "--received", "2026-04-04", "--panel", "2026-05-01"),
     "navigator: --panel: stage1 of the corporate procedure has no review panel"),
    (("timeline", "--procedure", "corporate", "--received", "2026-04-04", "--complex"),
     "navigator: --complex: stage1 of the corporate procedure has no longer time to extend to"),
    (("timeline", "--procedure", "corporate", "--received", "2026-04-04", "--found-out", "2036-06-01"),
     "navigator: --found-out must be the same as or before --received"),
    # 11.2: received Saturday 4 April 2026 (Easter), our response due Monday 20 April; an update's date is later
    (("timeline", "--procedure", "corporate", "--received", "2026-04-04", "--new-date", "2026-04-20"),
     "navigator: --new-date must be after 2026-04-20, the date our reply was first due"),
    (("timeline", "--procedure", "corporate", "--received", "2026-04-04", "--new-date", "2040-01-01"),
     "navigator: We can only work out dates up to 31 December 2036"),
    (("timeline", "--procedure", "adults", "--received", "2026-04-04", "--new-date", "2026-05-29"),
     "navigator: --new-date: stage1 of the adults procedure gives no new date in an update"),
    (("frobnicate",), None),
])
def test_bad_input_exits_2_with_one_line(args, message):
    r = run(*args)
    assert r.returncode == 2
    assert r.stdout == "" and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    if message:
        assert r.stderr.strip() == message


def test_content_errors_print_file_and_line(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    path = content / "procedures" / "corporate.yaml"
    text = path.read_text().replace("working_days: 10", "working_days: ten", 1)
    path.write_text(text)
    line = next(n for n, words in enumerate(text.splitlines(), 1) if "working_days: ten" in words)
    r = run("add", "2026-01-05", "1", "--content", str(content))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    # file:line: message, the file named from the content folder's parent, as an editor's tools read it
    assert r.stderr.splitlines() == [
        f"content/procedures/corporate.yaml:{line}: 'working_days' should be a whole number, like 10, not 'ten'."]


def test_content_changes_are_read_afresh(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    path = content / "calendar.yaml"
    path.write_text(path.read_text().replace("receipt: day0", "receipt: next_working_day"))
    r = run("add", "2026-04-04", "3", "--content", str(content), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["date"] == "2026-04-10"
    # Saturday 4 April counts as received on Tuesday 7 April (Easter Monday between): said so, not "3 after Saturday"
    r = run("add", "2026-04-04", "3", "--content", str(content))
    assert r.stdout.startswith("Friday 10 April 2026 is 3 working days after Tuesday 7 April 2026, the day something "
                               "received on Saturday 4 April 2026 counts as received (")


def test_timeline_shows_both_ends_of_a_range():
    """App. 1 para 6b: aim 25 working days, up to 65. From Monday 1 June 2026 (no bank holidays until 31 August)."""
    result = run("timeline", "--procedure", "children", "--received", "2026-06-01", "--stage", "stage2",
                 "--as-at", "2026-07-01")
    lines = result.stdout.splitlines()
    respond = next(i for i, line in enumerate(lines) if "We send our reply" in line)
    assert lines[respond].lstrip().startswith("Monday 6 July 2026")
    assert lines[respond + 1].split() == ["Tuesday", "1", "September", "2026", "(at", "the", "latest,", "if",
                                          "it", "takes", "longer)"]


def test_a_new_date_from_an_update_moves_our_response_date():
    # 11.2: received Tuesday 10 March 2026, usually due Tuesday 24 March; the update said Tuesday 14 April
    r = run("timeline", "--procedure", "corporate", "--received", "2026-03-10", "--new-date", "2026-04-14",
            "--as-at", "2026-04-16", "--json")
    assert r.returncode == 0, r.stderr
    respond = next(i for i in json.loads(r.stdout)["items"] if i["id"] == "respond")
    assert (respond["date"], respond["standard_date"], respond["status_text"]) == (
        "2026-04-14", "2026-03-24", "overdue by 2 working days")


def test_the_ombudsman_s_usual_time_limit_is_never_a_flat_passed():
    # 13.1: 12 months from when you found out (2 January 2025) ended on 2 January 2026; the Ombudsman can still decide
    r = run("timeline", "--procedure", "corporate", "--received", "2025-03-03", "--found-out", "2025-01-02",
            "--as-at", "2026-11-23", "--json")
    item = next(i for i in json.loads(r.stdout)["items"] if i["id"] == "ombudsman_limit")
    assert (item["date"], item["status"], item["status_text"]) == ("2026-01-02", "passed", "passed 325 calendar days ago")
    assert item["note"].startswith("The Ombudsman can still decide to look at a complaint made later if there is a "
                                   "good reason.")
