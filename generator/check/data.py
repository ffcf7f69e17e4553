"""The check's own content files, declared like :mod:`generator.schema`.

- ``content/policy_timescales.yaml``: every timescale the policy text states,
  and the figure in the data it describes.
- ``content/discrepancies.yaml``: known, explained differences between the
  policy, the data and the other published pages.
- ``content/words_to_avoid.yaml``: the plain-English list (GOV.UK style).

They are read with the same validator as the rest of ``content/``, so a
mistake in them is reported as ``file:line: message`` too.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..content import ContentReader
from ..exceptions import ContentError
from ..yamlfile import LocatedData


@dataclass(kw_only=True)
class PolicyTimescale:
    section: str
    """The policy section or paragraph the timescale is in, as the check names it: "11.2" or "App. 1 para 6b"."""
    says: str
    """The timescale as the policy writes it, for example "ten working days"."""
    figure: Optional[str] = None
    """The figure it describes: a data file and the path to the number, for example "procedures/corporate.yaml stages.stage1.respond.working_days"."""
    discrepancy: Optional[str] = None
    """The id of an entry in discrepancies.yaml that explains why the policy and the data differ here."""


@dataclass(kw_only=True)
class Says:
    source: str
    """Where it is said: the policy section, a data file, or a published page."""
    says: str
    """What that source says, in its own words."""


@dataclass(kw_only=True)
class Discrepancy:
    id: str
    """A short id, used by policy_timescales.yaml."""
    about: str
    """What the difference is about, in a few words."""
    sources: list[Says]
    """Each place and what it says."""
    wins: str
    """Which source the site follows."""
    why: str
    """Why that source wins, and what should happen to the other."""
    status: str = "open"
    """open while the other source still says something different; resolved when it has been fixed."""
    figure: Optional[str] = None
    """The data figure the site uses for this, as in policy_timescales.yaml (optional)."""
    value: Optional[int] = None
    """The value the winning source gives; the check warns if the figure in the data no longer says this."""


@dataclass(kw_only=True)
class WordToAvoid:
    word: str
    """The word or phrase to avoid, in lower case."""
    instead: str
    """What to write instead."""


@dataclass
class CheckData:
    timescales: list[PolicyTimescale]
    discrepancies: list[Discrepancy]
    words: list[WordToAvoid]
    sources: dict[str, LocatedData]


FILES = {"timescales": ("policy_timescales.yaml", list[PolicyTimescale], "the policy timescales table"),
         "discrepancies": ("discrepancies.yaml", list[Discrepancy], "the known discrepancies"),
         "words": ("words_to_avoid.yaml", list[WordToAvoid], "the words to avoid")}


def load_check_data(root: Path) -> tuple[CheckData, list[ContentError]]:
    """Read the three files; a missing or broken file gives an empty list and an error."""
    root = Path(root)
    read = ContentReader(root)  # the same reading, line numbers and messages as the rest of content/
    values: dict = {}
    for key, (relative, tp, what) in FILES.items():
        path = root / relative
        values[key] = []
        if not path.is_file():
            read.errors.append(ContentError(read.name(path), 0, f"this file is missing: {what}. "
                                            "Restore it from the last published version."))
            continue
        value = read.typed(relative, tp, what)
        values[key] = [v for v in value or [] if v is not None]
    sources = {relative: read.sources[read.name(root / relative)] for relative, _, _ in FILES.values()
               if read.name(root / relative) in read.sources}
    return CheckData(sources=sources, **values), read.errors
