"""Read YAML while remembering the line of every key and value.

PyYAML's ``safe_load`` forgets where things were. Validation needs the line to
tell an editor ``content/procedures/children.yaml:23: ...``, so we compose the
node tree ourselves and record a line for each path as we build plain Python
values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .exceptions import ContentError

Path = tuple  # a path into the data: keys and list indexes

# What git leaves in a file when two versions could not be merged; YAML's own message would not say so.
# Only the opening line: "=======" alone underlines a Markdown heading, and ">>>>>>>" can be a quote.
CONFLICT_MARKER = re.compile(r"^<{7}( |$)", re.MULTILINE)
CONFLICT_MESSAGE = ("this line is left from merging two versions (a conflict). Keep the right text and delete the "
                    "'<<<<<<<', '=======' and '>>>>>>>' lines.")



def conflict_error(text: str, file: str, line_offset: int = 0) -> ContentError | None:
    """The error for the first merge-conflict line in ``text`` (YAML or a page's text), if there is one."""
    conflict = CONFLICT_MARKER.search(text)
    if conflict is None:
        return None
    return ContentError(file, text[:conflict.start()].count("\n") + 1 + line_offset, CONFLICT_MESSAGE)


# libyaml's parser (shipped in PyYAML's wheels) is several times faster and keeps line marks too.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class LocatedData:
    """Plain data from one YAML document, plus the line of each path in it."""

    file: str
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    line_offset: int = 0

    def line(self, path: Path) -> int:
        """The line of ``path``, or of the nearest enclosing path we know."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1) + self.line_offset

    def error(self, path: Path, message: str) -> ContentError:
        return ContentError(self.file, self.line(path), message)


def parse_yaml(text: str, file: str, line_offset: int = 0) -> tuple[LocatedData | None, list[ContentError]]:
    """Parse ``text``; return the located data, or None and the syntax error."""
    conflict = conflict_error(text, file, line_offset)
    if conflict:
        return None, [conflict]
    loader = FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LocatedData(file, None, {(): 1}, line_offset), []
        located = LocatedData(file, None, {}, line_offset)
        errors: list[ContentError] = []
        located.data = _to_python(loader, node, (), located, errors)
        return located, errors
    except yaml.MarkedYAMLError as exc:
        line, message = _plain_yaml_error(exc, text, line_offset)
        return None, [ContentError(file, line + line_offset, message)]
    finally:
        loader.dispose()


def _to_python(loader, node, path, located, errors):
    located.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                errors.append(ContentError(located.file, key_node.start_mark.line + 1 + located.line_offset,
                                           f"'{key}' appears twice here; keep one."))
            located.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _to_python(loader, value_node, path + (key,), located, errors)
            # Keep the key's own line for the path: errors about a value point at its key.
            located.lines[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(loader, item, path + (i,), located, errors) for i, item in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:
        # A date that does not exist (2025-02-30): keep the text, so the schema says what it should be,
        # with the line, beside every other error in the run.
        return node.value


def _unclosed_quote_above(lines: list[str], line: int) -> int | None:
    """The line (1-based), at or up to 5 lines above ``line``, whose value opens a double quote it
    never closes: one where closing the quote makes the whole file valid YAML. None if there is none
    (a quoted text may run over several lines, so an odd number of quotes alone proves nothing)."""
    for number in range(line, max(0, line - 6), -1):
        text = lines[number - 1] if 0 < number <= len(lines) else ""
        value = text.split(": ", 1)[1] if ": " in text else text.strip().removeprefix("- ")
        if not (value.startswith('"') and (value.count('"') - value.count('\\"')) % 2):
            continue
        mended = lines[:number - 1] + [text.rstrip() + '"'] + lines[number:]
        try:
            yaml.compose("\n".join(mended), Loader=FAST_LOADER)
        except yaml.YAMLError:
            continue
        return number
    return None


def _indented_more_than_the_line_above(lines: list[str], line: int, column: int | None) -> bool:
    """True if ``line`` (1-based) is a ``key:`` line indented deeper than the line above, which has a
    value of its own (so nothing can be nested under it), and PyYAML stopped at the key's own ':'
    (``column``, 0-based); a ': ' later in the line is one in the text, which wants quotes instead."""
    if not 1 < line <= len(lines):
        return False
    here, above = lines[line - 1], next((t for t in reversed(lines[:line - 1]) if t.strip()), "")
    indent = lambda t: len(t) - len(t.lstrip(" "))  # noqa: E731
    return (indent(here) > indent(above) and ":" in here and column == here.index(":")
            and not above.rstrip().endswith(":") and not above.lstrip().startswith("#"))


def _key_indent(text: str) -> int:
    """Where a line's setting starts: in "  - id: x", at "id" (4)."""
    spaces = len(text) - len(text.lstrip(" "))
    return spaces + 2 if text.lstrip(" ").startswith("- ") else spaces


def _reads_as_a_setting(text: str, line: int, list_item: bool) -> bool:
    """True if PyYAML reads ``line`` (1-based) as a setting, or with ``list_item`` as a list's item, and
    gets past that line: not text taken into a ``>`` or ``|`` text above it, nor stopped there again."""
    frames: list[list[bool]] = []  # per open mapping or list: [is a mapping, its next node is a name]
    found = False
    try:
        for event in yaml.parse(text, Loader=FAST_LOADER):
            if found and event.start_mark.line > line - 1:
                return True
            if isinstance(event, yaml.CollectionEndEvent):
                frames.pop()
            elif isinstance(event, yaml.NodeEvent):
                is_name = bool(frames) and frames[-1][0] and frames[-1][1]
                if event.start_mark.line == line - 1 and not found:
                    # the line's first node: a setting's name (or a list item's, "- id: x"), or a list's item
                    if not (is_name or list_item and frames and not frames[-1][0]):
                        return False
                    found = True
                if frames and frames[-1][0]:
                    frames[-1][1] = not frames[-1][1]  # a mapping's nodes go name, value, name, ...
                if isinstance(event, yaml.CollectionStartEvent):
                    frames.append([isinstance(event, yaml.MappingStartEvent), True])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return found and bool(mark) and mark.line > line - 1
    except yaml.YAMLError:
        return False
    return found


def _spaces(n: int) -> str:
    return f"{n} space" if n == 1 else f"{n} spaces"


def _misaligned(lines: list[str], line: int) -> list[tuple[int, int]]:
    """If ``line`` (1-based) is not lined up with the settings (or list items) it belongs with: for the
    nearest level further right and the nearest further left, each still open above it, where PyYAML
    then reads it as a setting and goes on past it, that level's indent (of its setting: "id" in
    "  - id: x") and the line of a setting there; of those, the one nearer to where it is, or both.
    PyYAML says only that it "did not find expected key" or a '-' indicator. Two parses at most; each
    reads only as far as the line after next."""
    if not 1 < line <= len(lines) or not lines[line - 1].strip():
        return []
    here = lines[line - 1]
    own = _key_indent(here)
    levels = []  # (indent, line): going up, each line that starts further left than any below it
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if not levels or _key_indent(text) < levels[-1][0]:
            levels.append((_key_indent(text), number))
    right = [level for level in levels if level[0] > own][-1:]  # the nearest of each: levels go leftwards
    left = [level for level in levels if level[0] < own][:1]
    found = []
    for indent, number in right + left:
        shift = indent - own
        if shift < 0 and here[:-shift].strip():
            continue
        moved = " " * shift + here if shift > 0 else here[-shift:]
        text = "\n".join(lines[:line - 1] + [moved] + lines[line:line + 2])
        if _reads_as_a_setting(text, line, here.lstrip().startswith("- ")):
            found.append((indent, number))
    # The nearer only: a line 3 spaces in reads as a top-level setting too, but was not meant as one.
    # Both, if as near: a space too many or too few cannot be told apart.
    nearest = min((abs(indent - own) for indent, _ in found), default=0)
    return [place for place in found if abs(place[0] - own) == nearest]


def _where_to_indent(lines: list[str], line: int, places: list[tuple[int, int]], line_offset: int) -> str:
    """The message for ``_misaligned``'s places: which way it is out, and each indent it could have."""
    item = lines[line - 1].lstrip().startswith("- ")
    own = _key_indent(lines[line - 1])
    ways = []
    for indent, number in places:
        if item:
            dash = indent - 2
            like = next((n for n in range(line - 1, 0, -1) if lines[n - 1].startswith(" " * dash + "- ")), None)
            way = f"indent its '-' by {_spaces(dash)}" if dash else "start its '-' at the beginning of the line"
            ways.append(way + (f", like the '-' on line {like + line_offset}" if like else ""))
        else:
            name = lines[number - 1].strip().removeprefix("- ").split(":", 1)[0]
            way = f"indent it by {_spaces(indent)}" if indent else "start it at the beginning of the line"
            ways.append(f"{way}, like '{name}' on line {number + line_offset}")
    what = "this list item" if item else "this line"
    than = "the one before it" if item else "the settings it belongs with"
    how = ("is not lined up with" if len(places) > 1 else
           "is indented less than" if places[0][0] > own else "is indented more than")
    advice = ", or ".join(ways) + (", whichever it belongs with" if len(ways) > 1 else "")
    return f"{what} {how} {than}. {advice[0].upper()}{advice[1:]}."


def _line_without_its_colon(lines: list[str], line: int, same_indent: bool) -> int | None:
    """The number of a line near ``line`` that looks like a setting without its ':' ("reason Council
    offices closed"), or None. PyYAML reads it and the next line as one text and stops on the next
    line (or, on a comment, the one after). So: ``line`` itself, unless ``same_indent``, then the
    nearest line above it that is not blank or a comment. With ``same_indent`` that line must be
    indented as ``line`` is: one indented more is a long text going on, which is valid."""
    def colon_less(n: int) -> bool:
        stripped = lines[n - 1].strip().removeprefix("- ")
        return bool(re.match(r"[a-z_]+ \S", stripped)) and ":" not in stripped

    def above(n: int) -> int | None:
        n -= 1
        while n > 0 and (not lines[n - 1].strip() or lines[n - 1].strip().startswith("#")):
            n -= 1
        return n if n > 0 else None

    def mends_it(n: int) -> bool:
        """With the ':' put in, the file reads, or reads past ``line``: a wrapped text whose later line
        has ': ' in it is not mended by that, and keeps its own message."""
        mended = lines[:n - 1] + [re.sub(r"^(\s*(?:- )?[a-z_]+) ", r"\1: ", lines[n - 1], count=1)] + lines[n:]
        try:
            yaml.safe_load("\n".join(mended))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            return bool(mark) and mark.line + 1 > line
        except yaml.YAMLError:
            return False
        return True

    if not 0 < line <= len(lines):
        return None
    if not same_indent and colon_less(line) and mends_it(line):
        return line
    n = above(line)
    if n is None or not colon_less(n):
        return None
    if same_indent and _key_indent(lines[n - 1]) != _key_indent(lines[line - 1]):
        return None
    return n if mends_it(n) else None


def _plain_yaml_error(exc: yaml.MarkedYAMLError, text: str = "", line_offset: int = 0) -> tuple[int, str]:
    """The line to look at and what is wrong there, in words an editor can act on. (``line_offset``:
    where ``text`` starts in its file, for other lines the message names.)"""
    problem = exc.problem or exc.context or "not valid YAML"
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    if exc.context and exc.context.startswith("while parsing a flow") and exc.context_mark:
        bracket = "{" if "mapping" in exc.context else "["
        closing = "}" if bracket == "{" else "]"
        return exc.context_mark.line + 1, (f"this is not valid YAML: the '{bracket}' on this line is not closed. "
                                           f"Add '{closing}' at the end of the line.")
    lines = text.split("\n")
    quoted = _unclosed_quote_above(lines, line)
    if quoted:
        # PyYAML notices an open quote only where the text runs into the next key, lines later.
        return quoted, ("this is not valid YAML: the '\"' on this line is not closed. Add '\"' at the end of the "
                        "text, or take the quote out.")
    # Before the indentation check: "  - id stage1" over "    number: 1" looks indented, but lost its ':'.
    no_colon = _line_without_its_colon(lines, line, same_indent="mapping values are not allowed" in problem)
    if no_colon and ("mapping values are not allowed" in problem or "could not find expected ':'" in problem):
        # "name Broad Park House" above "phone: ...": PyYAML reads the two as one text, and stops at the
        # second line's ':' (or, further down, where it expected one), not at the line that lost its colon.
        return no_colon, ("this is not valid YAML: this line has no ':' after its name. Write it like "
                          "'name: value'.")
    if "mapping values are not allowed" in problem:
        if _indented_more_than_the_line_above(lines, line, mark.column if mark else None):
            return line, ("this is not valid YAML: this line is indented more than the line above. Line it up "
                          "with the line above.")
        return line, ("this is not valid YAML: there is a ':' where one is not allowed. If the text contains ': ', "
                      "put the whole text in quotes.")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "'\\t'" in problem or "\\t" in problem or "tab character" in problem or (
            "cannot start any token" in problem and "\t" in here[:len(here) - len(here.lstrip())]):
        return line, "this is not valid YAML: there is a tab character. Indent with spaces."
    places = _misaligned(lines, line)
    if places:
        return line, "this is not valid YAML: " + _where_to_indent(lines, line, places, line_offset)
    return line, (f"this is not valid YAML: {problem}. "
                  "Check the indentation and that any text containing ': ' or '#' is in quotes.")
