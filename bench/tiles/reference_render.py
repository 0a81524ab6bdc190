"""rio-tiler 6.8 reference outputs for the render pipeline (tiles, previews, parts, points, statistics).

Makes one small raster of each kind the reader must handle with GDAL's command-line tools, then reads them with
rio-tiler's Reader (what the Planetary Computer runs) and writes, under OUT:
  manifest.json                      per dataset: path, info, tiles, previews, parts, points, statistics
  <ds>/<name>.npy, <name>.mask.npy   each image's data (bands, h, w) and mask (h, w)

usage: python reference_render.py OUT [--bench]
  --bench: bigger rasters (the benchmark's), a mosaic of four, 256 and 512 px tiles from two zooms below native
           to one above, and no previews / parts / points / statistics.
"""

import json
import math
import os
import subprocess
import sys
import warnings

import morecantile
import numpy
import rasterio
from rasterio.transform import from_origin
from rio_tiler.io import Reader

warnings.filterwarnings("ignore")
WMQ = morecantile.tms.get("WebMercatorQuad")


def run(*args):
    subprocess.run(list(args), check=True, stdout=subprocess.DEVNULL)


def field(rng, count, height, width, scale, lo, hi):
    """Smooth structure plus pixel noise, so that every pick of a source pixel shows in the values."""
    yy, xx = numpy.mgrid[0:height, 0:width].astype("float64")
    out = []
    for i in range(count):
        s = scale * (1 + 0.2 * i)
        base = numpy.sin(xx / s) * numpy.cos(yy / (s * 1.3)) + (xx + yy) / (width + height) + rng.normal(0, 0.15, (height, width))
        out.append(lo + (base + 1.5) / 4 * (hi - lo))
    return numpy.clip(numpy.stack(out), lo, hi)


def footprint(height, width, angle):
    yy, xx = numpy.mgrid[0:height, 0:width].astype("float64")
    c, s = math.cos(angle), math.sin(angle)
    u = (xx - width / 2) * c + (yy - height / 2) * s
    v = -(xx - width / 2) * s + (yy - height / 2) * c
    return (abs(u) < width * 0.42) & (abs(v) < height * 0.40)


def write_plain(path, data, crs, transform, nodata=None, colormap=None, alpha=False):
    """An untiled GeoTIFF with the pixels, which gdal_translate then turns into the file under test."""
    count, height, width = data.shape
    profile = dict(driver="GTiff", width=width, height=height, count=count, dtype=data.dtype, crs=crs, transform=transform)
    if nodata is not None:
        profile["nodata"] = nodata
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(data)
        if colormap:
            dst.write_colormap(1, colormap)
        if alpha:
            ci = rasterio.enums.ColorInterp
            dst.colorinterp = [ci.red, ci.green, ci.blue, ci.alpha]


def make_datasets(out, bench):
    rng = numpy.random.default_rng(20240612)
    k = 4 if bench else 1
    made = []

    def tmp(name):
        return os.path.join(out, name + ".tmp.tif")

    def add(name, src, *options, overviews=False):
        path = os.path.join(out, name + ".tif")
        if overviews:
            run("gdal_translate", "-q", *options, src, path)
            run("gdaladdo", "-q", "-r", "nearest", path, "2", "4")
        else:
            run("gdal_translate", "-q", *options, src, path)
        made.append((name, path))

    # JPEG (YCbCr) RGB with an internal mask, UTM 31N.
    h, w = 300 * k, 360 * k
    rgb = field(rng, 3, h, w, 20 * k, 0, 255).astype("uint8")
    alpha = (footprint(h, w, 0.2) * 255).astype("uint8")[None]
    write_plain(tmp("rgb"), numpy.concatenate([rgb, alpha]), "EPSG:32631", from_origin(440000, 5400000, 10 / k, 10 / k), alpha=True)
    add("rgb_jpeg_mask", tmp("rgb"), "-of", "COG", "-co", "COMPRESS=JPEG", "-co", "BLOCKSIZE=256")

    # uint16, 4 bands, deflate with predictor, nodata 0 outside a footprint, UTM 18N.
    h, w = 280 * k, 250 * k
    u16 = field(rng, 4, h, w, 12 * k, 1, 20000).astype("uint16")
    u16[:, ~footprint(h, w, -0.3)] = 0
    write_plain(tmp("u16"), u16, "EPSG:32618", from_origin(583000, 4507000, 1 / k, 1 / k), nodata=0)
    add("u16_deflate_nodata", tmp("u16"), "-of", "COG", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2", "-co", "BLOCKSIZE=256")

    # float32 DEM, LZW with the floating-point predictor, nodata -9999 in holes and outside a footprint, UTM 31N.
    h, w = 220 * k, 260 * k
    dem = field(rng, 1, h, w, 15 * k, 100, 2500).astype("float32")
    dem[:, ~footprint(h, w, 0.5)] = -9999
    dem[:, int(h * 0.4) : int(h * 0.5), int(w * 0.3) : int(w * 0.45)] = -9999
    write_plain(tmp("dem"), dem, "EPSG:32631", from_origin(500000, 4800000, 30 / k, 30 / k), nodata=-9999)
    add("dem_f32_lzw", tmp("dem"), "-of", "COG", "-co", "COMPRESS=LZW", "-co", "PREDICTOR=3", "-co", "BLOCKSIZE=256")

    # Paletted uint8 classes in EPSG:4326.
    h, w = 250 * k, 300 * k
    cls = (numpy.floor(field(rng, 1, h, w, 10 * k, 0, 7.99))).astype("uint8")
    cmap = {i: (i * 30 % 256, (i * 70) % 256, (255 - i * 25) % 256, 255) for i in range(256)}
    write_plain(tmp("pal"), cls, "EPSG:4326", from_origin(5.0, 46.0, 0.003 / k, 0.003 / k), colormap=cmap)
    add("palette_4326", tmp("pal"), "-of", "COG", "-co", "COMPRESS=DEFLATE", "-co", "BLOCKSIZE=256")

    if bench:
        # Four rasters side by side (a mosaic's items), RGB deflate, UTM 31N.
        h, w = 600, 600
        for i in range(4):
            px = field(rng, 3, h, w, 40, 0, 255).astype("uint8")
            write_plain(tmp(f"m{i}"), px, "EPSG:32631", from_origin(600000 + (i % 2) * 6000, 5300000 - (i // 2) * 6000, 10, 10))
            add(f"mosaic_{i}", tmp(f"m{i}"), "-of", "COG", "-co", "COMPRESS=DEFLATE", "-co", "BLOCKSIZE=256")
    else:
        # Band-interleaved (PlanarConfiguration 2) uint8, tiled, with overviews.
        h, w = 200, 230
        px = field(rng, 3, h, w, 12, 0, 255).astype("uint8")
        write_plain(tmp("planar"), px, "EPSG:32631", from_origin(440000, 5400000, 20, 20))
        add("band_interleaved", tmp("planar"), "-co", "TILED=YES", "-co", "INTERLEAVE=BAND", "-co", "COMPRESS=DEFLATE", "-co", "BLOCKXSIZE=128", "-co", "BLOCKYSIZE=128", overviews=True)

        # Stripped int16 with nodata, no overviews.
        h, w = 150, 170
        i16 = field(rng, 1, h, w, 9, -3000, 3000).astype("int16")
        i16[:, :10, :] = -32768
        write_plain(tmp("strips"), i16, "EPSG:32633", from_origin(300000, 5000000, 25, 25), nodata=-32768)
        add("stripped_int16", tmp("strips"), "-co", "TILED=NO", "-co", "BLOCKYSIZE=7", "-co", "COMPRESS=DEFLATE")

        # Big-endian uint16 tiles.
        h, w = 180, 200
        be = field(rng, 2, h, w, 10, 0, 60000).astype("uint16")
        write_plain(tmp("be"), be, "EPSG:32631", from_origin(460000, 5300000, 15, 15))
        add("big_endian", tmp("be"), "-co", "TILED=YES", "-co", "ENDIANNESS=BIG", "-co", "BLOCKXSIZE=128", "-co", "BLOCKYSIZE=128", overviews=True)

        # RGBA with an alpha band.
        h, w = 210, 240
        rgba = field(rng, 3, h, w, 11, 0, 255).astype("uint8")
        a = (footprint(h, w, 0.7) * 255).astype("uint8")[None]
        write_plain(tmp("rgba"), numpy.concatenate([rgba, a]), "EPSG:32631", from_origin(450000, 5350000, 12, 12), alpha=True)
        add("alpha_band", tmp("rgba"), "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE", "-co", "ALPHA=YES", "-co", "BLOCKXSIZE=128", "-co", "BLOCKYSIZE=128", overviews=True)

    for name in os.listdir(out):
        if name.endswith(".tmp.tif"):
            os.remove(os.path.join(out, name))
    return made


def save(folder, name, img):
    numpy.save(os.path.join(folder, name + ".npy"), img.array.data)
    numpy.save(os.path.join(folder, name + ".mask.npy"), img.mask)
    return {"name": name, "width": img.width, "height": img.height, "bounds": list(img.bounds), "dtype": str(img.array.dtype)}


def pick_tiles(reader, bench):
    west, south, east, north = reader.geographic_bounds
    south, north = max(south, -85.0), min(north, 85.0)
    picks = []
    for z in range(max(reader.minzoom, reader.maxzoom - (2 if bench else 1)), reader.maxzoom + 2):
        tiles = list(WMQ.tiles(west, south, east, north, [z]))
        xs = sorted({t.x for t in tiles})
        ys = sorted({t.y for t in tiles})
        fracs = ((0.5, 0.5), (0.0, 0.0), (1.0, 1.0), (0.3, 0.7)) if bench else ((0.5, 0.5), (0.0, 1.0))
        wanted = sorted({(xs[round(fx * (len(xs) - 1))], ys[round(fy * (len(ys) - 1))]) for fx, fy in fracs})
        picks.extend((z, x, y) for x, y in wanted)
    return picks


def first_tiler(path, x, y, z, **kwargs):
    with Reader(path) as reader:
        return reader.tile(x, y, z, **kwargs)


def mosaic_entry(out, items):
    """Tiles over four side-by-side rasters, composed by rio-tiler's mosaic_reader (first valid pixel wins)."""
    from rio_tiler.mosaic import mosaic_reader

    folder = os.path.join(out, "mosaic")
    os.makedirs(folder, exist_ok=True)
    paths = [os.path.abspath(p) for _, p in items]
    with Reader(paths[0]) as first:
        minzoom, maxzoom = first.minzoom, first.maxzoom
    bounds = []
    for p in paths:
        with Reader(p) as r:
            bounds.append(r.geographic_bounds)
    west, south = min(b[0] for b in bounds), min(b[1] for b in bounds)
    east, north = max(b[2] for b in bounds), max(b[3] for b in bounds)
    entry = {"name": "mosaic", "paths": paths, "info": {"minzoom": minzoom, "maxzoom": maxzoom}, "tiles": [], "previews": [], "parts": [], "points": []}
    for z in range(maxzoom - 2, maxzoom + 2):
        tiles = list(WMQ.tiles(west, south, east, north, [z]))
        xs = sorted({t.x for t in tiles})
        ys = sorted({t.y for t in tiles})
        picks = sorted({(xs[round(fx * (len(xs) - 1))], ys[round(fy * (len(ys) - 1))]) for fx, fy in ((0.5, 0.5), (0.3, 0.7), (0.7, 0.3))})
        for x, y in picks:
            for size in (256, 512):
                (img, _) = mosaic_reader(paths, first_tiler, x, y, z, tilesize=size)
                tname = f"tile-{z}-{x}-{y}-{size}"
                entry["tiles"].append({**save(folder, tname, img), "z": z, "x": x, "y": y, "size": size})
    return entry


def clean(value):
    """JSON without NaN: NaN becomes the string "nan"."""
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def main():
    out = sys.argv[1]
    bench = "--bench" in sys.argv
    os.makedirs(out, exist_ok=True)
    manifest = {"datasets": []}
    made = make_datasets(out, bench)
    mosaic = [(n, p) for n, p in made if n.startswith("mosaic_")]
    for name, path in made:
        if name.startswith("mosaic_"):
            continue
        folder = os.path.join(out, name)
        os.makedirs(folder, exist_ok=True)
        with Reader(path) as reader:
            info = reader.info()
            entry = {
                "name": name,
                "path": os.path.abspath(path),
                "info": clean({"bounds": list(info.bounds), "minzoom": info.minzoom, "maxzoom": info.maxzoom, "dtype": info.dtype, "nodata_type": info.nodata_type, "colorinterp": info.colorinterp, "count": info.count, "overviews": info.overviews}),
                "tiles": [],
                "previews": [],
                "parts": [],
                "points": [],
            }
            for z, x, y in pick_tiles(reader, bench):
                for size in (256, 512) if bench else (256,):
                    tname = f"tile-{z}-{x}-{y}-{size}"
                    img = reader.tile(x, y, z, tilesize=size)
                    entry["tiles"].append({**save(folder, tname, img), "z": z, "x": x, "y": y, "size": size})
            if not bench:
                for max_size in (1024, 64):
                    img = reader.preview(max_size=max_size)
                    entry["previews"].append({**save(folder, f"preview-{max_size}", img), "max_size": max_size})
                w, s, e, n = reader.geographic_bounds
                bbox = [w + (e - w) * 0.2, s + (n - s) * 0.3, w + (e - w) * 0.7, s + (n - s) * 0.8]
                img = reader.part(bbox, max_size=300)
                entry["parts"].append({**save(folder, "part", img), "bbox": bbox, "max_size": 300})
                for fx, fy in ((0.5, 0.5), (0.25, 0.6), (0.02, 0.02)):
                    lon, lat = w + (e - w) * fx, s + (n - s) * fy
                    try:
                        pt = reader.point(lon, lat)
                    except Exception as err:  # noqa: BLE001 - an outcome to compare
                        entry["points"].append({"lon": lon, "lat": lat, "error": type(err).__name__})
                        continue
                    values = [None if m else float(v) for v, m in zip(pt.array.data.tolist(), numpy.ma.getmaskarray(pt.array).tolist())]
                    entry["points"].append({"lon": lon, "lat": lat, "values": values})
                stats = reader.statistics()
                entry["statistics"] = clean({k: v.model_dump() for k, v in stats.items()})
        manifest["datasets"].append(entry)
    if mosaic:
        manifest["datasets"].append(mosaic_entry(out, mosaic))
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
