/**
 * Postcodes of the territory and its neighbours with the coordinates of each town centre (WGS84),
 * so that "near 7500" can be answered without a geocoding service. Accuracy: about a kilometre.
 */
export interface PostcodePlace {
  country: 'BE' | 'FR';
  postcode: string;
  name: string;
  nameNl?: string;
  nameFr?: string;
  latitude: number;
  longitude: number;
}

type Row = [string, string, number, number, string?, string?];
const be = (rows: Row[]): PostcodePlace[] =>
  rows.map(([postcode, name, latitude, longitude, nameNl, nameFr]) => ({ country: 'BE', postcode, name, latitude, longitude, ...(nameNl ? { nameNl } : {}), ...(nameFr ? { nameFr } : {}) }));
const fr = (rows: Row[]): PostcodePlace[] =>
  rows.map(([postcode, name, latitude, longitude, nameNl]) => ({ country: 'FR', postcode, name, latitude, longitude, ...(nameNl ? { nameNl } : {}) }));

export const POSTCODE_PLACES: readonly PostcodePlace[] = [
  ...be([
    ['7500', 'Tournai', 50.6066, 3.3878, 'Doornik'],
    ['7520', 'Templeuve', 50.6419, 3.2811],
    ['7530', 'Gaurain-Ramecroix', 50.5850, 3.4850],
    ['7540', 'Kain', 50.6389, 3.3750],
    ['7548', 'Warchin', 50.5917, 3.4250],
    ['7600', 'Péruwelz', 50.5089, 3.5925],
    ['7610', 'Rumes', 50.5544, 3.3044],
    ['7620', 'Brunehaut', 50.5150, 3.3900],
    ['7640', 'Antoing', 50.5678, 3.4506],
    ['7700', 'Mouscron', 50.7440, 3.2140, 'Moeskroen'],
    ['7711', 'Dottignies', 50.7317, 3.3000, 'Dottenijs'],
    ['7730', 'Estaimpuis', 50.7042, 3.2678],
    ['7740', 'Pecq', 50.6856, 3.3383],
    ['7750', 'Mont-de-l’Enclus', 50.7472, 3.4917, 'Kluisbergen'],
    ['7760', 'Celles', 50.7108, 3.4575],
    ['7780', 'Comines-Warneton', 50.7700, 3.0000, 'Komen-Waasten'],
    ['7800', 'Ath', 50.6290, 3.7790, 'Aat'],
    ['7850', 'Enghien', 50.6936, 4.0406, 'Edingen'],
    ['7860', 'Lessines', 50.7117, 3.8361, 'Lessen'],
    ['7880', 'Flobecq', 50.7378, 3.7381, 'Vloesberg'],
    ['7890', 'Ellezelles', 50.7353, 3.6797, 'Elzele'],
    ['7900', 'Leuze-en-Hainaut', 50.6000, 3.6160],
    ['7910', 'Frasnes-lez-Anvaing', 50.6750, 3.6000],
    ['7940', 'Brugelette', 50.5958, 3.8528],
    ['7970', 'Beloeil', 50.5500, 3.7333],
    ['7830', 'Silly', 50.6500, 3.9250, 'Opzullik'],
    ['7320', 'Bernissart', 50.4750, 3.6500],
    ['7000', 'Mons', 50.4542, 3.9523, 'Bergen'],
    ['7100', 'La Louvière', 50.4797, 4.1872],
    ['7060', 'Soignies', 50.5792, 4.0711, 'Zinnik'],
    ['7300', 'Boussu', 50.4347, 3.7953],
    ['6000', 'Charleroi', 50.4108, 4.4446],
    ['8500', 'Kortrijk', 50.8280, 3.2649, undefined, 'Courtrai'],
    ['8501', 'Heule', 50.8389, 3.2361],
    ['8510', 'Marke', 50.8089, 3.2367],
    ['8511', 'Aalbeke', 50.7800, 3.2267],
    ['8520', 'Kuurne', 50.8514, 3.2836],
    ['8530', 'Harelbeke', 50.8567, 3.3089],
    ['8540', 'Deerlijk', 50.8528, 3.3544],
    ['8550', 'Zwevegem', 50.8122, 3.3367],
    ['8560', 'Wevelgem', 50.8103, 3.1828],
    ['8570', 'Anzegem', 50.8333, 3.4667],
    ['8580', 'Avelgem', 50.7742, 3.4450],
    ['8587', 'Spiere-Helkijn', 50.7250, 3.3594, undefined, 'Espierres-Helchin'],
    ['8790', 'Waregem', 50.8894, 3.4264],
    ['8800', 'Roeselare', 50.9444, 3.1239, undefined, 'Roulers'],
    ['8900', 'Ieper', 50.8503, 2.8833, undefined, 'Ypres'],
    ['8930', 'Menen', 50.7967, 3.1217, undefined, 'Menin'],
    ['8940', 'Wervik', 50.7800, 3.0400],
    ['8000', 'Brugge', 51.2093, 3.2247, undefined, 'Bruges'],
    ['9700', 'Oudenaarde', 50.8450, 3.6050, undefined, 'Audenarde'],
    ['9600', 'Ronse', 50.7461, 3.6008, undefined, 'Renaix'],
    ['9000', 'Gent', 51.0543, 3.7174, undefined, 'Gand'],
    ['1000', 'Bruxelles', 50.8467, 4.3525, 'Brussel'],
    ['4000', 'Liège', 50.6326, 5.5797, 'Luik'],
    ['5000', 'Namur', 50.4674, 4.8720, 'Namen'],
  ]),
  ...fr([
    ['59000', 'Lille', 50.6292, 3.0573, 'Rijsel'],
    ['59160', 'Lomme', 50.6436, 2.9872],
    ['59260', 'Hellemmes-Lille', 50.6261, 3.1103],
    ['59777', 'Euralille', 50.6367, 3.0733],
    ['59800', 'Lille-Centre', 50.6370, 3.0635],
    ['59100', 'Roubaix', 50.6942, 3.1746],
    ['59200', 'Tourcoing', 50.7239, 3.1612],
    ['59650', 'Villeneuve-d’Ascq', 50.6233, 3.1450],
    ['59491', 'Villeneuve-d’Ascq', 50.6519, 3.1431],
    ['59700', 'Marcq-en-Barœul', 50.6711, 3.0975],
    ['59150', 'Wattrelos', 50.7017, 3.2170],
    ['59280', 'Armentières', 50.6881, 2.8811],
    ['59113', 'Seclin', 50.5489, 3.0297],
    ['59250', 'Halluin', 50.7833, 3.1256],
    ['59170', 'Croix', 50.6783, 3.1494],
    ['59130', 'Lambersart', 50.6500, 3.0250],
    ['59110', 'La Madeleine', 50.6547, 3.0706],
    ['59370', 'Mons-en-Barœul', 50.6411, 3.1100],
    ['59510', 'Hem', 50.6553, 3.1878],
    ['59390', 'Lys-lez-Lannoy', 50.6711, 3.2150],
    ['59120', 'Loos', 50.6142, 3.0136],
    ['59290', 'Wasquehal', 50.6703, 3.1308],
    ['59500', 'Douai', 50.3714, 3.0800],
    ['59300', 'Valenciennes', 50.3570, 3.5235],
    ['59600', 'Maubeuge', 50.2775, 3.9734],
    ['59140', 'Dunkerque', 51.0344, 2.3768, 'Duinkerke'],
    ['59230', 'Saint-Amand-les-Eaux', 50.4481, 3.4281],
    ['59310', 'Orchies', 50.4750, 3.2422],
    ['62000', 'Arras', 50.2910, 2.7775, 'Atrecht'],
    ['62300', 'Lens', 50.4321, 2.8333],
    ['62400', 'Béthune', 50.5303, 2.6408],
  ]),
];

const normalise = (text: string) =>
  text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[’'‘`-]/g, ' ').replace(/\s+/g, ' ').trim();

/** Places by postcode (exact, then prefix) or by any of their names (start, then anywhere); best first. */
export function findPlaces(query: string, limit = 10): PostcodePlace[] {
  const q = normalise(query);
  if (!q) return [];
  const scored = POSTCODE_PLACES.map((place) => {
    const names = [place.name, place.nameNl, place.nameFr].filter((n): n is string => Boolean(n)).map(normalise);
    const score = place.postcode === q ? 0
      : place.postcode.startsWith(q) ? 1
      : names.some((n) => n === q) ? 2
      : names.some((n) => n.startsWith(q)) ? 3
      : names.some((n) => n.includes(q)) ? 4
      : undefined;
    return { place, score };
  }).filter((entry): entry is { place: PostcodePlace; score: number } => entry.score !== undefined);
  return scored.sort((a, b) => a.score - b.score || a.place.postcode.localeCompare(b.place.postcode)).slice(0, limit).map((e) => e.place);
}

/** "50.61,3.39" or a postcode or town → coordinates and a label; undefined when unknown. */
export function resolvePlace(query: string): { latitude: number; longitude: number; label: string } | undefined {
  const coordinates = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,;]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(query);
  if (coordinates) {
    const latitude = Number(coordinates[1]);
    const longitude = Number(coordinates[2]);
    if (Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) return { latitude, longitude, label: `${latitude}, ${longitude}` };
    return undefined;
  }
  const [place] = findPlaces(query, 1);
  return place ? { latitude: place.latitude, longitude: place.longitude, label: `${place.postcode} ${place.name}` } : undefined;
}
