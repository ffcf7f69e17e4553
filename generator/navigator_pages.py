"""The navigator's pages that work without JavaScript.

``navigator/`` holds the question flow (run by Python in the browser when it
can be), and, for everyone, the first question as plain links. Each answer
has its own page, generated from the same YAML: which procedure applies, or
where to go instead. No form is submitted anywhere, so no answer ever
reaches a server log.
"""
from __future__ import annotations

from .content import SERVICE_RECOVERY_DECIDES, Content
from .pages import SitePage


def navigator_pages(content: Content) -> list[SitePage]:
    nav = content.navigator
    result = [SitePage("navigator/", "Check which complaints procedure applies",
                       "Answer a few questions to find out which procedure applies, if you are in time, "
                       "and when we should reply.", template="navigator.html")]
    for option in nav.service_options:
        if option.procedure and option.procedure != SERVICE_RECOVERY_DECIDES:
            title = f"Your complaint goes through the {content.procedures[option.procedure].short_name} procedure"
        elif option.procedure == SERVICE_RECOVERY_DECIDES:
            title = "The Service Recovery Team will decide which procedure applies"
        elif option.service:
            title = f"Start with {content.services[option.service].name}"
        else:
            title = "We cannot deal with this as a complaint"
        result.append(SitePage(f"navigator/{option.id.replace('_', '-')}/", title,
                               f"What to do about: {option.label}.", template="navigator_answer.html",
                               parent="navigator/", extra={"option": option}))
    result.append(SitePage("navigator/cannot-deal-with/", "Things the complaints procedure cannot deal with",
                           "Where to go instead for things outside the complaints policy.",
                           template="navigator_out_of_scope.html", parent="navigator/"))
    return result
