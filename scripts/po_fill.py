"""Developer aid: fill a django.po from a JSON file {msgid: msgstr} and list what is left.

makemessages (msgmerge) guesses translations for new msgids from similar old ones and marks them
fuzzy; those guesses are often wrong, so a fuzzy entry counts as untranslated here and its guess is
dropped unless the JSON gives the real translation.

usage: python scripts/po_fill.py path/to/django.po translations.json
"""

import json
import sys

import polib

po = polib.pofile(sys.argv[1])
translations = json.load(open(sys.argv[2], encoding="utf-8")) if len(sys.argv) > 2 else {}
for entry in po:
    if entry.msgid in translations:
        entry.msgstr = translations[entry.msgid]
        entry.previous_msgid = None
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    elif "fuzzy" in entry.flags:
        entry.msgstr = ""
        entry.msgstr_plural = {k: "" for k in entry.msgstr_plural}
        entry.previous_msgid = None
        entry.flags.remove("fuzzy")
po.save()
left = [e.msgid for e in po if not e.obsolete and e.msgid and not e.translated()]
print("untranslated:", len(left))
for msgid in left:
    print("  ", json.dumps(msgid, ensure_ascii=False))
