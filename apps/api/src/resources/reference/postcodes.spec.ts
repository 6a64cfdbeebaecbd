import { POSTCODE_PLACES, findPlaces, resolvePlace, type PostcodePlace } from './postcodes';

/** Great-circle distance in kilometres. */
function haversineKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function place(country: PostcodePlace['country'], postcode: string, name: string): PostcodePlace {
  const found = POSTCODE_PLACES.find((p) => p.country === country && p.postcode === postcode && p.name === name);
  if (!found) throw new Error(`missing ${country} ${postcode} ${name}`);
  return found;
}

describe('POSTCODE_PLACES', () => {
  it('holds at least 150 places', () => {
    expect(POSTCODE_PLACES.length).toBeGreaterThanOrEqual(150);
  });

  it('uses 4-digit Belgian and 5-digit French postcodes', () => {
    for (const p of POSTCODE_PLACES) {
      expect(`${p.country} ${p.postcode}`).toMatch(p.country === 'BE' ? /^BE [1-9]\d{3}$/ : /^FR (59|62)\d{3}$/);
    }
  });

  it('keeps every place inside the area', () => {
    for (const p of POSTCODE_PLACES) {
      const where = `${p.postcode} ${p.name} (${p.latitude}, ${p.longitude})`;
      expect([where, p.latitude >= 49.5 && p.latitude <= 51.5]).toEqual([where, true]);
      expect([where, p.longitude >= 2.0 && p.longitude <= 5.8]).toEqual([where, true]);
    }
  });

  it('has non-empty names and no duplicate (country, postcode, name)', () => {
    const keys = POSTCODE_PLACES.map((p) => `${p.country}|${p.postcode}|${p.name}`);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
    for (const p of POSTCODE_PLACES) {
      expect(p.name.trim()).toBe(p.name);
      expect(p.name.length).toBeGreaterThan(0);
    }
  });

  it('covers the towns the brief names', () => {
    for (const [country, postcode, name] of [
      ['BE', '7500', 'Tournai'], ['BE', '7700', 'Mouscron'], ['BE', '7780', 'Comines-Warneton'], ['BE', '7800', 'Ath'],
      ['BE', '7000', 'Mons'], ['BE', '6000', 'Charleroi'], ['BE', '8500', 'Kortrijk'], ['BE', '8930', 'Menen'],
      ['BE', '1000', 'Bruxelles'], ['FR', '59000', 'Lille'], ['FR', '59100', 'Roubaix'], ['FR', '59200', 'Tourcoing'],
      ['FR', '59650', "Villeneuve-d'Ascq"], ['FR', '62000', 'Arras'],
    ] as const) {
      expect(place(country, postcode, name)).toBeDefined();
    }
    expect(place('BE', '7500', 'Tournai').nameNl).toBe('Doornik');
    expect(place('BE', '8500', 'Kortrijk').nameFr).toBe('Courtrai');
    expect(place('FR', '59000', 'Lille').nameNl).toBe('Rijsel');
  });

  it('puts known towns at plausible distances from each other', () => {
    const tournai = place('BE', '7500', 'Tournai');
    const lille = place('FR', '59000', 'Lille');
    expect(Math.abs(haversineKm(tournai, lille) - 24)).toBeLessThanOrEqual(5);
    expect(Math.abs(haversineKm(place('BE', '8500', 'Kortrijk'), lille) - 25)).toBeLessThanOrEqual(5);
    expect(haversineKm(place('BE', '7700', 'Mouscron'), place('FR', '59200', 'Tourcoing'))).toBeLessThan(8);
    expect(Math.abs(haversineKm(place('BE', '7800', 'Ath'), tournai) - 28)).toBeLessThanOrEqual(6);
    expect(Math.abs(haversineKm(place('BE', '7000', 'Mons'), place('BE', '1000', 'Bruxelles')) - 53)).toBeLessThanOrEqual(6);
  });
});

describe('findPlaces', () => {
  it('puts the exact postcode first, the main town before its villages', () => {
    const found = findPlaces('7500');
    expect(found[0].name).toBe('Tournai');
    expect(found.every((p) => p.postcode === '7500')).toBe(true);
  });

  it('then postcode prefixes, in postcode order', () => {
    const found = findPlaces('754', 50);
    expect(found.length).toBeGreaterThan(3);
    expect(found.every((p) => p.postcode.startsWith('754'))).toBe(true);
    expect(found.map((p) => p.postcode)).toEqual([...found.map((p) => p.postcode)].sort());
    expect(findPlaces('59', 3)).toHaveLength(3);
  });

  it('finds a place by any of its names, ignoring case and accents', () => {
    expect(findPlaces('doornik')[0].name).toBe('Tournai');
    expect(findPlaces('COURTRAI')[0].name).toBe('Kortrijk');
    expect(findPlaces('rijsel')[0].postcode).toBe('59000');
    expect(findPlaces('peruwelz')[0].name).toBe('Péruwelz');
    expect(findPlaces('Liege')[0].name).toBe('Liège');
  });

  it('ignores hyphens, apostrophes and ligatures', () => {
    expect(findPlaces('villeneuve d ascq').map((p) => p.name)).toContain("Villeneuve-d'Ascq");
    expect(findPlaces('villeneuve-d’ascq')[0].name).toBe("Villeneuve-d'Ascq");
    expect(findPlaces('mont de l enclus')[0].name).toBe("Mont-de-l'Enclus");
    expect(findPlaces('marcq en baroeul')[0].name).toBe('Marcq-en-Barœul');
  });

  it('ranks exact names before names that start with the query, and those before names that contain it', () => {
    expect(findPlaces('mons').map((p) => p.name).slice(0, 2)).toEqual(['Mons', 'Mons-en-Barœul']);
    const lille = findPlaces('lille', 20);
    expect(lille[0]).toMatchObject({ postcode: '59000', name: 'Lille' });
    const firstContaining = lille.findIndex((p) => p.name !== 'Lille');
    expect(lille.slice(firstContaining).every((p) => p.name !== 'Lille')).toBe(true);
    expect(lille.map((p) => p.name)).toEqual(expect.arrayContaining(['Hellemmes-Lille', 'Marquette-lez-Lille']));
  });

  it('understands a country in front of the postcode and a name after it', () => {
    expect(findPlaces('F-59000')[0].name).toBe('Lille');
    expect(findPlaces('B-7700')[0].name).toBe('Mouscron');
    expect(findPlaces('BE 59000')).toEqual([]);
    expect(findPlaces('7500 Saint-Maur')[0].name).toBe('Saint-Maur');
    expect(findPlaces('59160 Lomme')[0].name).toBe('Lomme');
  });

  it('respects the limit and returns nothing for empty or unknown queries', () => {
    expect(findPlaces('7', 5)).toHaveLength(5);
    expect(findPlaces('e', 0)).toEqual([]);
    expect(findPlaces('')).toEqual([]);
    expect(findPlaces('  - ')).toEqual([]);
    expect(findPlaces('Atlantis')).toEqual([]);
  });
});

describe('resolvePlace', () => {
  it('reads coordinates as they are', () => {
    expect(resolvePlace('50.6,3.4')).toEqual({ latitude: 50.6, longitude: 3.4, label: '50.6, 3.4' });
    expect(resolvePlace(' 50.6066 ; 3.3878 ')).toMatchObject({ latitude: 50.6066, longitude: 3.3878 });
  });

  it('rejects coordinates out of range', () => {
    expect(resolvePlace('95.0,3.4')).toBeUndefined();
    expect(resolvePlace('50.0,190.5')).toBeUndefined();
  });

  it('turns a postcode or a town into its coordinates and a label', () => {
    expect(resolvePlace('59000')).toEqual({ latitude: 50.6292, longitude: 3.0573, label: '59000 Lille' });
    expect(resolvePlace('tournai')).toMatchObject({ label: '7500 Tournai' });
    expect(resolvePlace('Kortrijk')).toMatchObject({ label: '8500 Kortrijk' });
    const label = resolvePlace('moeskroen')?.label;
    expect(label).toBe('7700 Mouscron');
    expect(resolvePlace(label ?? '')).toMatchObject({ label: '7700 Mouscron' });
  });

  it('is undefined for an unknown place', () => {
    expect(resolvePlace('nowhere')).toBeUndefined();
    expect(resolvePlace('')).toBeUndefined();
  });
});
