"""Build src/corredor/data/terminals/wait_curves.json: waiting time vs throughput.

Run from the repository root:  .venv/bin/python scripts/build_wait_curves.py [--workers 2]

The generating parameters (throughputs, replications, years, seed, warm-up)
are stored with each curve; `corredor.portsim.PortDelayModel.packaged`
reads the file.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

import corredor
from corredor.portsim import wait_time_curve

OUT = Path(__file__).resolve().parents[1] / "src/corredor/data/terminals/wait_curves.json"
REPLICATIONS = 30
YEARS = 1.0
SEED = 20241114  # Chancay opening day
SWEEPS = {
    "chancay-phase1": np.arange(0.3e6, 1.80001e6, 0.15e6),
    "chancay-phase2": np.arange(0.3e6, 2.70001e6, 0.2e6),
    "callao-muelle-sur": np.arange(0.5e6, 3.50001e6, 0.25e6),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    curves = {}
    for name, points in SWEEPS.items():
        print(f"{name}: {len(points)} throughputs x {REPLICATIONS} replications", flush=True)
        curve = wait_time_curve(
            name,
            points.tolist(),
            years=YEARS,
            replications=REPLICATIONS,
            seed=SEED,
            workers=args.workers,
        )
        curves[name] = curve.to_dict()
    payload = {
        "generator": "scripts/build_wait_curves.py",
        "corredor_version": corredor.__version__,
        "parameters": {"replications": REPLICATIONS, "years": YEARS, "seed": SEED},
        "curves": curves,
    }
    OUT.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
