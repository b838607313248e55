"""Time per password guess at the desk's argon2id cost: what an offline guesser with a
copied keys.json pays for every candidate, on this machine's cores.

    python -m bench.kdf_cost [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

from desk_app.storage.keyring import KdfCost


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    for label, cost in (
        ("former default (64 MiB, t=3, p=2)", KdfCost(3, 65536, 2)),
        ("default (128 MiB, t=3, p=2)", KdfCost()),
    ):
        times = []
        for i in range(args.rounds):
            start = time.perf_counter()
            cost.derive(f"candidate {i}", b"\0" * 16)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(
            f"{label}: median {median:.3f} s a guess; {3600 / median:,.0f} guesses an hour on "
            f"one process; 10^6 candidates ≈ {median * 1e6 / 86400:,.1f} process-days"
        )


if __name__ == "__main__":
    main()
