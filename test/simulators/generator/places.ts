/** Place objects and labels per city, shared by every candidate in that city. */
import type { NeutralCandidate } from './neutral-model';
import { CITIES, type CityEntry } from './people-vocabulary';

export type Place = NonNullable<NeutralCandidate['place']>;

/** A million candidates in 25 cities need 25 place objects, not a million copies. */
const PLACES = new Map<CityEntry, { place: Place; label: string }>(
  CITIES.map((city) => {
    const { phoneFormat: _p, linkedinSubdomain: _l, ...place } = city;
    return [city, { place, label: `${place.city}, ${place.country}` }];
  }),
);

export function placeOf(city: CityEntry): Place {
  const entry = PLACES.get(city);
  if (!entry) throw new Error(`unknown city ${city.city}`);
  return entry.place;
}

/** "City, Country", shared per city. */
export function placeLabel(city: CityEntry): string {
  return PLACES.get(city)?.label ?? city.city;
}
