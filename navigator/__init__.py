"""The complaints navigator: which procedure applies, whether it is in time, and the dates.

Pure Python, standard library only, for CPython 3.11+ and Pyodide. The rule
data (``generator.ruledata.rule_data``) comes in; nothing is read from disk,
the network or the clock except at the edges (:mod:`navigator.cli` and
:mod:`navigator.browser`).

Modules: :mod:`~navigator.dates` (dates and calendar months),
:mod:`~navigator.calendar` (working days), :mod:`~navigator.rules` (typed
view of the rule data), :mod:`~navigator.answers` (reading answers, error
messages), :mod:`~navigator.flow` (which question next),
:mod:`~navigator.timeline` (the policy's maths), :mod:`~navigator.decide`
(answers to result), :mod:`~navigator.browser` (JSON entry point for the
browser), :mod:`~navigator.cli` (command line).
"""

__version__ = "1.0.0"
