/**
 * Great-circle distance in km between the sites row `s` and a point whose latitude and longitude are
 * the SQL expressions `lat` and `lng` (placeholders, usually). NULL when either has no coordinates.
 */
export const distanceKm = (s: string, lat: string, lng: string): string => `(6371 * 2 * asin(sqrt(power(sin(radians(${s}.latitude - ${lat}) / 2), 2)
  + cos(radians(${lat})) * cos(radians(${s}.latitude)) * power(sin(radians(${s}.longitude - ${lng}) / 2), 2))))`;
