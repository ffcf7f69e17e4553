"""The navigator's pages that work without JavaScript.

``navigator/`` holds the question flow (run by Python in the browser when it
can be), and, for everyone, the first question as plain links. Each answer
has its own page, generated from the same YAML: which procedure applies, or
where to go instead. No form is submitted anywhere, so no answer ever
reaches a server log.
"""
from __future__ import annotations

from navigator.flow import TEXT as QUESTION_TEXT

from .content import SERVICE_RECOVERY_DECIDES, Content
from .pages import SitePage


def web_name(content_id: str) -> str:
    """An id from the content as it appears in an address or an anchor: "council_service" gives
    "council-service" (an answer's page, navigator/council-service/), "court_proceedings" gives
    "court-proceedings" (its place on navigator/cannot-deal-with/). The templates use it as a filter."""
    return content_id.replace("_", "-")


def navigator_pages(content: Content) -> list[SitePage]:
    nav = content.navigator
    result = [SitePage("navigator/", "Check which complaints procedure applies",
                       "Answer a few questions to find out which procedure applies, if you are in time, "
                       "and when we should reply.", template="navigator.html",
                       # The first question is in the page itself, in the navigator's own words.
                       extra={"first_question": QUESTION_TEXT["service"][0]})]
    for option in nav.service_options:
        about = option.label.split(", for example")[0].split(", but")[0]
        if option.procedure and option.procedure != SERVICE_RECOVERY_DECIDES:
            outcome = f"the {content.procedures[option.procedure].short_name} complaints procedure"
        elif option.procedure == SERVICE_RECOVERY_DECIDES:
            outcome = "the Service Recovery Team decides the procedure"
        elif option.service:
            outcome = "what to do first"  # the answer names the service already
        else:
            outcome = "where to complain instead"
        title = f"{about}: {outcome}"
        result.append(SitePage(f"navigator/{web_name(option.id)}/", title,
                               f"What to do about: {option.label}.", template="navigator_answer.html",
                               parent="navigator/", extra={"option": option}))
    result.append(SitePage("navigator/working-days/", "Working days calculator",
                           "Work out the date a number of working days after another date, or count the working "
                           "days between two dates.", template="calculator.html", parent="navigator/"))
    result.append(SitePage("navigator/cannot-deal-with/", "Things the complaints procedure cannot deal with",
                           "Where to go instead for things outside the complaints policy.",
                           template="navigator_out_of_scope.html", parent="navigator/"))
    return result
