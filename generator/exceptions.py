"""Errors the build reports to the person editing ``content/``.

Who raises what:

- :class:`ContentError` is one problem at one place (file and line). Loaders
  and validators collect these; they never raise them one at a time.
- :class:`ContentErrors` is raised once, by :func:`generator.content.load_content`,
  with every problem found in the run, so an editor sees them all at once.
- :class:`BuildError` is a problem that is not about the content, for example
  a missing runtime file; it carries one plain sentence.

The command line prints these as ``file:line: message`` and exits non-zero
without a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one content file, at one line (1-based; 0 if unknown)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class ContentErrors(Exception):
    """Every content problem found in one run."""

    def __init__(self, errors: list[ContentError]):
        # The data (YAML) before the pages: a page's shortcode errors often follow from a mistake in the
        # data, such as a duplicated stage id, and the cause should be read first.
        self.errors = sorted(set(errors), key=lambda e: (e.file.endswith(".md"), e))
        super().__init__("\n".join(str(e) for e in self.errors))


class BuildError(Exception):
    """A problem with the build itself, described in one sentence."""
