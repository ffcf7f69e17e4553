"""Each kind of bad content gets its own message, with file and line, and the
last good site/ survives (issue 2: "Clear errors, nothing lost")."""
from __future__ import annotations

import pytest

from sitebuild import CONTENT, replace_in, run_build, tree_digest


CASES = [
    pytest.param(
        "contacts.yaml", "  email: servicerecoveryteam@", "   email: servicerecoveryteam@", "   email: servicerecovery",
        ["content/contacts.yaml:{line}: this is not valid YAML: this line is indented more than the line above. "
         "Line it up with the line above."],
        id="a line indented too far"),
    pytest.param(
        "procedures/corporate.yaml", "    name: Service investigation review", "   name: Service investigation review",
        "   name: Service investigation review",
        ["content/procedures/corporate.yaml:{line}: this is not valid YAML: this line is indented less than the "
         "settings it belongs with. Indent it by 4 spaces, like 'number' on line 34."],
        id="a line not indented far enough"),
    pytest.param(
        # the line above is a level deeper ('section' under 'formal_on_request'): lining up with it would be wrong
        "procedures/corporate.yaml", "  before_next_stage:", " before_next_stage:", " before_next_stage:",
        # one space in: as near to 'formal_on_request' as to 'informal', so both are offered
        ["content/procedures/corporate.yaml:{line}: this is not valid YAML: this line is not lined up with the "
         "settings it belongs with. Indent it by 2 spaces, like 'formal_on_request' on line 12, or start it at the "
         "beginning of the line, like 'informal' on line 9, whichever it belongs with."],
        id="a line not indented far enough, under a deeper one"),
    pytest.param(
        # a space too many: lining it up with the line above ('discretion', under 'time_limit') is one way
        "procedures/corporate.yaml", "\nescalate_within:", "\n escalate_within:", "\n escalate_within:",
        ["content/procedures/corporate.yaml:{line}: this is not valid YAML: this line is not lined up with the "
         "settings it belongs with. Indent it by 2 spaces, like 'discretion' on line 22, or start it at the "
         "beginning of the line, like 'time_limit' on line 18, whichever it belongs with."],
        id="a top-level line with a space in front"),
    pytest.param(
        "procedures/corporate.yaml", "      - We got council policy wrong.", "     - We got council policy wrong.",
        "     - We got council policy wrong.",
        ["content/procedures/corporate.yaml:{line}: this is not valid YAML: this list item is indented less than the "
         "one before it. Indent its '-' by 6 spaces, like the '-' on line 43."],
        id="a list of texts with an item not indented far enough"),
    pytest.param(
        "procedures/corporate.yaml", "  - id: stage2", " - id: stage2", " - id: stage2",
        ["content/procedures/corporate.yaml:{line}: this is not valid YAML: this list item is indented less than the "
         "one before it. Indent its '-' by 2 spaces, like the '-' on line 25."],
        id="a list item not indented far enough"),
    pytest.param(
        # indenting it as the text above would make it part of that text, with no error: so no such advice
        "pages/how-to-complain.md", "description: Find out the ways", "description: >\n  Find out\n the ways",
        " the ways",
        ["content/pages/how-to-complain.md:{line}: this is not valid YAML: did not find expected key. Check the "
         "indentation and that any text containing ': ' or '#' is in quotes."],
        id="a line under a folded text is not told to join it"),
    pytest.param(
        # PyYAML finds this two lines further down, where the text runs into the next key
        "contacts.yaml", "  name: Service Recovery Team", '  name: "Service Recovery Team', '  name: "Service',
        ["content/contacts.yaml:{line}: this is not valid YAML: the '\"' on this line is not closed. Add '\"' at "
         "the end of the text, or take the quote out."],
        id="a quote not closed"),
    pytest.param(
        # a ': ' in the text of a list item's second key is not an indentation slip
        "navigator.yaml", "    label: A comment or suggestion", "    label: Comment: a suggestion",
        "    label: Comment: a suggestion",
        ["content/navigator.yaml:{line}: this is not valid YAML: there is a ':' where one is not allowed. If the text "
         "contains ': ', put the whole text in quotes."],
        id="a colon in the text"),
    pytest.param(
        # a quoted text over two lines is valid YAML: the tab below it is the problem, not the quote
        "contacts.yaml", "  name: Service Recovery Team\n  email:", '  name: "Service Recovery\n    Team"\n\temail:',
        "\temail:",
        ["content/contacts.yaml:{line}: this is not valid YAML: there is a tab character. Indent with spaces."],
        id="a tab under a quoted text over two lines"),
    pytest.param(
        "calendar.yaml", "closure_days:\n",
        "closure_days:\n  - {date: 2026-12-29, reason: Christmas closure}\n"
        "  - {date: 2026-12-29, reason: Christmas closure again}\n",
        "  - {date: 2026-12-29, reason: Christmas closure again}",
        ["content/calendar.yaml:{line}: 2026-12-29 is listed twice as a closure day: remove one, or correct its date."],
        id="a closure day listed twice"),
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
         "if_late_section, new_date_if_late, grounds, grounds_section, after, after_contact, after_section."],
        id="unknown key"),
    pytest.param(
        "procedures/adults.yaml", "    respond: {working_days: 20, aim: true, section: \"App. 2 para 7-8\"}\n", "",
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
         "childrens_rights_officer, council_website, councillors_and_mps, hate_crime, ico, lgsco, ofsted, "
         "police_non_emergency, send_iass, service_recovery_team, speak_up."],
        id="bad reference"),
    pytest.param(
        "pages/ombudsman.md", "{{ ombudsman.time_limit }}", "{{ ombudsman.time_limits }}", "{{ ombudsman.time_limits }}",
        ["content/pages/ombudsman.md:{line}: the shortcode {{{{ ombudsman.time_limits }}}} is wrong: "
         "'ombudsman.time_limits' does not exist: ombudsman has no 'time_limits'. Did you mean "
         "'ombudsman.time_limit'?"],
        id="bad shortcode"),
    # A setting that lost its ':'. PyYAML reads it and the next line as one text, and stopped on the next
    # line (or after a comment), blaming a ':' that is right.
    pytest.param(
        "contacts.yaml", "  name: Broad Park House", "  name Broad Park House", "  name Broad Park House",
        ["content/contacts.yaml:{line}: this is not valid YAML: this line has no ':' after its name. Write it like "
         "'name: value'."],
        id="a missing colon, above a setting"),
    pytest.param(
        "procedures/corporate.yaml", "    if_late: If we cannot", "    if_late If we cannot", "    if_late If",
        ["content/procedures/corporate.yaml:{line}: this is not valid YAML: this line has no ':' after its name. "
         "Write it like 'name: value'."],
        id="a missing colon, PyYAML stopping a line later"),
    pytest.param(
        "calendar.yaml", "closure_days:\n", "closure_days:\n  - date: 2026-12-29\n    reason Christmas closure\n",
        "    reason Christmas",
        ["content/calendar.yaml:{line}: this is not valid YAML: this line has no ':' after its name. Write it like "
         "'name: value'."],
        id="a missing colon, above a comment"),
    pytest.param(
        "procedures/corporate.yaml", "  - id: stage1", "  - id stage1", "  - id stage1",
        ["content/procedures/corporate.yaml:{line}: this is not valid YAML: this line has no ':' after its name. "
         "Write it like 'name: value'."],
        id="a missing colon in a list item"),
    pytest.param(
        # wrapped text with ': ' on a later line: the colon is the problem, not the line above
        "navigator.yaml", "    answer: We cannot consider a complaint made for someone without their permission. Ask them",
        "    answer: We cannot consider a complaint made\n      for someone without permission, and\n"
        "      we ask them. Note: ask them. Ask them",
        "      we ask them. Note:",
        ["content/navigator.yaml:{line}: this is not valid YAML: there is a ':' where one is not allowed. If the text "
         "contains ': ', put the whole text in quotes."],
        id="a colon in wrapped text is not a missing colon above it"),
    pytest.param(
        "pages/childrens-social-care.md", "title: Complaints", "title Complaints", "title Complaints",
        ["content/pages/childrens-social-care.md:{line}: this is not valid YAML: this line has no ':' after its "
         "name. Write it like 'name: value'."],
        id="a missing colon in front matter"),
    # Mistakes that used to be published as they were, or stopped the build with a traceback
    pytest.param(
        "pages/index.md", "last_reviewed: 2026-11-23", "last_reviewed: \"2026-11-23\"", "last_reviewed:",
        ["content/pages/index.md:{line}: 'last_reviewed' should be a date without quotes: write 2026-11-23, not "
         "'2026-11-23'."],
        id="a real date in quotes"),
    pytest.param(
        "procedures/children.yaml", "respond: {working_days: 25,", "respond: {working_days: \"27\",",
        "respond: {working_days: \"27\"",
        ["content/procedures/children.yaml:{line}: 'working_days' should be a whole number without quotes: write 27, "
         "not '27'."],
        id="a number in quotes"),
    pytest.param(
        # still looks like a phone number, so residents would ring the wrong one
        "contacts.yaml", "  phone: 024 7661 5254\n", "  phone: 024 7661 52544\n", "  phone: 024 7661 52544",
        ["content/contacts.yaml:{line}: '024 7661 52544' has 12 digits: a UK phone number has 10 or 11, starting "
         "with 0, like \"024 7683 3333\". Check it for a digit missing or one too many."],
        id="a phone number with a digit too many"),
    pytest.param(
        # 10 digits looks like a UK number, but not for 024 (policy team's trial run)
        "contacts.yaml", "  phone: 024 7661 5254\n", "  phone: 024 7661 525\n", "  phone: 024 7661 525",
        ["content/contacts.yaml:{line}: '024 7661 525' has a digit missing: a number starting 02 has 11 digits from "
         "its 0, like \"024 7683 3333\"."],
        id="a 024 number with a digit missing"),
    pytest.param(
        # was built as href="mailto:mailto:iass@..."
        "contacts.yaml", "  email: iass@coventry.gov.uk\n", "  email: mailto:iass@coventry.gov.uk\n",
        "  email: mailto:",
        ["content/contacts.yaml:{line}: 'mailto:iass@coventry.gov.uk': write the address alone, without 'mailto:'. "
         "The site makes it a link itself."],
        id="an email written as a mailto: link"),
    pytest.param(
        "contacts.yaml", "  email: iass@coventry.gov.uk\n", "  email: iasscoventry.gov.uk\n", "  email: iasscov",
        ["content/contacts.yaml:{line}: 'iasscoventry.gov.uk' has no @: an email address looks like "
         "\"speakup@coventry.gov.uk\"."],
        id="an email without its @"),
    pytest.param(
        # one message, not one more for each of the 16 places a page shows it with '| link'
        "contacts.yaml", "  email: speakup@coventry.gov.uk\n", "  email: speakupcoventry.gov.uk\n", "  email: speakupcov",
        ["content/contacts.yaml:{line}: 'speakupcoventry.gov.uk' has no @: an email address looks like "
         "\"speakup@coventry.gov.uk\"."],
        id="a bad email that pages show"),
    pytest.param(
        # it starts https://: the problem is the space
        "contacts.yaml", "  web: https://www.coventry.gov.uk/speakup\n", "  web: https://www.coventry.gov.uk/speak up\n",
        "  web: https://www.coventry.gov.uk/speak up",
        ["content/contacts.yaml:{line}: 'https://www.coventry.gov.uk/speak up' has a space in it: a web address has "
         "none. Check it."],
        id="a web address with a space"),
    pytest.param(
        # published as a second h1 (policy team's trial run)
        "pages/who-can-complain.md", "## Help from a councillor or MP", "# Help from a councillor or MP",
        "# Help from a councillor",
        ["content/pages/who-can-complain.md:{line}: '# Help from a councillor or MP' is a top-level heading, but the "
         "page's title is its only one. Write '## Help from a councillor or MP' for a section."],
        id="a top-level heading in a page"),
    pytest.param(
        # one error, not one more for every link to the page from the others ("there is no page ...")
        "pages/childrens-social-care.md", "call 999.\n---\n", "call 999.\n", "---",
        ["content/pages/childrens-social-care.md:{line}: the front matter block has no closing '---' line."],
        id="front matter not closed"),
    pytest.param(
        # the contact card lost its phone number without a word
        "contacts.yaml", "  phone: 024 7661 5254\n", "  phone:\n", "  phone:\n",
        ["content/contacts.yaml:{line}: 'phone' is empty: write what it should be, or delete the line if there is "
         "none."],
        id="a phone number left blank"),
    pytest.param(
        # an empty cell in the table of closure days
        "calendar.yaml", "closure_days:\n", "closure_days:\n  - date: 2026-12-29\n    reason: \"\"\n",
        "    reason:",
        ["content/calendar.yaml:{line}: 'reason' is empty: write what it should be."],
        id="a closure day with a blank reason"),
    pytest.param(
        "pages/childrens-social-care.md", "within {{ children.stage2.respond }}.", "within { children.stage2.respond }}.",
        "We aim to finish within",
        ["content/pages/childrens-social-care.md:{line}: a shortcode is not opened: every '}}}}' needs a '{{{{' "
         "before it on the same line."],
        id="a shortcode with one opening brace"),
    pytest.param(
        "pages/childrens-social-care.md", "within {{ children.stage2.respond }}.", "within { children.stage2.respond }.",
        "We aim to finish within",
        ["content/pages/childrens-social-care.md:{line}: {{ children.stage2.respond }} has one brace on each side, so "
         "it would be published as it is: a shortcode needs two, like {{{{ corporate.stage1.respond }}}}."],
        id="a shortcode in single braces"),
    pytest.param(
        "pages/childrens-social-care.md", "within {{ children.stage2.respond }}.", "within {{ children.stage2.respond }}}.",
        "We aim to finish within",
        ["content/pages/childrens-social-care.md:{line}: a shortcode has a brace too many: write two on each side, "
         "like {{{{ corporate.stage1.respond }}}}."],
        id="a shortcode with three closing braces"),
    pytest.param(
        # Not read as one shortcode running on to the next one's '}}'
        "pages/childrens-social-care.md", "within {{ children.stage2.respond }}.", "within {{ children.stage2.respond }.",
        "We aim to finish within",
        ["content/pages/childrens-social-care.md:{line}: a shortcode is not closed: every '{{{{' needs a '}}}}' on the "
         "same line."],
        id="a shortcode with one closing brace"),
    pytest.param(
        "contacts.yaml", "  phone: 0300 061 0614", "  phone: 03000610614", "  phone: 03000610614",
        ["content/contacts.yaml:{line}: 'phone' should be text in quotes, like \"12.10\" or \"0300 061 0614\": "
         "without quotes, a number loses its leading and trailing zeros."],
        id="a phone number without quotes (YAML reads it as an octal number)"),
    pytest.param(
        "procedures/corporate.yaml", 'respond: {working_days: 20, section: "12.2"}',
        'respond: {working_days: 20, section: 12.10}', "section: 12.10",
        ["content/procedures/corporate.yaml:{line}: 'section' should be text in quotes, like \"12.10\" or "
         "\"0300 061 0614\": without quotes, a number loses its leading and trailing zeros."],
        id="a section number without quotes (12.10 would be 12.1)"),
    pytest.param(
        "policy.yaml", "due: 2025-01-31", "due: 2025-02-30", "due: 2025-02-30",
        ["content/policy.yaml:{line}: 'due' is not a real date: February 2025 has no 30th."],
        id="a date that does not exist"),
    pytest.param(
        "procedures/children.yaml", "respond: {working_days: 25,", "respond: {working_days: -25,",
        "respond: {working_days: -25,",
        ["content/procedures/children.yaml:{line}: 'working_days' should be from 1 to 260, not -25."],
        id="a negative number of days"),
    pytest.param(
        "procedures/children.yaml", "working_days: 25, up_to: 65", "working_days: 25, up_to: 6", "up_to: 6,",
        ["content/procedures/children.yaml:{line}: 'up_to' (6) should be more than 'working_days' (25): "
         "it is the longest time, the other the usual one."],
        id="a range the wrong way round"),
    pytest.param(
        "procedures/corporate.yaml", "    number: 2\n", "    number: 1\n", "stages:",
        ["content/procedures/corporate.yaml:{line}: the stages are numbered 1, 1: number them 1, 2, in order."],
        id="two stages with the same number"),
    pytest.param(
        "contacts.yaml", "  phone: 024 7637 2596\n", "", "childrens_rights_officer:",
        ["content/contacts.yaml:{line}: the contact 'Independent Children's Rights Officer' has no way to reach it: "
         "give a phone, email, web or post."],
        id="a contact with no way to reach it"),
    pytest.param(
        "calendar.yaml", "subdivision: ENG", "subdivision: ENGLAND", "subdivision: ENGLAND",
        ["content/calendar.yaml:{line}: the holidays package does not know country 'GB' with subdivision 'ENGLAND' "
         "(Entity `GB` does not have subdivision ENGLAND). For England use country GB, subdivision ENG."],
        id="a bank holiday region the holidays package does not know"),
    pytest.param(
        "contacts.yaml", "  phone: 0800 269851\n", "\tphone: 0800 269851\n", "\tphone",
        ["content/contacts.yaml:{line}: this is not valid YAML: there is a tab character. Indent with spaces."],
        id="a broken contacts file: one error, not one per contact used elsewhere"),
    pytest.param(
        "navigator.yaml", "  - id: council_service", "  - id: Council Service", "  - id: Council Service",
        ["content/navigator.yaml:{line}: 'Council Service' is not a usable id: use lowercase letters, digits and _ "
         "only, starting with a letter."],
        id="an id that cannot be part of an address"),
    pytest.param(
        "pages/how-to-complain.md", "description: ", "description: We reply within {{ corporate.stage1.respond }}. ",
        "description: ",
        ["content/pages/how-to-complain.md:{line}: 'description' has a shortcode: shortcodes work in the page text, "
         "not in its front matter. Write the words here."],
        id="a shortcode in front matter (it would be shown as it is)"),
    pytest.param(
        "pages/index.md", "(what-is-a-complaint.md)", '(what-is-a-complaint.md "What is a complaint")',
        "(what-is-a-complaint.md ",
        ["content/pages/index.md:{line}: write the link to 'what-is-a-complaint.md' as [text](what-is-a-complaint.md), "
         "with no title or spaces, so the build can make the right address."],
        id="a link with a title (the build would not make its address)"),
    pytest.param(
        "pages/index.md", "(what-is-a-complaint.md)", "(what-is-a-complaint)", "(what-is-a-complaint)",
        ["content/pages/index.md:{line}: the link to 'what-is-a-complaint' should name the page's file, like "
         "who-can-complain.md, so the build can check it and make the right address."],
        id="a link to a page without .md"),
    pytest.param(
        "snapshot/published.yaml", "figures:", "<<<<<<< HEAD\nfigures:\n=======\nfigures:\n>>>>>>> review",
        "<<<<<<< HEAD",
        ["content/snapshot/published.yaml:{line}: this line is left from merging two versions (a conflict). Keep the "
         "right text and delete the '<<<<<<<', '=======' and '>>>>>>>' lines."],
        id="a merge conflict in the snapshot"),
    pytest.param(
        "pages/index.md", "(what-is-a-complaint.md)", "(what-is-a-complain.md)", "(what-is-a-complain.md)",
        ["content/pages/index.md:{line}: the link to 'what-is-a-complain.md' goes nowhere: "
         "there is no page content/pages/what-is-a-complain.md. Did you mean 'what-is-a-complaint.md'? If that page "
         "was renamed or deleted, change the link or take it out."],
        id="link to a missing page"),
    pytest.param(
        # a slip in the year: every footer would say the review was due before the policy was written
        "policy.yaml", "  due: 2025-01-31", "  due: 2023-01-31", "  due: 2023",
        ["content/policy.yaml:{line}: 'due' (2023-01-31) is not after the policy's date (2024-01-31): the next "
         "review comes after this version, usually 12 months after it."],
        id="a review due before the policy"),
    pytest.param(
        # published, and blocked by the Content-Security-Policy: it never ran (policy team's trial run)
        "pages/who-can-complain.md", "## Help from a councillor or MP",
        "<script>alert('hi')</script>\n\n## Help from a councillor or MP", "<script>",
        ["content/pages/who-can-complain.md:{line}: a page cannot have <script>: the site's security settings block "
         "it, so it would never work. Take it out; for a video or form, link to it instead."],
        id="a script in a page"),
    pytest.param(
        # the other way to write a top-level heading: a line of '=' under it
        "pages/who-can-complain.md", "## Help from a councillor or MP", "Help from a councillor or MP\n=====",
        "Help from a councillor or MP\n",
        ["content/pages/who-can-complain.md:{line}: '# Help from a councillor or MP' is a top-level heading, but the "
         "page's title is its only one. Write '## Help from a councillor or MP' for a section."],
        id="an underlined top-level heading"),
    pytest.param(
        # the site's security settings allow its own images only: published, never shown
        "pages/who-can-complain.md", "## Help from a councillor or MP",
        "![Our logo](https://www.coventry.gov.uk/logo.png)\n\n## Help from a councillor or MP", "![Our logo]",
        ["content/pages/who-can-complain.md:{line}: a page cannot show an image from another site: the site's "
         "security settings block it, so it would not appear. Take it out, or link to it instead."],
        id="an image from another site"),
    pytest.param(
        "pages/who-can-complain.md", "## Help from a councillor or MP",
        "<p style=\"color: red\">Important</p>\n\n## Help from a councillor or MP", "<p style",
        ["content/pages/who-can-complain.md:{line}: a page cannot set its own style (style=\"...\"): the site's "
         "security settings block it, so it would have no effect. Take it out; the site's stylesheet sets how pages "
         "look."],
        id="a style in a page"),
    pytest.param(
        # published as typed, brackets and all (policy team's trial run)
        "pages/index.md", "](what-is-a-complaint.md)", "] (what-is-a-complaint.md)", "] (what-is-a-complaint.md)",
        ["content/pages/index.md:{line}: '[What is a complaint] (what-is-a-complaint.md)' has a space between ']' "
         "and '(', so it would be published as it is, not as a link. Write "
         "[What is a complaint](what-is-a-complaint.md)."],
        id="a space inside a link"),
    pytest.param(
        # a page deleted or renamed: no far-off "Did you mean" (who-can-complain.md, 0.8 alike), which would send
        # the link to another page
        "pages/index.md", "(what-is-a-complaint.md)", "(can-i-complain.md)", "(can-i-complain.md)",
        ["content/pages/index.md:{line}: the link to 'can-i-complain.md' goes nowhere: there is no page "
         "content/pages/can-i-complain.md. If that page was renamed or deleted, change the link or take it out."],
        id="link to a deleted page"),
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


def test_the_closure_days_example_works_once_its_hashes_are_taken_off(content_copy, tmp_path):
    """content/calendar.yaml says: copy the example lines and take the # off. That must build, and count."""
    said = "So the days between Christmas and New Year that are not bank holidays are working days."
    assert run_build(content_copy, tmp_path / "before").returncode == 0
    assert said in (tmp_path / "before/working-days/index.html").read_text(encoding="utf-8")  # none listed
    replace_in(content_copy / "calendar.yaml", "#  - date: 2026-12-29\n#    reason:", "  - date: 2026-12-29\n    reason:")
    assert run_build(content_copy, tmp_path / "site").returncode == 0
    rules = (tmp_path / "site/navigator/rules.json").read_text(encoding="utf-8")
    assert '"2026-12-29":"Council offices closed between Christmas and New Year"' in rules
    assert said not in (tmp_path / "site/working-days/index.html").read_text(encoding="utf-8")


def test_a_procedure_with_no_stages_says_so(content_copy, tmp_path):
    path = content_copy / "procedures/adults.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("stages:\n"), text.index("next: ombudsman")
    path.write_text(text[:start] + "stages: []\n" + text[end:], encoding="utf-8")
    result = run_build(content_copy, tmp_path / "site")
    assert result.returncode == 1
    line = text[:start].count("\n") + 1
    assert f"content/procedures/adults.yaml:{line}: a procedure needs at least one stage." in result.stderr.splitlines()


def test_every_problem_is_reported_in_one_run(content_copy, tmp_path):
    replace_in(content_copy / "procedures/corporate.yaml", "contact: speak_up", "contact: speakup")
    replace_in(content_copy / "procedures/children.yaml", "name: Review panel", "name: Review panel: the last one")
    replace_in(content_copy / "pages/ombudsman.md", "{{ ombudsman.time_limit }}", "{{ ombudsman.time_limit | weeks }}")
    replace_in(content_copy / "policy.yaml", "date: 2024-01-31", "date: January 2024")
    result = run_build(content_copy, tmp_path / "site")
    assert result.returncode == 1
    files = [line.split(":")[0] for line in result.stderr.splitlines()[:-1]]
    # The data before the pages: a page's errors often follow from a mistake in the data
    assert files == ["content/policy.yaml", "content/procedures/children.yaml",
                     "content/procedures/corporate.yaml", "content/pages/ombudsman.md"]
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


def test_a_page_file_the_build_would_lose_or_misname(content_copy, tmp_path):
    page = "---\ntitle: Our timescales\ndescription: How long things take.\nlast_reviewed: 2026-01-01\n---\n\nText.\n"
    (content_copy / "pages/timescales.md").write_text(page)
    (content_copy / "pages/how-to-complain (1).md").write_text(page)
    result = run_build(content_copy, tmp_path / "site")
    assert result.stderr.splitlines()[:-1] == [
        "content/pages/how-to-complain (1).md:1: 'how-to-complain (1).md' is not a usable page file name: use "
        "lowercase letters and digits, with '-' between words, like how-to-complain.md.",
        "content/pages/timescales.md:1: the build makes a page called 'timescales' itself, so this one would be "
        "lost. Give this file another name."]


def test_a_merge_conflict_left_in_a_page_is_named(content_copy, tmp_path):
    path = content_copy / "pages/ombudsman.md"
    text = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(text) if i > 8 and line and not line.startswith(("-", "#", "{", "|")))
    text[at:at + 1] = ["<<<<<<< HEAD", text[at], "=======", "A newer sentence.", ">>>>>>> review-2026"]
    path.write_text("\n".join(text), encoding="utf-8")
    result = run_build(content_copy, tmp_path / "site")
    assert result.stderr.splitlines()[:-1] == [
        f"content/pages/ombudsman.md:{at + 1}: this line is left from merging two versions (a conflict). Keep the "
        "right text and delete the '<<<<<<<', '=======' and '>>>>>>>' lines."]


def test_a_page_saved_with_a_byte_order_mark_or_spaces_after_its_dashes_builds(content_copy, tmp_path):
    # Older Windows editors add a byte order mark; a space after '---' is invisible.
    path = content_copy / "pages/privacy.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"---\n", b"--- \n", 2))
    result = run_build(content_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "<h1" in (tmp_path / "site/privacy/index.html").read_text(encoding="utf-8")


def test_a_page_with_broken_front_matter_still_has_its_text_checked(content_copy, tmp_path):
    # One run names both problems, and links to the page are not reported as going nowhere.
    replace_in(content_copy / "pages/ombudsman.md", "title: ", "title: The Ombudsman: ")
    replace_in(content_copy / "pages/ombudsman.md", "{{ ombudsman.time_limit }}", "{{ ombudsman.time_limits }}")
    result = run_build(content_copy, tmp_path / "site")
    lines = result.stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == ["content/pages/ombudsman.md"] * 2, lines
    assert lines[-1].startswith("The site was not built: 2 problems")


def test_a_heading_underlined_with_equals_signs_is_not_taken_for_a_merge_conflict(content_copy, tmp_path):
    path = content_copy / "pages/privacy.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nMore about us\n=======\n\n> quoted\n", encoding="utf-8")
    result = run_build(content_copy, tmp_path / "site")
    # a top-level heading, which a page may not have (its title is its one), not a conflict
    assert result.returncode == 1
    line = path.read_text(encoding="utf-8").split("\nMore about us\n")[0].count("\n") + 2
    assert result.stderr.splitlines()[0] == (
        f"content/pages/privacy.md:{line}: '# More about us' is a top-level heading, but "
        "the page's title is its only one. Write '## More about us' for a section.")


def test_a_package_missing_from_this_python_is_one_line(tmp_path):
    """The system's python3 instead of .venv/bin/python: say what to do, not a traceback."""
    import subprocess
    import sys
    code = ("import sys; sys.modules['markdown'] = None; from generator.__main__ import run; "
            f"sys.exit(run(['build', '--no-runtime', '--site', {str(tmp_path / 'site')!r}]))")
    result = subprocess.run([sys.executable, "-c", code], cwd=CONTENT.parent, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"python -m generator: the markdown package is not installed for this Python ({sys.executable}). "
        "Run make deps, then use .venv/bin/python (or: pip install -r requirements.txt -r requirements-dev.txt)."]
    assert not (tmp_path / "site").exists()


def test_a_blank_list_of_choices_is_an_error_not_an_empty_question(content_copy, tmp_path):
    """Blank means none only for a list that may be empty (closure days); a question with no answers is a
    mistake, and would be published as a question nobody can answer."""
    path = content_copy / "navigator.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("service_options:\n"), text.index("request_types:")
    path.write_text(text[:start] + "service_options:\n" + text[end:], encoding="utf-8")
    result = run_build(content_copy, tmp_path / "site")
    assert result.returncode == 1
    line = text[:start].count("\n") + 1
    assert f"content/navigator.yaml:{line}: 'service_options' is empty: write what it should be." in result.stderr


@pytest.mark.parametrize("phone", ["0800 269851", "024 7683 3333", "(024) 7661 5254", "+44 24 7683 3333",
                                   "+44 (0)24 7683 3333", "024 7683 3333 ext 12", "0800 269851 (free)",
                                   "18001 024 7683 3333", "116 123", "0800 1111", "+1 555 123 4567"])
def test_phone_numbers_as_councils_publish_them_are_accepted(phone):
    from generator import schema
    assert schema.Contact(name="Team", source="test", phone=phone).problems() == []
