"""The public "What changed in this review" page and `python -m generator snapshot`."""
from __future__ import annotations

import subprocess
import sys

from sitebuild import replace_in
from sitebuild import REPO, run_build


def test_nothing_changed_since_the_snapshot(built_site):
    page = (built_site / "what-changed/index.html").read_text()
    assert "No timescale or time limit has changed since the version published on 23 November 2026." in page


def test_snapshot_then_change(content_copy, tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "snapshot", "--content", str(content_copy),
                             "--today", "2027-01-15"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0 and "published on 2027-01-15" in result.stdout
    replace_in(content_copy / "procedures/corporate.yaml", "escalate_within: {working_days: 20,",
               "escalate_within: {working_days: 25,")
    replace_in(content_copy / "ombudsman.yaml", "counts_from: found_out", "counts_from: happened")
    assert run_build(content_copy, tmp_path / "site").returncode == 0
    page = (tmp_path / "site/what-changed/index.html").read_text().replace("&#39;", "'")
    assert "Since the version published on 15 January 2027:" in page
    assert "Corporate complaints: you now have 25 working days to ask for the next stage (was 20)." in page
    assert ("The Ombudsman: the 12 months to complain now count from when the problem happened "
            "(was from when you found out about the problem).") in page
