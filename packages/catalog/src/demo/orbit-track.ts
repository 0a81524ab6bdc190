/** Which way a pass crosses the equator: northwards (ascending) or southwards (descending). */
export type OrbitState = 'ascending' | 'descending';

/** A sun-synchronous orbit's inclination: a little past polar, so that the orbit turns with the Earth's year. */
const INCLINATION_DEG = 98.6;
/** The Earth turning under the satellite bends its ground track a few degrees further west than the orbit alone. */
const EARTH_ROTATION_SKEW_DEG = 3;

/**
 * The heading of a sun-synchronous ground track at a latitude, in degrees clockwise from north: north-north-west
 * when ascending, south-south-west when descending, leaning further from the meridian towards the poles.
 */
export function trackHeading(latDeg: number, state: OrbitState): number {
  const cosLat = Math.max(Math.cos((latDeg * Math.PI) / 180), 0.2);
  const lean = (Math.asin(Math.min(1, -Math.cos((INCLINATION_DEG * Math.PI) / 180) / cosLat)) * 180) / Math.PI + EARTH_ROTATION_SKEW_DEG;
  return state === 'ascending' ? 360 - lean : 180 + lean;
}

/**
 * The UTC instant (epoch ms) on the day that starts at `dayStartMs` (UTC midnight) when the local mean solar time
 * at `lon` is `localHours`: a sun-synchronous satellite passes every place at about the same local time.
 */
export function utcAtLocalSolarTime(dayStartMs: number, localHours: number, lon: number): number {
  return dayStartMs + (localHours - lon / 15) * 3_600_000;
}
