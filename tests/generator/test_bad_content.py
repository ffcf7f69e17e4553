"""Each kind of bad content gets its own message, with file and line, and the
last good site/ survives (issue 2: "Clear errors, nothing lost")."""
from __future__ import annotations

import pytest

from sitebuild import replace_in, run_build, tree_digest


CASES = [
    pytest.param(
        "procedures/corporate.yaml", "    respond: {working_days: 10, section: \"11.2\"}\n",
        "    respond: {working_days: 10, section: \"11.2\"\n",
        "    respond: {working_days: 10,",
        ["content/procedures/corporate.yaml:{line}: this is not valid YAML: the '{{' on this line is not closed. "
         "Add '}}' at the end of the line."],
        id="broken YAML syntax"),
    pytest.param(
        "procedures/corporate.yaml", "    if_late: If we cannot", "    if_lat: If we cannot", "if_lat:",
        ["content/procedures/corporate.yaml:{line}: 'if_lat' is not a setting the entry 'stage1' in 'stages' can have. "
         "Did you mean 'if_late'? It can have: id, number, name, respond, acknowledge, panel_within, if_late, "
         "if_late_section, grounds, grounds_section, after, after_contact, after_section."],
        id="unknown key"),
    pytest.param(
        "procedures/adults.yaml", "    respond: {working_days: 20, section: \"App. 2 para 7-8\"}\n", "",
        "  - id: stage1",
        ["content/procedures/adults.yaml:{line}: the entry 'stage1' in 'stages' is missing 'respond': "
         "how many working days we have to reply at this stage."],
        id="missing figure"),
    pytest.param(
        "procedures/corporate.yaml", "acknowledge: {working_days: 3,", "acknowledge: {working_days: three,",
        "acknowledge: {working_days: three,",
        ["content/procedures/corporate.yaml:{line}: 'working_days' should be a whole number, like 10, not 'three'."],
        id="wrong type"),
    pytest.param(
        "services.yaml", "  contact: send_iass\n", "  contact: send_ias\n", "  contact: send_ias",
        ["content/services.yaml:{line}: 'send_ias' is not a contact in contacts.yaml. Use one of: broad_park_house, "
         "childrens_rights_officer, councillors_and_mps, hate_crime, ico, lgsco, ofsted, send_iass, "
         "service_recovery_team, speak_up."],
        id="bad reference"),
    pytest.param(
        "pages/ombudsman.md", "{{ ombudsman.time_limit }}", "{{ ombudsman.time_limits }}", "{{ ombudsman.time_limits }}",
        ["content/pages/ombudsman.md:{line}: the shortcode {{{{ ombudsman.time_limits }}}} is wrong: "
         "'ombudsman.time_limits' does not exist: ombudsman has no 'time_limits'."],
        id="bad shortcode"),
    pytest.param(
        "pages/index.md", "(what-is-a-complaint.md)", "(what-is-a-complain.md)", "(what-is-a-complain.md)",
        ["content/pages/index.md:{line}: the link to 'what-is-a-complain.md' goes nowhere: "
         "there is no page content/pages/what-is-a-complain.md."],
        id="link to a missing page"),
]


@pytest.mark.parametrize("relative, old, new, line_of, expected", CASES)
def test_bad_content_is_reported_and_site_survives(content_copy, tmp_path, relative, old, new, line_of, expected):
    site = tmp_path / "site"
    assert run_build(content_copy, site).returncode == 0
    before = tree_digest(site)

    path = content_copy / relative
    replace_in(path, old, new)
    # The line the message must name: where line_of is in the changed file (after its leading newlines).
    text = path.read_text(encoding="utf-8")
    line = text.split(line_of, 1)[0].count("\n") + 1 + len(line_of) - len(line_of.lstrip("\n"))
    result = run_build(content_copy, site)

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:-1] == [e.format(line=line) for e in expected]
    assert lines[-1] == f"The site was not built: 1 problem in content/. {site}/ is unchanged."
    assert "Traceback" not in result.stderr
    assert tree_digest(site) == before


def test_every_problem_is_reported_in_one_run(content_copy, tmp_path):
    replace_in(content_copy / "procedures/corporate.yaml", "contact: speak_up", "contact: speakup")
    replace_in(content_copy / "procedures/children.yaml", "name: Review panel", "name: Review panel: the last one")
    replace_in(content_copy / "pages/ombudsman.md", "{{ ombudsman.time_limit }}", "{{ ombudsman.time_limit | weeks }}")
    replace_in(content_copy / "policy.yaml", "date: 2024-01-31", "date: January 2024")
    result = run_build(content_copy, tmp_path / "site")
    assert result.returncode == 1
    files = [line.split(":")[0] for line in result.stderr.splitlines()[:-1]]
    assert files == ["content/pages/ombudsman.md", "content/policy.yaml",
                     "content/procedures/children.yaml", "content/procedures/corporate.yaml"]
    assert result.stderr.splitlines()[-1].startswith("The site was not built: 4 problems")
    assert not (tmp_path / "site").exists()


def test_a_page_that_needs_a_removed_figure_is_named(content_copy, tmp_path):
    """An optional figure (an acknowledgement time) removed from the YAML: every page showing it says so."""
    replace_in(content_copy / "procedures/children.yaml",
               "    acknowledge: {working_days: 2, section: \"App. 1 para 6c\"}\n", "")
    result = run_build(content_copy, tmp_path / "site")
    page = (content_copy / "pages/childrens-social-care.md").read_text(encoding="utf-8")
    line = page.split("{{ children.stage3.acknowledge }}")[0].count("\n") + 1
    assert result.stderr.splitlines()[0] == (
        f"content/pages/childrens-social-care.md:{line}: the shortcode {{{{ children.stage3.acknowledge }}}} is wrong: "
        "'children.stage3.acknowledge' is not set in the content, so it cannot be shown.")


def test_a_colon_in_text_is_explained(content_copy, tmp_path):
    replace_in(content_copy / "procedures/children.yaml", "name: Review panel", "name: Stage 3: review panel")
    result = run_build(content_copy, tmp_path / "site")
    line = (content_copy / "procedures/children.yaml").read_text().split("name: Stage 3:")[0].count("\n") + 1
    assert result.stderr.splitlines()[0] == (
        f"content/procedures/children.yaml:{line}: this is not valid YAML: there is a ':' where one is not allowed. "
        "If the text contains ': ', put the whole text in quotes.")


def test_a_missing_file_is_named(content_copy, tmp_path):
    (content_copy / "ombudsman.yaml").unlink()
    result = run_build(content_copy, tmp_path / "site")
    assert result.stderr.splitlines()[0] == (
        "content/ombudsman.yaml:0: this file is missing. Restore it from the last published version.")
