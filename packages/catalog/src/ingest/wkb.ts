import type { Geometry, Position } from '../stac/geojson.js';

const TYPE_CODE = { Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiLineString: 5, MultiPolygon: 6, GeometryCollection: 7 } as const;
const Z_FLAG = 0x80000000;
const SRID_FLAG = 0x20000000;

function hasZ(geometry: Geometry): boolean {
  if (geometry.type === 'GeometryCollection') return geometry.geometries.some(hasZ);
  let c: unknown = geometry.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && c.length === 3;
}

function byteLength(g: Geometry, dims: number): number {
  const pos = 8 * dims;
  switch (g.type) {
    case 'Point':
      return 5 + pos;
    case 'LineString':
    case 'MultiPoint':
      return g.type === 'LineString' ? 9 + g.coordinates.length * pos : 9 + g.coordinates.length * (5 + pos);
    case 'Polygon':
      return 9 + g.coordinates.reduce((n, ring) => n + 4 + ring.length * pos, 0);
    case 'MultiLineString':
      return 9 + g.coordinates.reduce((n, line) => n + 9 + line.length * pos, 0);
    case 'MultiPolygon':
      return 9 + g.coordinates.reduce((n, poly) => n + 9 + poly.reduce((m, ring) => m + 4 + ring.length * pos, 0), 0);
    case 'GeometryCollection':
      return 9 + g.geometries.reduce((n, child) => n + byteLength(child, dims), 0);
  }
}

class WkbWriter {
  readonly view: DataView;
  offset = 0;
  constructor(
    readonly buffer: Buffer,
    readonly dims: number,
  ) {
    this.view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  header(type: number, srid?: number): void {
    this.view.setUint8(this.offset, 1); // little endian
    let code = type | (this.dims === 3 ? Z_FLAG : 0);
    if (srid !== undefined) code |= SRID_FLAG;
    this.view.setUint32(this.offset + 1, code >>> 0, true);
    this.offset += 5;
    if (srid !== undefined) {
      this.view.setUint32(this.offset, srid, true);
      this.offset += 4;
    }
  }
  count(n: number): void {
    this.view.setUint32(this.offset, n, true);
    this.offset += 4;
  }
  position(p: Position): void {
    for (let i = 0; i < this.dims; i++) {
      this.view.setFloat64(this.offset, p[i] ?? 0, true);
      this.offset += 8;
    }
  }
  positions(ps: Position[]): void {
    this.count(ps.length);
    for (const p of ps) this.position(p);
  }
  geometry(g: Geometry, srid?: number): void {
    this.header(TYPE_CODE[g.type], srid);
    switch (g.type) {
      case 'Point':
        this.position(g.coordinates);
        return;
      case 'LineString':
        this.positions(g.coordinates);
        return;
      case 'MultiPoint':
        this.count(g.coordinates.length);
        for (const p of g.coordinates) this.geometry({ type: 'Point', coordinates: p });
        return;
      case 'Polygon':
        this.count(g.coordinates.length);
        for (const ring of g.coordinates) this.positions(ring);
        return;
      case 'MultiLineString':
        this.count(g.coordinates.length);
        for (const line of g.coordinates) this.geometry({ type: 'LineString', coordinates: line });
        return;
      case 'MultiPolygon':
        this.count(g.coordinates.length);
        for (const polygon of g.coordinates) this.geometry({ type: 'Polygon', coordinates: polygon });
        return;
      case 'GeometryCollection':
        this.count(g.geometries.length);
        for (const child of g.geometries) this.geometry(child);
        return;
    }
  }
}

/**
 * A validated GeoJSON geometry as hex EWKB with SRID 4326, the form PostGIS reads fastest in COPY. Doubles are
 * written bit for bit, so the stored geometry is exactly the one loaded.
 */
export function geometryToEwkbHex(geometry: Geometry): string {
  const dims = hasZ(geometry) ? 3 : 2;
  const buffer = Buffer.alloc(byteLength(geometry, dims) + 4);
  const writer = new WkbWriter(buffer, dims);
  writer.geometry(geometry, 4326);
  return buffer.toString('hex');
}
