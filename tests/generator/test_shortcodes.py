"""How a shortcode shows a timescale in page text (generator/shortcodes.py), the same words the
tables use (the ``days`` macro in blocks.html calls the same function)."""
from __future__ import annotations

import pytest

from generator import schema
from generator.shortcodes import format_value

STAGE2 = schema.Timescale(working_days=25, up_to=65, up_to_when="if the investigation needs longer", section="App. 1")
ACK = schema.Timescale(working_days=1, section="11.1")
OMBUDSMAN = schema.Timescale(working_days=1, up_to=3, section="14")


@pytest.mark.parametrize("timescale, filter_name, text", [
    (ACK, None, "1 working day"),
    (STAGE2, None, "25 working days"),
    (STAGE2, "number", "25"),
    (STAGE2, "words", "twenty-five working days"),
    # The aim comes first (content/discrepancies.yaml, children-stage2-respond-range).
    (STAGE2, "range", "25 working days (up to 65 if the investigation needs longer)"),
    (ACK, "range", "1 working day"),
    # A range with no condition stays a range.
    (OMBUDSMAN, "range", "1 to 3 working days"),
])
def test_a_timescale_in_page_text(timescale, filter_name, text):
    assert format_value(timescale, filter_name) == text


@pytest.mark.parametrize("phone, ok, href", [
    ("0800 269851", True, "tel:0800269851"),
    ("+44 24 7683 3333", True, "tel:+442476833333"),
    ("(024) 7661 5254", True, "tel:02476615254"),
    ("024 7683 3333 ext 12", True, "tel:02476833333"),
    ("0800 269851 (free)", True, "tel:0800269851"),
    ("call us", False, None),
    ("0800", False, None),
])
def test_phone_numbers_as_people_write_them(phone, ok, href):
    from generator.phones import tel_href
    contact = schema.Contact(name="Speak Up", source="a test", phone=phone)
    assert (contact.problems() == []) is ok, contact.problems()
    if ok:
        assert tel_href(phone) == href


@pytest.mark.parametrize("value, markdown", [
    ("https://www.lgo.org.uk/making-a-complaint/",
     "[www.lgo.org.uk/making-a-complaint](https://www.lgo.org.uk/making-a-complaint/){: .address }"),
    # Someone on a phone taps the number to dial it, or the address to write
    ("0800 269851", "[0800 269851](tel:0800269851)"),
    ("0800 269851 (free)", "[0800 269851 (free)](tel:0800269851)"),
    ("(024) 7661 5254", "[(024) 7661 5254](tel:02476615254)"),
    ("speakup@coventry.gov.uk", "[speakup@coventry.gov.uk](mailto:speakup@coventry.gov.uk)"),
])
def test_the_link_filter(value, markdown):
    assert format_value(value, "link") == markdown


def test_the_link_filter_refuses_text_it_cannot_link():
    with pytest.raises(ValueError, match="^'Speak Up' is not a web address starting https://, an email address or "
                                         "a phone number, so it cannot be a link$"):
        format_value("Speak Up", "link")

