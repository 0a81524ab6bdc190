// Per-band statistics of an image as rio-tiler 6.8 computes them (rio_tiler.utils.get_array_statistics with
// every coverage fraction 1): NaN and infinities are masked first; percentiles and the median are the sorted
// value at the first cumulative count reaching q * count (its weighted quantile), std is the population std,
// and the histogram is numpy.histogram's (equal bins over [min, max], the last bin closed).
import { AppError } from '@pqe/common';
import type { TypedArray } from '../types.js';
import type { ImageData } from './image-data.js';

export interface StatisticsOptions {
  categorical?: boolean | undefined;
  /** With categorical: the values to count (others are left out). */
  categories?: readonly number[] | undefined;
  percentiles?: readonly number[] | undefined;
  /** A bin count (default 10) or the bins' edges. */
  histogramBins?: number | readonly number[] | undefined;
  histogramRange?: readonly [number, number] | undefined;
}

export interface BandStatistics {
  min: number;
  max: number;
  mean: number;
  count: number;
  sum: number;
  std: number;
  median: number;
  majority: number;
  minority: number;
  unique: number;
  histogram: [number[], number[]];
  valid_percent: number;
  masked_pixels: number;
  valid_pixels: number;
  [percentile: `percentile_${number}`]: number;
}

const MAX_BINS = 10_000;

export function imageStatistics(image: ImageData, options: StatisticsOptions = {}): Record<string, BandStatistics> {
  const percentiles = options.percentiles?.length ? options.percentiles : [2, 98];
  for (const p of percentiles) {
    if (!(p >= 0 && p <= 100)) throw new AppError('InvalidParameter', `Percentiles are from 0 to 100, not ${p}.`);
  }
  const out: Record<string, BandStatistics> = {};
  image.bands.forEach((band, b) => {
    out[image.bandNames[b] ?? `b${b + 1}`] = bandStatistics(validValues(band, image.mask), band.length, percentiles, options);
  });
  return out;
}

/** The valid, finite values of a band, sorted ascending, as float64. */
function validValues(band: TypedArray, mask: Uint8Array): Float64Array {
  const values = new Float64Array(band.length);
  let n = 0;
  for (let i = 0; i < band.length; i++) {
    const v = band[i] as number;
    if (mask[i] !== 0 && Number.isFinite(v)) values[n++] = v;
  }
  return values.subarray(0, n).sort();
}

function bandStatistics(sorted: Float64Array, size: number, percentiles: readonly number[], options: StatisticsOptions): BandStatistics {
  const n = sorted.length;
  const keys: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; ) {
    const v = sorted[i] as number;
    let j = i + 1;
    while (j < n && sorted[j] === v) j++;
    keys.push(v);
    counts.push(j - i);
    i = j;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] as number;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = (sorted[i] as number) - mean;
    squares += d * d;
  }
  let majority = Number.NaN;
  let minority = Number.NaN;
  if (n > 0) {
    let maxAt = 0;
    let minAt = 0;
    for (let k = 1; k < counts.length; k++) {
      if ((counts[k] as number) > (counts[maxAt] as number)) maxAt = k;
      if ((counts[k] as number) < (counts[minAt] as number)) minAt = k;
    }
    majority = keys[maxAt] as number;
    minority = keys[minAt] as number;
  }
  const stats: BandStatistics = {
    min: n ? (sorted[0] as number) : Number.NaN,
    max: n ? (sorted[n - 1] as number) : Number.NaN,
    mean,
    count: n,
    sum,
    std: Math.sqrt(squares / n),
    median: quantile(sorted, 0.5),
    majority,
    minority,
    unique: keys.length,
    histogram: options.categorical ? categorical(keys, counts, options.categories) : histogram(sorted, options.histogramBins ?? 10, options.histogramRange),
    valid_pixels: n,
    masked_pixels: size - n,
    valid_percent: Math.round((n / size) * 100 * 100) / 100,
  };
  for (const p of percentiles) stats[`percentile_${Math.trunc(p)}`] = quantile(sorted, p / 100);
  return stats;
}

/** The first sorted value whose cumulative count reaches q * count (numpy.searchsorted, left). */
export function quantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const target = q * n;
  const i = Math.min(n - 1, Math.max(0, Math.ceil(target) - 1));
  return sorted[i] as number;
}

function categorical(keys: number[], counts: number[], categories: readonly number[] | undefined): [number[], number[]] {
  if (!categories?.length) return [counts, keys];
  const byKey = new Map(keys.map((k, i) => [k, counts[i] as number]));
  return [categories.map((c) => byKey.get(c) ?? 0), [...categories]];
}

/** numpy.histogram of sorted values: `bins` equal bins over `range` (default [min, max]) or the given edges. */
export function histogram(sorted: Float64Array, bins: number | readonly number[], range?: readonly [number, number]): [number[], number[]] {
  let edges: number[];
  if (typeof bins === 'number') {
    if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS)
      throw new AppError('InvalidParameter', `histogram_bins must be a whole number from 1 to ${MAX_BINS}.`);
    let first = range ? range[0] : sorted.length ? (sorted[0] as number) : 0;
    let last = range ? range[1] : sorted.length ? (sorted[sorted.length - 1] as number) : 1;
    if (!(first <= last) || !Number.isFinite(first) || !Number.isFinite(last)) {
      throw new AppError('InvalidParameter', 'histogram_range is two finite numbers, min before max.');
    }
    if (first === last) {
      first -= 0.5;
      last += 0.5;
    }
    // numpy.linspace: start + i * step, the last edge exactly `last`.
    const step = (last - first) / bins;
    edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? last : first + i * step));
  } else {
    if (bins.length < 2 || bins.length > MAX_BINS + 1 || !bins.every((e, i) => Number.isFinite(e) && (i === 0 || e >= (bins[i - 1] as number)))) {
      throw new AppError('InvalidParameter', 'histogram_bins edges must be increasing finite numbers.');
    }
    edges = [...bins];
  }
  const counts = new Array<number>(edges.length - 1).fill(0);
  const lo = edges[0] as number;
  const hi = edges[edges.length - 1] as number;
  let k = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number;
    if (v < lo || v > hi) continue;
    // Values are sorted: the bin only moves forward. Bins are half-open except the last.
    while (k < counts.length - 1 && v >= (edges[k + 1] as number)) k++;
    counts[k] = (counts[k] as number) + 1;
  }
  return [counts, edges];
}
