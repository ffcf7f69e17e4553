"""Plain English: readability grade, long sentences and words to avoid, per guidance page.

The text measured is the rendered page (the built HTML's main content), not
the Markdown, so shortcodes and tables count as the reader sees them.
"""
from __future__ import annotations

import re
from pathlib import Path

import textstat
from bs4 import BeautifulSoup

from ..content import Content
from .report import WARNING, Report

LONG_SENTENCE = 25


def fk_grade(text: str) -> float:
    """Flesch-Kincaid grade (textstat 0.7). Syllables are always counted with Pyphen's
    English dictionary: textstat would otherwise download NLTK's cmudict, and the
    check must work offline and give the same grade on every machine."""
    from textstat.backend.counts import _count_syllables
    _count_syllables.get_cmudict = lambda lang: None
    return float(textstat.flesch_kincaid_grade(text))
BLOCKS = ["h1", "h2", "h3", "h4", "p", "li", "td", "th", "dt", "dd", "caption", "summary"]


def page_sentences(html: str) -> list[str]:
    """The sentences of the page's main content (each heading, list item or cell ends one)."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main") or soup
    for nav in main.find_all("nav"):
        nav.decompose()
    sentences = []
    for block in main.find_all(BLOCKS):
        if block.find(BLOCKS):  # a list item holding a paragraph: take the inner blocks
            continue
        text = " ".join(block.get_text(" ").split())
        if not text:
            continue
        sentences.extend(s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", text) if s)
    return sentences


def _find_line(page, needle: str) -> int:
    """The file line of the first body line containing ``needle`` (case-insensitive), else the title's."""
    pattern = re.compile(needle, re.IGNORECASE) if not isinstance(needle, str) else None
    for offset, line in enumerate(page.body.split("\n")):
        if (pattern.search(line) if pattern else needle.lower() in line.lower()):
            return page.body_line + offset
    return 0


def word_pattern(word: str) -> re.Pattern:
    words = r"\s+".join(map(re.escape, word.split()))
    return re.compile(rf"\b{words}(?:s|es|d|ed|ing)?\b", re.IGNORECASE)


def check_plain_english(content: Content, site: Path, words, report: Report) -> None:
    patterns = [(w, word_pattern(w.word)) for w in words]
    for page in sorted(content.pages, key=lambda p: p.file):
        out = site / ("index.html" if page.slug == "index" else f"{page.slug}/index.html")
        if not out.is_file():
            continue
        sentences = page_sentences(out.read_text(encoding="utf-8"))
        text = " ".join(s if s[-1:] in ".!?:" else s + "." for s in sentences)
        grade = fk_grade(text) if text else 0.0
        budget = page.meta.readability_grade_max
        meta = content.sources[page.file]
        long_count = 0
        for s in sentences:
            n = len(s.split())
            if n > LONG_SENTENCE:
                long_count += 1
                start = " ".join(s.split()[:6])
                report.add(page.file, _find_line(page, " ".join(s.split()[:4])) or meta.line(("title",)), WARNING,
                           f"a long sentence ({n} words): \"{start} ...\".",
                           f"Split it into sentences of {LONG_SENTENCE} words or fewer.", "plain")
        found_words = []
        for w, pattern in patterns:
            for offset, line in enumerate(page.body.split("\n")):
                line = re.sub(r"\{\{.*?\}\}|\]\([^)]*\)|\{#[^}]*\}", " ", line)  # not shortcodes, link targets, ids
                for m in pattern.finditer(line):
                    found_words.append(w.word)
                    report.add(page.file, page.body_line + offset, WARNING,
                               f"\"{m.group(0)}\" is on the list of words to avoid.",
                               f"Write \"{w.instead}\" instead (content/words_to_avoid.yaml).", "plain")
        if budget is not None and grade > budget:
            report.add(page.file, meta.line(("readability_grade_max",)), WARNING,
                       f"the page reads at grade {grade:.1f}; its budget is {budget:g} (Flesch-Kincaid).",
                       "Use shorter sentences and shorter, everyday words.", "plain")
        report.readability.append({"file": page.file, "grade": grade, "budget": budget, "long": long_count,
                                   "words": sorted(set(found_words))})
