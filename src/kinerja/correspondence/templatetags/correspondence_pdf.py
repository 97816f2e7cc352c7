"""Template filters of the printed forms. `whole_words` keeps a hyphenated word or code whole on its line:
WeasyPrint, as browsers do, may break a line after any hyphen (Unicode line breaking), so "(OSS-RBA)" printed
as "(OSS-" at the end of one line and "RBA)" at the start of the next, which reads as a word divided by
hyphenation. A real hyphen is kept (pdftotext and a copied title read as typed), inside a span that does not
wrap; a token too long for a line is left free to break."""

from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# A hyphen between two letters or digits ("OSS-RBA", "e-SAKIP", "2025-2026"), in a token short enough to fit a
# line of the narrowest column it prints in (a disposition's Perihal, a follow-up's description).
HYPHENATED = re.compile(r"\w-\w")
LONGEST_KEPT_WHOLE = 30


@register.filter(needs_autoescape=True)
def whole_words(text: object, autoescape: bool = True) -> SafeString:
    """`text`, escaped, with each hyphenated token (HYPHENATED) of up to LONGEST_KEPT_WHOLE characters in a
    <span class="nobr">; white space as typed (the notulen print their text pre-wrapped)."""
    escape = conditional_escape if autoescape else str
    out = []
    for piece in re.split(r"(\s+)", "" if text is None else str(text)):
        if piece and not piece.isspace() and len(piece) <= LONGEST_KEPT_WHOLE and HYPHENATED.search(piece):
            out.append(f'<span class="nobr">{escape(piece)}</span>')
        else:
            out.append(str(escape(piece)))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
