"""The README's example of what the build says about bad content is the build's real output, so it
cannot drift as the content moves (its line numbers change with every edit above them)."""
from __future__ import annotations

import re

from sitebuild import REPO, replace_in, run_build


def readme_example() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### When something is wrong", 1)[1]
    block = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    return block.group(1).strip("\n").split("\n")


def test_the_readme_shows_what_the_build_says(content_copy, tmp_path):
    # "with `respond` misspelt `respnd` in corporate stage 1 and `{{ ombudsman.time_limits }}` in `ombudsman.md`"
    corporate = content_copy / "procedures" / "corporate.yaml"
    text = corporate.read_text(encoding="utf-8")
    stage1 = text.index("  - id: stage1")
    respond = text.index("    respond:", stage1)
    corporate.write_text(text[:respond] + "    respnd:" + text[respond + len("    respond:"):], encoding="utf-8")
    replace_in(content_copy / "pages" / "ombudsman.md", "{{ ombudsman.time_limit }}", "{{ ombudsman.time_limits }}")
    site = tmp_path / "site"
    result = run_build(content_copy, site)
    assert result.returncode == 1
    said = [line.replace(f"{content_copy.parent}/", "") for line in result.stderr.splitlines()]
    assert said == readme_example()
