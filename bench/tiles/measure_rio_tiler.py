"""Milliseconds per tile of rio-tiler 6.8 in-process, over the set reference_render.py --bench made.

Each raster is opened once (Reader) and every tile read once to warm GDAL's caches; then each tile is read
REPEATS times and its median kept. Mosaic tiles go through rio-tiler's mosaic_reader over readers opened once.
usage: python measure_rio_tiler.py DIR REPEATS OUT.json
"""

import json
import os
import statistics
import sys
import time
import warnings

from rio_tiler.errors import TileOutsideBounds
from rio_tiler.io import Reader
from rio_tiler.mosaic import mosaic_reader

warnings.filterwarnings("ignore")


def timed(fn, repeats):
    fn()  # warm
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs)


def main():
    folder, repeats, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(os.path.join(folder, "manifest.json")) as f:
        manifest = json.load(f)
    results = {}
    for ds in manifest["datasets"]:
        if "paths" in ds:
            readers = {p: Reader(p) for p in ds["paths"]}

            def tiler(path, x, y, z, **kwargs):
                return readers[path].tile(x, y, z, **kwargs)

            def read(t):
                return mosaic_reader(ds["paths"], tiler, t["x"], t["y"], t["z"], tilesize=t["size"])
        else:
            reader = Reader(ds["path"])
            readers = {ds["path"]: reader}

            def read(t, reader=reader):
                try:
                    return reader.tile(t["x"], t["y"], t["z"], tilesize=t["size"])
                except TileOutsideBounds:
                    return None

        results[ds["name"]] = {t["name"]: timed(lambda t=t: read(t), repeats) for t in ds["tiles"]}
        for r in readers.values():
            r.close()
    with open(out, "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
