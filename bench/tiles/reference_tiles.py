"""Reference tiles from rio-tiler 6.8 for the warper's agreement checks.

Makes small COGs with GDAL's command-line tools, renders web-mercator tiles of them with rio-tiler (what the
Planetary Computer runs), and writes, under OUT:
  manifest.json                      datasets (CRS, geotransform, levels, nodata) and tiles
  <ds>/L<k>.npy, <ds>/L<k>.mask.npy  each level's pixels and validity as rasterio reads them (level 0 = full size)
  <ds>/t/<name>.npy, .mask.npy       each tile's data (bands, h, w) and ImageData.mask (h, w)

The source levels are dumped through rasterio, not gdal_translate, so that both sides warp the very same pixels
(rasterio's wheels decode JPEG with their own libjpeg).

usage: python reference_tiles.py OUT [--quick | --tiny] [--methods nearest,bilinear,...]
(--tiny: the few tiles the node tests compare)
"""

import json
import math
import os
import subprocess
import sys
import warnings

import morecantile
import numpy
import pyproj
import rasterio
from rasterio.transform import from_origin
from rio_tiler.io import Reader

warnings.filterwarnings("ignore")
WMQ = morecantile.tms.get("WebMercatorQuad")


def run(*args):
    subprocess.run(list(args), check=True, stdout=subprocess.DEVNULL)


def smooth_noise(rng, height, width, scale):
    """Smooth structure plus pixel noise, so that every pick of a source pixel shows in the values."""
    yy, xx = numpy.mgrid[0:height, 0:width].astype("float64")
    base = numpy.sin(xx / scale) * numpy.cos(yy / (scale * 1.3)) + (xx + yy) / (width + height)
    return base + rng.normal(0, 0.15, (height, width))


def footprint(height, width, angle):
    """A rotated rectangle: the valid area of a scene, so that the tile masks have edges."""
    yy, xx = numpy.mgrid[0:height, 0:width].astype("float64")
    cy, cx = height / 2, width / 2
    c, s = math.cos(angle), math.sin(angle)
    u = (xx - cx) * c + (yy - cy) * s
    v = -(xx - cx) * s + (yy - cy) * c
    return (abs(u) < width * 0.42) & (abs(v) < height * 0.40)


def write_gtiff(path, data, crs, transform, nodata=None, colormap=None):
    count, height, width = data.shape
    profile = dict(driver="GTiff", width=width, height=height, count=count, dtype=data.dtype, crs=crs, transform=transform)
    if nodata is not None:
        profile["nodata"] = nodata
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(data)
        if colormap:
            dst.write_colormap(1, colormap)
        if count == 4 and data.dtype == numpy.uint8:
            dst.colorinterp = [rasterio.enums.ColorInterp.red, rasterio.enums.ColorInterp.green, rasterio.enums.ColorInterp.blue, rasterio.enums.ColorInterp.alpha]


def make_datasets(out, quick):
    """Each dataset: (name, path). Sizes stay small: the point is the geometry, not the volume."""
    rng = numpy.random.default_rng(20240611)
    k = 0.5 if quick else 1.0
    made = []

    # 1. RGB JPEG (YCbCr) in UTM 31N, 10 m, with an internal mask made from an alpha band.
    h, w = int(1000 * k), int(1200 * k)
    fp = footprint(h, w, 0.2)
    rgb = numpy.stack([numpy.clip(smooth_noise(rng, h, w, 40 + 10 * i) * 60 + 100, 0, 255) for i in range(3)]).astype("uint8")
    alpha = (fp * 255).astype("uint8")[None]
    tmp = os.path.join(out, "rgb.tmp.tif")
    write_gtiff(tmp, numpy.concatenate([rgb, alpha]), "EPSG:32631", from_origin(440000, 5400000, 10 / k, 10 / k))
    path = os.path.join(out, "rgb_jpeg_utm.tif")
    run("gdal_translate", "-q", "-of", "COG", "-co", "COMPRESS=JPEG", "-co", "BLOCKSIZE=256", tmp, path)
    made.append(("rgb_jpeg_utm", path))

    # 2. uint16, 4 bands, deflate + predictor, nodata 0 outside a footprint, UTM 18N at 1 m (NAIP-like).
    h, w = int(900 * k), int(800 * k)
    fp = footprint(h, w, -0.3)
    u16 = numpy.stack([numpy.clip(smooth_noise(rng, h, w, 25 + 7 * i) * 4000 + 9000, 1, 65535) for i in range(4)]).astype("uint16")
    u16[:, ~fp] = 0
    tmp = os.path.join(out, "u16.tmp.tif")
    write_gtiff(tmp, u16, "EPSG:32618", from_origin(583000, 4507000, 1 / k, 1 / k), nodata=0)
    path = os.path.join(out, "u16_deflate_nodata.tif")
    run("gdal_translate", "-q", "-of", "COG", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2", "-co", "BLOCKSIZE=256", tmp, path)
    made.append(("u16_deflate_nodata", path))

    # 3. float32 DEM, nodata -9999 in holes and outside a footprint, UTM 31N at 30 m.
    h, w = int(700 * k), int(800 * k)
    fp = footprint(h, w, 0.5)
    dem = (smooth_noise(rng, h, w, 30) * 300 + 800).astype("float32")
    dem[~fp] = -9999
    dem[int(h * 0.4) : int(h * 0.5), int(w * 0.3) : int(w * 0.45)] = -9999
    tmp = os.path.join(out, "dem.tmp.tif")
    write_gtiff(tmp, dem[None], "EPSG:32631", from_origin(500000, 4800000, 30 / k, 30 / k), nodata=-9999)
    path = os.path.join(out, "dem_f32_nodata.tif")
    run("gdal_translate", "-q", "-of", "COG", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3", "-co", "BLOCKSIZE=256", tmp, path)
    made.append(("dem_f32_nodata", path))

    # 4. Paletted uint8 in EPSG:4326 (classes in blobs), no nodata.
    h, w = int(800 * k), int(1000 * k)
    cls = (numpy.floor((smooth_noise(rng, h, w, 20) + 2) * 3) % 8).astype("uint8")
    cmap = {i: (i * 30 % 256, (i * 70) % 256, (255 - i * 25) % 256, 255) for i in range(256)}
    tmp = os.path.join(out, "pal.tmp.tif")
    write_gtiff(tmp, cls[None], "EPSG:4326", from_origin(5.0, 46.0, 0.001 / k, 0.001 / k), colormap=cmap)
    path = os.path.join(out, "palette_4326.tif")
    run("gdal_translate", "-q", "-of", "COG", "-co", "COMPRESS=DEFLATE", "-co", "BLOCKSIZE=256", tmp, path)
    made.append(("palette_4326", path))

    # 5. A whole-world EPSG:4326 raster (poles, antimeridian, the ±85.06° clamp).
    h, w = 360, 720
    world = numpy.clip(smooth_noise(rng, h, w, 15) * 60 + 120, 1, 255).astype("uint8")
    tmp = os.path.join(out, "world.tmp.tif")
    write_gtiff(tmp, world[None], "EPSG:4326", from_origin(-180.0, 90.0, 0.5, 0.5))
    path = os.path.join(out, "world_4326.tif")
    run("gdal_translate", "-q", "-of", "COG", "-co", "COMPRESS=DEFLATE", "-co", "BLOCKSIZE=256", tmp, path)
    made.append(("world_4326", path))

    for name in os.listdir(out):
        if name.endswith(".tmp.tif"):
            os.remove(os.path.join(out, name))
    return made


def dump_levels(src_path, folder):
    """Every level's pixels and per-pixel validity (GDAL's dataset mask), as rasterio sees them."""
    levels = []
    with rasterio.open(src_path) as src:
        n = len(src.overviews(1))
    for k in range(n + 1):
        kwargs = {} if k == 0 else {"overview_level": k - 1}
        with rasterio.open(src_path, **kwargs) as src:
            data = src.read()
            mask = src.dataset_mask()
            numpy.save(os.path.join(folder, f"L{k}.npy"), data)
            numpy.save(os.path.join(folder, f"L{k}.mask.npy"), mask)
            levels.append({"width": src.width, "height": src.height})
    return levels


def pick_tiles(reader, quick, tiny=False):
    """Tiles from two zooms below native to two above: corners, centre and a few in between."""
    west, south, east, north = reader.geographic_bounds
    south, north = max(south, -85.0), min(north, 85.0)
    picks = []
    lo = max(reader.minzoom, reader.maxzoom - (1 if tiny else 2 if quick else 4))
    hi = reader.maxzoom + (1 if quick or tiny else 2)
    for z in range(lo, hi + 1):
        tiles = list(WMQ.tiles(west, south, east, north, [z]))
        if not tiles:
            continue
        xs = sorted({t.x for t in tiles})
        ys = sorted({t.y for t in tiles})
        wanted = set()
        for fx in (0.0, 0.5, 1.0):
            for fy in (0.0, 0.5, 1.0):
                if tiny and fx != fy:
                    continue
                wanted.add((xs[round(fx * (len(xs) - 1))], ys[round(fy * (len(ys) - 1))]))
        if not quick:
            for fx, fy in ((0.25, 0.3), (0.7, 0.6)):
                wanted.add((xs[round(fx * (len(xs) - 1))], ys[round(fy * (len(ys) - 1))]))
        for x, y in sorted(wanted):
            picks.append((z, x, y))
    return picks


def main():
    out = sys.argv[1]
    tiny = "--tiny" in sys.argv
    quick = "--quick" in sys.argv or tiny
    methods = ["nearest"]
    if "--methods" in sys.argv:
        methods = sys.argv[sys.argv.index("--methods") + 1].split(",")
    os.makedirs(out, exist_ok=True)
    manifest = {"datasets": []}
    for name, path in make_datasets(out, quick):
        folder = os.path.join(out, name)
        os.makedirs(os.path.join(folder, "t"), exist_ok=True)
        levels = dump_levels(path, folder)
        with Reader(path) as reader:
            ds = reader.dataset
            entry = {
                "name": name,
                "path": path,
                "crs": ds.crs.to_string(),
                "proj4": pyproj.CRS.from_wkt(ds.crs.to_wkt()).to_proj4(),
                "geographic": ds.crs.is_geographic,
                "geotransform": list(ds.transform.to_gdal()),
                "width": ds.width,
                "height": ds.height,
                "count": ds.count,
                "dtype": ds.dtypes[0],
                "nodata": ds.nodata,
                "paletted": ds.count == 1 and ds.colorinterp[0].name == "palette",
                "levels": levels,
                "minzoom": reader.minzoom,
                "maxzoom": reader.maxzoom,
                "tiles": [],
            }
            if entry["nodata"] is not None and math.isnan(entry["nodata"]):
                entry["nodata"] = "nan"
            for z, x, y in pick_tiles(reader, quick, tiny):
                for size in (256, 512):
                    if size == 512 and (tiny or (x + y) % 3 != 0):
                        continue
                    for method in methods:
                        for buffer in (0, 0.5) if method == "nearest" and size == 256 and (x + y) % 4 == 0 else (0,):
                            tile_name = f"{z}-{x}-{y}-{size}-{method}" + (f"-b{buffer}" if buffer else "")
                            try:
                                img = reader.tile(x, y, z, tilesize=size, resampling_method=method, reproject_method=method, buffer=buffer or None)
                            except Exception as err:  # noqa: BLE001 - recorded, compared as an outcome
                                entry["tiles"].append({"name": tile_name, "z": z, "x": x, "y": y, "size": size, "method": method, "buffer": buffer, "error": type(err).__name__})
                                continue
                            numpy.save(os.path.join(folder, "t", tile_name + ".npy"), img.array.data)
                            numpy.save(os.path.join(folder, "t", tile_name + ".mask.npy"), img.mask)
                            # morecantile's bounds, to the last bit: the warper is compared, not the TileMatrixSet arithmetic.
                            bounds = list(reader.tms.xy_bounds(x, y, z))
                            entry["tiles"].append({"name": tile_name, "z": z, "x": x, "y": y, "size": size, "method": method, "buffer": buffer, "bounds": bounds})
            manifest["datasets"].append(entry)
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
