"""Build the council's complaints guidance site from ``content/``.

The build is a linear recipe (see :mod:`generator.build`): load all content,
validate it, render every page, write to a temporary directory, and only then
replace ``site/``.
"""
