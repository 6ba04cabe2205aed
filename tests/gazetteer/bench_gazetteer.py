"""Measure the gazetteer: build time and peak memory, index size, open time, memory after open,
lookups per second; and the article-variant measurement behind the indexing choice.

Run: ``python tests/gazetteer/bench_gazetteer.py [DIR]`` (DIR defaults to a fresh temporary directory,
so the user's cache is untouched). Not collected by pytest.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_BUILD = """
import json, resource, sys
from pathlib import Path
from marsad.gazetteer.build import build_index
stats = build_index(Path(sys.argv[1]) / "index.sqlite")
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": stats.seconds, "size_mb": stats.size_bytes / 1e6, "places": stats.places,
                  "keys_arabic": stats.keys_arabic, "keys_latin": stats.keys_latin, "common": stats.common,
                  "peak_rss_mb": peak_mb}))
"""

_OPEN = """
import json, random, sys, time
import psutil
proc = psutil.Process()
rss0 = proc.memory_info().rss
t0 = time.perf_counter()
from marsad.gazetteer.index import Gazetteer
t1 = time.perf_counter()
gaz = Gazetteer.open(sys.argv[1])
t2 = time.perf_counter()
rss_open = proc.memory_info().rss
arabic = list(gaz.keys("arabic"))
t3 = time.perf_counter()
all_keys = list(gaz.keys())
t4 = time.perf_counter()
rss_keys = proc.memory_info().rss
random.seed(7)
sample = random.sample(arabic, 20000)
t5 = time.perf_counter()
found = sum(len(gaz.lookup(k)) for k in sample)
t6 = time.perf_counter()
hot = sample[:2000]
for _ in range(10):
    for k in hot:
        gaz.lookup(k)
t7 = time.perf_counter()
for _ in range(1000):
    gaz.near(35.13, 36.75, 25, country="SY")
t8 = time.perf_counter()
for _ in range(200):
    gaz.near(35.13, 36.75, 25)
t9 = time.perf_counter()
print(json.dumps({
    "import_s": t1 - t0, "open_s": t2 - t1, "rss_after_open_mb": (rss_open - rss0) / 1e6,
    "keys_arabic_s": t3 - t2, "keys_all_s": t4 - t3, "n_keys": len(all_keys),
    "rss_after_keys_mb": (rss_keys - rss0) / 1e6,
    "lookups_per_s_uncached": len(sample) / (t6 - t5), "lookups_per_s_cached": 10 * len(hot) / (t7 - t6),
    "candidates_per_key": found / len(sample),
    "near_ms_country": (t8 - t7) / 1000 * 1000, "near_ms_world": (t9 - t8) / 200 * 1000,
}))
"""


def run(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def article_variants(index: Path) -> dict[str, int]:
    """What indexing Arabic names with the article stripped or added would change (single-token names)."""
    import sqlite3

    from marsad.gazetteer.common import CommonWords
    from marsad.gazetteer.names import is_arabic_key

    conn = sqlite3.connect(index)
    keys: dict[str, set[int]] = {}
    for key, rid in conn.execute("SELECT key, rid FROM names"):
        if is_arabic_key(key):
            keys.setdefault(key, set()).add(rid)
    arab = {"SY", "IQ", "YE", "LY", "LB", "PS", "JO", "EG", "SA"}
    in_arab = {
        rid
        for (rid,) in conn.execute(
            f"SELECT rid FROM places WHERE country IN ({','.join('?' * len(arab))})", sorted(arab)
        )
    }
    per_place: dict[int, set[str]] = {}
    for k, rids in keys.items():
        for rid in rids & in_arab:
            per_place.setdefault(rid, set()).add(k)
    with_al = both = 0
    for ks in per_place.values():
        for k in ks:
            if k.startswith("ال") and " " not in k:
                with_al += 1
                both += k[2:] in ks
    common = CommonWords()
    stripped = {k[2:] for k in keys if k.startswith("ال") and " " not in k and len(k) >= 5}
    added = {"ال" + k for k in keys if not k.startswith("ال") and " " not in k}
    return {
        "arab_single_token_article_names": with_al,
        "of_which_bare_form_also_listed": both,
        "strip_new_keys": len(stripped - keys.keys()),
        "strip_collisions_with_other_places": sum(
            1 for k in keys if k.startswith("ال") and k[2:] in keys and not keys[k] & keys[k[2:]]
        ),
        "strip_common_words": sum(1 for k in stripped if common.is_common(k)),
        "add_new_keys": len(added - keys.keys()),
        "add_common_words": sum(1 for k in added if common.is_common(k)),
        "arabic_keys_now": len(keys),
    }


def main() -> None:
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "gazetteer"
    directory.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    build = run(_BUILD, str(directory))
    print("build:", json.dumps(build, indent=1))
    print("open/lookup:", json.dumps(run(_OPEN, str(directory)), indent=1))
    print("article variants:", json.dumps(article_variants(directory / "index.sqlite"), indent=1))
    print(f"total {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
