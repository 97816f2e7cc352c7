"""Dev aid: fill msgstr of a .po from a JSON dict {msgid: msgstr}; report what is left empty."""
import json, sys, polib
po = polib.pofile(sys.argv[1]); tr = json.load(open(sys.argv[2]))
for e in po:
    if e.msgid in tr:
        e.msgstr = tr[e.msgid]
        if "fuzzy" in e.flags: e.flags.remove("fuzzy")
po.save()
left = [e.msgid for e in po if not e.msgstr and not e.obsolete]
print("untranslated:", len(left)); [print("  ", m) for m in left]
