"""Shared fixtures: a throwaway copy of content/, and a build of the real content.

(pytest puts this folder on sys.path, so tests import helpers from sitebuild.py.)
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitebuild import CONTENT, run_build


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of content/ the test may change. Its folder is called content, as in the repo."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content, built once for the page checks."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = run_build(CONTENT, site)
    assert result.returncode == 0, result.stderr
    return site
