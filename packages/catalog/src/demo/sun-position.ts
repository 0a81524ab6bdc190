export interface SunPosition {
  /** Degrees above the horizon, -90 to 90. */
  elevation: number;
  /** Degrees clockwise from north, 0 to 360 (as `view:sun_azimuth` wants). */
  azimuth: number;
}

const RAD = Math.PI / 180;

/**
 * Where the sun stands, seen from a point in degrees at an instant (epoch ms), from the low-order Fourier series
 * for the sun's declination and the equation of time: within about half a degree, plenty for scene metadata.
 */
export function sunPosition(epochMs: number, lon: number, lat: number): SunPosition {
  const date = new Date(epochMs);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((epochMs - yearStart) / 86_400_000);
  const hours = date.getUTCHours() + date.getUTCMinutes() / 60 + date.getUTCSeconds() / 3600;
  // The fraction of the year in radians.
  const g = ((2 * Math.PI) / 365) * (dayOfYear + (hours - 12) / 24);
  const equationOfTimeMin = 229.18 * (0.000075 + 0.001868 * Math.cos(g) - 0.032077 * Math.sin(g) - 0.014615 * Math.cos(2 * g) - 0.040849 * Math.sin(2 * g));
  const declination =
    0.006918 -
    0.399912 * Math.cos(g) +
    0.070257 * Math.sin(g) -
    0.006758 * Math.cos(2 * g) +
    0.000907 * Math.sin(2 * g) -
    0.002697 * Math.cos(3 * g) +
    0.00148 * Math.sin(3 * g);
  const trueSolarMinutes = hours * 60 + equationOfTimeMin + 4 * lon;
  const hourAngle = (trueSolarMinutes / 4 - 180) * RAD;
  const phi = lat * RAD;
  const sinElevation = Math.sin(phi) * Math.sin(declination) + Math.cos(phi) * Math.cos(declination) * Math.cos(hourAngle);
  const elevation = Math.asin(Math.max(-1, Math.min(1, sinElevation))) / RAD;
  // Measured from south towards west, then turned to count from north.
  const fromSouth = Math.atan2(Math.sin(hourAngle), Math.cos(hourAngle) * Math.sin(phi) - Math.tan(declination) * Math.cos(phi)) / RAD;
  const azimuth = (fromSouth + 180 + 360) % 360;
  return { elevation, azimuth };
}
