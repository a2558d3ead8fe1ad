"""Help-page headings that Typer's click prints; listed here so they are translated.

`CeliaFormatter` passes section names through `_()`; these markers make the
extractor put them in the catalogs.
"""

from celiatool.i18n import N_

SECTION_NAMES = (N_("Options"), N_("Arguments"), N_("Commands"))
