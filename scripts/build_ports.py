"""Convert searoute's port table (UN/LOCODE-keyed) into corredor's packaged ports.csv.

Run once: ``.venv/bin/python scripts/build_ports.py``. The input ships in the
``searoute`` 1.6.0 wheel (Apache-2.0), ``searoute/data/ports.geojson``; its
ports come from the UN/LOCODE code list with coordinates as published by
searoute. Curated corrections live in ``port_overrides.csv``, not here.
"""

from __future__ import annotations

import csv
import json
import math
from importlib.resources import files
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "corredor" / "data" / "ports.csv"
SOURCE = "searoute-py 1.6.0 data/ports.geojson (Apache-2.0), UN/LOCODE port list"


def main() -> None:
    feats = json.loads(files("searoute").joinpath("data/ports.geojson").read_text())["features"]
    rows: dict[str, dict[str, object]] = {}
    skipped = 0
    for f in feats:
        p = f["properties"]
        code = str(p.get("port") or "").strip().upper().replace(" ", "")
        lon, lat = (float(v) for v in f["geometry"]["coordinates"][:2])
        bad = not (math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180)
        if len(code) != 5 or not code.isalnum() or bad or code in rows:
            skipped += 1
            continue
        rows[code] = {
            "locode": code,
            "name": str(p.get("name") or code).strip(),
            "country": code[:2],
            "country_name": str(p.get("cty") or "").replace("_", " ").strip(),
            "lat": round(lat, 6),
            "lon": round(lon, 6),
            "source": SOURCE,
        }
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(next(iter(rows.values()))))
        w.writeheader()
        for code in sorted(rows):
            w.writerow(rows[code])
    print(f"wrote {len(rows)} ports to {OUT} (skipped {skipped})")


if __name__ == "__main__":
    main()
