"""The browser runs exactly the code that was tested (issue 3, "Tests").

1. The navigator's whole test suite runs inside real Pyodide (Python 3.14, the
   npm registry's `pyodide` package) under Node, importing the navigator from
   the same wheel the site ships.
2. With the exact runtime the site ships (its trimmed, precompiled stdlib),
   the browser entry point gives byte-for-byte the same answers as CPython
   for a spread of real requests.
"""
from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content import load_content
from generator.ruledata import rule_data
from generator.runtime import download_test_wheels, prepare_runtime
from navigator import browser
from sitebuild import CONTENT, REPO

pytestmark = pytest.mark.pyodide
TODAY = "2026-11-23"


@pytest.fixture(scope="module")
def rules() -> dict:
    return rule_data(load_content(CONTENT, pages=False), datetime.date.fromisoformat(TODAY))


@pytest.fixture(scope="module")
def runtime(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("runtime") / "pyodide"
    prepare_runtime(out, cache_dir=REPO / "build" / "runtime", navigator_src=REPO / "navigator")
    return out


def node(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["node", "tools/pyodide_run.mjs", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=600)


def run_in_shipped_runtime(runtime: Path, script: Path, source: str) -> str:
    """Run ``source`` as a script under the runtime the site ships (its trimmed stdlib); its output."""
    script.write_text(source)
    result = node("run", str(script), "--runtime", str(runtime))
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return result.stdout


def test_the_navigator_suite_passes_inside_pyodide(runtime, rules, tmp_path):
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(json.dumps(rules))
    wheels = download_test_wheels()
    result = node("pytest", "--runtime", str(runtime), "--wheels", str(wheels), "--tests", "tests/navigator",
                  "--rules", str(rules_file))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "under Pyodide 3.14" in output
    summary = re.search(r"(\d+) passed(?:, (\d+) skipped)?", output)
    assert summary, output[-2000:]
    passed, skipped = int(summary.group(1)), int(summary.group(2) or 0)
    assert passed >= 100 and " failed" not in output.splitlines()[-1]
    # Only the command-line tests (subprocesses) may be skipped in the browser runtime: as many as CPython
    # collects from their file.
    collected = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                                "tests/navigator/test_cli.py"], cwd=REPO, capture_output=True, text=True, timeout=120)
    cli_tests = int(re.search(r"(\d+) tests? collected", collected.stdout).group(1))
    assert skipped == cli_tests, (skipped, cli_tests)


def requests_for(rules: dict) -> list[str]:
    """A spread of real requests: every outcome, bad dates, and the calculator actions."""
    base = {"service": "council_service", "request_type": "complaint", "complainant": "self",
            "out_of_scope": ["none"], "happened": "2026-03-02", "found_out": "2026-03-02",
            "complained_yet": "yes", "complained": "2026-03-10"}
    answer_sets = [
        {},
        {"service": "children_social_care"},
        {**base},
        {**base, "stage": "stage1", "stage_received": "2026-03-10"},
        {**base, "service": "children_social_care", "stage": "stage2", "stage_received": "2026-06-01",
         "extended": "yes"},
        {**base, "service": "adults_social_care", "stage": "stage1", "stage_received": "2026-03-10",
         "responded": "2026-04-20"},
        {**base, "service": "send_iass"},
        {**base, "service": "broad_park_house"},
        {**base, "service": "social_care_unsure"},
        {**base, "service": "school"},
        {**base, "out_of_scope": ["court_proceedings", "councillors"]},
        {**base, "request_type": "first_request"},
        {**base, "complainant": "representative_without_permission"},
        {**base, "happened": "2024-02-29", "found_out": "2024-02-29", "complained": "2025-03-03"},
        {**base, "complained": {"day": "31", "month": "2", "year": "2026"}},
        {**base, "complained": {"day": "1", "month": "", "year": "2026"}},
        {**base, "complained": "2026-01-01"},
        {**base, "happened": "2027-06-01"},
    ]
    requests = [json.dumps({"action": "next", "today": TODAY, "answers": answers}) for answers in answer_sets]
    requests += [json.dumps(r) for r in [
        {"action": "add", "date": "2026-04-04", "days": 3},
        {"action": "add", "date": "2026-12-24", "days": 10},
        {"action": "between", "start": "2026-12-24", "end": "2027-01-04"},
        {"action": "holidays", "year": 2027},
        {"action": "add", "date": "2040-01-01", "days": 1},
        {"action": "first_question"},
        {"action": "nonsense"},
    ]]
    return ["not json at all", *requests]


def test_the_shipped_runtime_answers_exactly_as_cpython_does(runtime, rules, tmp_path):
    load = json.dumps({"action": "load", "rules": rules})
    requests = requests_for(rules)
    browser.handle(load)
    expected = [browser.handle(r) for r in requests]
    assert sum('"kind": "result"' in e or '"kind":"result"' in e for e in expected) >= 8
    output = run_in_shipped_runtime(runtime, tmp_path / "same_answers.py", (
        "import json, sys\n"
        "import navigator.browser as browser\n"
        f"browser.handle({load!r})\n"
        f"cases = json.loads({json.dumps(list(zip(requests, expected)))!r})\n"
        "different = [req for req, want in cases if browser.handle(req) != want]\n"
        "print(f'{len(cases) - len(different)} passed, {len(different)} failed')\n"
        "for req in different:\n"
        "    print('DIFFERENT:', req[:200])\n"
        "sys.exit(1 if different else 0)\n"))
    assert f"{len(requests)} passed, 0 failed" in output


def test_the_shipped_bytecode_is_lean_and_tracebacks_keep_line_numbers(runtime, tmp_path):
    """The stdlib zip leaves out docstrings, and it and the wheel leave out each instruction's
    columns (tools/pyodide_run.mjs loadCompiler): a smaller download. Line numbers stay."""
    output = run_in_shipped_runtime(runtime, tmp_path / "lean.py", (
        "import json, json.decoder, re, traceback\n"
        "import navigator.timeline\n"
        "def columns(function):\n"
        "    return {column for _, _, column, _ in function.__code__.co_positions()} - {None}\n"
        "assert json.__file__.startswith('/lib/python314.zip/'), json.__file__\n"
        "assert json.dumps.__doc__ is None, 'the stdlib kept its docstrings'\n"
        "assert not columns(json.decoder.JSONDecoder.raw_decode), 'the stdlib kept its columns'\n"
        "assert navigator.timeline.__cached__ and '__pycache__' in navigator.timeline.__cached__\n"
        "assert not columns(navigator.timeline.stage_timeline), 'the navigator kept its columns'\n"
        "try:\n"
        "    json.loads('{')\n"
        "except ValueError:\n"
        "    text = traceback.format_exc()\n"
        "assert re.search(r'json/decoder.py\", line [0-9]+, in raw_decode', text), text\n"
        "print('lean: ok')\n"))
    assert "lean: ok" in output
