"""`make bench`: run every bench/*.py module that has a main() and write what it returns to
bench/results/<module>.json. Each module prints its own summary."""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def modules() -> list[Path]:
    return sorted(p for p in HERE.glob("*.py") if p.name != "run.py" and not p.name.startswith("_"))


def main() -> int:
    RESULTS.mkdir(exist_ok=True)
    failed = 0
    for path in modules():
        spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if not callable(getattr(module, "main", None)):
            continue
        print(f"== {path.name}", flush=True)
        started = time.perf_counter()
        try:
            result = module.main()
        except Exception as e:  # one broken benchmark must not hide the others' results
            print(f"   failed: {e!r}", file=sys.stderr)
            failed += 1
            continue
        out = RESULTS / f"{path.stem}.json"
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        print(f"   {time.perf_counter() - started:.0f} s, wrote {out.relative_to(HERE.parent)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
