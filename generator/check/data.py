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

from ..exceptions import ContentError
from ..validate import MISSING, convert
from ..yamlfile import LocatedData, parse_yaml


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
    errors: list[ContentError] = []
    values: dict = {}
    sources: dict[str, LocatedData] = {}
    for key, (relative, tp, what) in FILES.items():
        path = Path(root) / relative
        name = f"{Path(root).name}/{relative}"
        values[key] = []
        if not path.is_file():
            errors.append(ContentError(name, 0, f"this file is missing: {what}. Restore it from the last published version."))
            continue
        located, errs = parse_yaml(path.read_text(encoding="utf-8"), name)
        errors.extend(errs)
        if located is None:
            continue
        sources[relative] = located
        value = convert(tp, located.data, located, (), errors, what)
        if value is not MISSING and value is not None:
            values[key] = [v for v in value if v is not None]
    return CheckData(sources=sources, **values), errors
