import type { Country, OpeningInterval, OrganisationKind, Region, ResourceKind, Sector } from '@equipole/shared';

/**
 * A fictional, plausible cluster across Wallonia Picardie, Lille and Kortrijk. Every name here is
 * invented; `.test` addresses never deliver mail.
 */
export const DEMO_PASSWORD = 'Equipole-Demo-2026!';

export interface DemoOrganisation {
  key: string;
  kind: OrganisationKind;
  name: string;
  country: Country;
  address: string;
  postcode: string;
  city: string;
  latitude: number;
  longitude: number;
  registrationNumber?: string;
  contactEmail: string;
  website?: string;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { key: 'fonds', kind: 'sector_fund', name: 'Fonds Métal & Technologie Picardie (fictif)', country: 'BE', address: 'Rue des Forges 12', postcode: '7500', city: 'Tournai', latitude: 50.6066, longitude: 3.3878, registrationNumber: '0412.345.614', contactEmail: 'contact@fonds-metal.test' },
  { key: 'escaut', kind: 'training_centre', name: 'Centre de formation Escaut Industrie', country: 'BE', address: 'Quai des Salines 4', postcode: '7500', city: 'Tournai', latitude: 50.6118, longitude: 3.3930, contactEmail: 'accueil@escaut-industrie.test', website: 'https://escaut-industrie.test' },
  { key: 'vlaskouter', kind: 'training_centre', name: 'Opleidingscentrum Vlaskouter', country: 'BE', address: 'Vlasstraat 21', postcode: '8500', city: 'Kortrijk', latitude: 50.8260, longitude: 3.2650, registrationNumber: '0823.456.754', contactEmail: 'info@vlaskouter.test' },
  { key: 'dumoulin', kind: 'company', name: 'Métallerie Dumoulin & Fils', country: 'BE', address: 'Zoning de la Dendre 8', postcode: '7800', city: 'Ath', latitude: 50.6290, longitude: 3.7790, registrationNumber: '0634.567.862', contactEmail: 'atelier@dumoulin.test' },
  { key: 'hainaut-precision', kind: 'company', name: 'Usinage Hainaut Précision', country: 'BE', address: 'Rue du Progrès 55', postcode: '7700', city: 'Mouscron', latitude: 50.7440, longitude: 3.2140, contactEmail: 'rh@hainaut-precision.test' },
  { key: 'lys-escaut', kind: 'company', name: 'Transports Lys-Escaut', country: 'FR', address: '18 rue de la Gare d’Eau', postcode: '59100', city: 'Roubaix', latitude: 50.6900, longitude: 3.1820, registrationNumber: '55210055400013', contactEmail: 'formation@lys-escaut.test' },
  { key: 'athenee', kind: 'school', name: 'Athénée technique des Collines', country: 'BE', address: 'Avenue des Collines 3', postcode: '7800', city: 'Ath', latitude: 50.6330, longitude: 3.7720, contactEmail: 'direction@athenee-collines.test' },
  { key: 'beffroi', kind: 'school', name: 'Lycée des Métiers du Beffroi', country: 'FR', address: '40 boulevard des Ateliers', postcode: '59000', city: 'Lille', latitude: 50.6292, longitude: 3.0573, contactEmail: 'ddfpt@lycee-beffroi.test' },
  { key: 'leiestroom', kind: 'school', name: 'Technisch Instituut Leiestroom', country: 'BE', address: 'Leieboord 7', postcode: '8500', city: 'Kortrijk', latitude: 50.8300, longitude: 3.2700, contactEmail: 'secretariaat@leiestroom.test' },
  { key: 'emploi-wapi', kind: 'public_service', name: 'Service public de l’emploi – antenne Wapi (démo)', country: 'BE', address: 'Rue Royale 100', postcode: '7500', city: 'Tournai', latitude: 50.6050, longitude: 3.3890, contactEmail: 'wapi@emploi-demo.test' },
  { key: 'emploi-lille', kind: 'public_service', name: 'Agence emploi Lille-Métropole (démo)', country: 'FR', address: '2 place des Métiers', postcode: '59800', city: 'Lille', latitude: 50.6365, longitude: 3.0635, contactEmail: 'lille@emploi-demo.test' },
  { key: 'afpa-nord', kind: 'training_centre', name: 'Campus des Métiers de la Deûle', country: 'FR', address: '9 rue de l’Industrie', postcode: '59160', city: 'Lomme', latitude: 50.6430, longitude: 2.9870, contactEmail: 'campus@deule-metiers.test' },
];

export interface DemoUser {
  email: string;
  name: string;
  locale: 'fr' | 'nl' | 'en';
  coordinator?: boolean;
  memberships: { organisation: string; role: 'manager' | 'member' }[];
  /** What the README says this account is for. */
  role: string;
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'coordination@equipole.test', name: 'Claire Dumont', locale: 'fr', coordinator: true, memberships: [], role: 'Platform coordinator' },
  { email: 'gestion@escaut-industrie.test', name: 'Marc Vandenberghe', locale: 'fr', memberships: [{ organisation: 'escaut', role: 'manager' }], role: 'Manager, training centre (Tournai)' },
  { email: 'atelier@dumoulin.test', name: 'Sophie Dumoulin', locale: 'fr', memberships: [{ organisation: 'dumoulin', role: 'manager' }], role: 'Manager, company (Ath)' },
  { email: 'beheer@vlaskouter.test', name: 'Pieter Declercq', locale: 'nl', memberships: [{ organisation: 'vlaskouter', role: 'manager' }], role: 'Manager, training centre (Kortrijk)' },
  { email: 'fund@fonds-metal.test', name: 'Emma Carter', locale: 'en', memberships: [{ organisation: 'fonds', role: 'manager' }, { organisation: 'hainaut-precision', role: 'manager' }], role: 'Manager, sector fund and company (English)' },
  { email: 'formateur@athenee-collines.test', name: 'Julien Lefebvre', locale: 'fr', memberships: [{ organisation: 'athenee', role: 'member' }], role: 'Member, school (trainer, Ath)' },
  { email: 'enseignante@lycee-beffroi.test', name: 'Nadia Benali', locale: 'fr', memberships: [{ organisation: 'beffroi', role: 'manager' }], role: 'Manager, school (Lille)' },
  { email: 'leerkracht@leiestroom.test', name: 'Lotte Vermeersch', locale: 'nl', memberships: [{ organisation: 'leiestroom', role: 'member' }], role: 'Member, school (Kortrijk)' },
  { email: 'conseiller@emploi-demo.test', name: 'Thomas Lambert', locale: 'fr', memberships: [{ organisation: 'emploi-wapi', role: 'member' }, { organisation: 'emploi-lille', role: 'member' }], role: 'Member, public employment services (BE and FR)' },
];

export interface DemoResource {
  owner: string;
  site: string;
  kind: ResourceKind;
  fr: string;
  nl: string;
  en: string;
  descriptionFr: string;
  capacity: number;
  sector: Sector;
  occupations: string[];
  hours: 'weekdays' | 'long' | 'school';
  bufferAfter: number;
  approval: 'automatic' | 'owner' | 'cluster_automatic';
  withOperator?: boolean;
  costModel?: 'free' | 'hourly' | 'cost_sharing';
  hourlyRate?: number;
  clusters: string[];
  /** Key of a DEMO_CREDENTIALS entry that bookers must hold. */
  credential?: string;
}

export interface DemoSite {
  key: string;
  owner: string;
  name: string;
  address: string;
  postcode: string;
  city: string;
  country: Country;
  region: Region;
  latitude: number;
  longitude: number;
  timeZone: string;
}

export const DEMO_SITES: DemoSite[] = [
  { key: 'escaut-tournai', owner: 'escaut', name: 'Halle technique des Salines', address: 'Quai des Salines 4', postcode: '7500', city: 'Tournai', country: 'BE', region: 'WAL', latitude: 50.6118, longitude: 3.3930, timeZone: 'Europe/Brussels' },
  { key: 'escaut-leuze', owner: 'escaut', name: 'Antenne de Leuze – plateau logistique', address: 'Rue de la Station 30', postcode: '7900', city: 'Leuze-en-Hainaut', country: 'BE', region: 'WAL', latitude: 50.6000, longitude: 3.6160, timeZone: 'Europe/Brussels' },
  { key: 'vlaskouter-kortrijk', owner: 'vlaskouter', name: 'Campus Vlaskouter', address: 'Vlasstraat 21', postcode: '8500', city: 'Kortrijk', country: 'BE', region: 'VLA', latitude: 50.8260, longitude: 3.2650, timeZone: 'Europe/Brussels' },
  { key: 'dumoulin-ath', owner: 'dumoulin', name: 'Atelier Dumoulin', address: 'Zoning de la Dendre 8', postcode: '7800', city: 'Ath', country: 'BE', region: 'WAL', latitude: 50.6290, longitude: 3.7790, timeZone: 'Europe/Brussels' },
  { key: 'precision-mouscron', owner: 'hainaut-precision', name: 'Usine de Mouscron', address: 'Rue du Progrès 55', postcode: '7700', city: 'Mouscron', country: 'BE', region: 'WAL', latitude: 50.7440, longitude: 3.2140, timeZone: 'Europe/Brussels' },
  { key: 'lys-roubaix', owner: 'lys-escaut', name: 'Plateforme Lys-Escaut', address: '18 rue de la Gare d’Eau', postcode: '59100', city: 'Roubaix', country: 'FR', region: 'HDF', latitude: 50.6900, longitude: 3.1820, timeZone: 'Europe/Paris' },
  { key: 'athenee-ath', owner: 'athenee', name: 'Ateliers de l’Athénée', address: 'Avenue des Collines 3', postcode: '7800', city: 'Ath', country: 'BE', region: 'WAL', latitude: 50.6330, longitude: 3.7720, timeZone: 'Europe/Brussels' },
  { key: 'beffroi-lille', owner: 'beffroi', name: 'Plateau technique du Beffroi', address: '40 boulevard des Ateliers', postcode: '59000', city: 'Lille', country: 'FR', region: 'HDF', latitude: 50.6292, longitude: 3.0573, timeZone: 'Europe/Paris' },
  { key: 'deule-lomme', owner: 'afpa-nord', name: 'Campus de la Deûle', address: '9 rue de l’Industrie', postcode: '59160', city: 'Lomme', country: 'FR', region: 'HDF', latitude: 50.6430, longitude: 2.9870, timeZone: 'Europe/Paris' },
];

type R = Omit<DemoResource, 'owner'>;
const at = (owner: string, items: R[]): DemoResource[] => items.map((item) => ({ ...item, owner }));

export const DEMO_RESOURCES: DemoResource[] = [
  ...at('escaut', [
    { site: 'escaut-tournai', kind: 'machine', fr: 'Tour CNC 2 axes', nl: 'CNC-draaibank 2 assen', en: '2-axis CNC lathe', descriptionFr: 'Tour à commande numérique avec commande Fanuc, idéal pour l’apprentissage de la programmation ISO.', capacity: 4, sector: 'industry', occupations: ['cnc-operator'], hours: 'weekdays', bufferAfter: 15, approval: 'cluster_automatic', clusters: ['metal'] },
    { credential: 'cnc', site: 'escaut-tournai', kind: 'machine', fr: 'Centre d’usinage 5 axes', nl: '5-assig bewerkingscentrum', en: '5-axis machining centre', descriptionFr: 'Centre d’usinage vertical 5 axes avec palpeur et logiciel de FAO.', capacity: 3, sector: 'industry', occupations: ['cnc-operator'], hours: 'weekdays', bufferAfter: 30, approval: 'owner', withOperator: true, costModel: 'hourly', hourlyRate: 45, clusters: ['metal'] },
    { site: 'escaut-tournai', kind: 'workshop', fr: 'Atelier de soudure MIG/MAG (12 postes)', nl: 'MIG/MAG-lasatelier (12 posten)', en: 'MIG/MAG welding workshop (12 stations)', descriptionFr: 'Douze cabines équipées, aspiration des fumées, EPI disponibles sur place.', capacity: 12, sector: 'industry', occupations: ['welder', 'metal-fabricator'], hours: 'long', bufferAfter: 15, approval: 'cluster_automatic', clusters: ['metal'] },
    { site: 'escaut-tournai', kind: 'simulator', fr: 'Simulateur de soudage en réalité virtuelle', nl: 'VR-lassimulator', en: 'Virtual reality welding simulator', descriptionFr: 'Deux postes de simulation pour découvrir le soudage sans consommables.', capacity: 2, sector: 'industry', occupations: ['welder'], hours: 'weekdays', bufferAfter: 0, approval: 'automatic', clusters: ['metal'] },
    { site: 'escaut-tournai', kind: 'tool_kit', fr: 'Bancs d’automates programmables', nl: 'PLC-opleidingsbanken', en: 'PLC training benches', descriptionFr: 'Six bancs Siemens S7 avec modules d’entrées-sorties et écrans HMI.', capacity: 12, sector: 'industry', occupations: ['automation-technician', 'industrial-electrician'], hours: 'weekdays', bufferAfter: 0, approval: 'automatic', clusters: ['metal'] },
    { credential: 'forklift', site: 'escaut-leuze', kind: 'vehicle', fr: 'Chariot élévateur frontal', nl: 'Frontale heftruck', en: 'Counterbalance forklift', descriptionFr: 'Chariot électrique 2,5 t sur aire d’évolution balisée.', capacity: 2, sector: 'logistics', occupations: ['forklift-operator'], hours: 'weekdays', bufferAfter: 15, approval: 'owner', clusters: ['logistics'] },
    { site: 'escaut-leuze', kind: 'simulator', fr: 'Simulateur de conduite poids lourd', nl: 'Vrachtwagensimulator', en: 'Heavy truck driving simulator', descriptionFr: 'Cabine complète sur plateforme dynamique, scénarios de conduite économique et de sécurité.', capacity: 2, sector: 'logistics', occupations: ['heavy-truck-driver'], hours: 'long', bufferAfter: 15, approval: 'automatic', clusters: ['logistics'] },
  ]),
  ...at('vlaskouter', [
    { site: 'vlaskouter-kortrijk', kind: 'machine', fr: 'Cellule robotisée de soudage', nl: 'Robotlascel', en: 'Robotic welding cell', descriptionFr: 'Robot 6 axes avec positionneur, programmation par apprentissage.', capacity: 4, sector: 'industry', occupations: ['welder', 'automation-technician'], hours: 'weekdays', bufferAfter: 30, approval: 'owner', withOperator: true, clusters: ['metal'] },
    { site: 'vlaskouter-kortrijk', kind: 'tool_kit', fr: 'Bancs hydraulique et pneumatique', nl: 'Hydrauliek- en pneumatiekbanken', en: 'Hydraulics and pneumatics benches', descriptionFr: 'Quatre bancs didactiques pour la maintenance industrielle.', capacity: 8, sector: 'industry', occupations: ['industrial-maintenance-technician'], hours: 'weekdays', bufferAfter: 0, approval: 'cluster_automatic', clusters: ['metal'] },
    { site: 'vlaskouter-kortrijk', kind: 'workshop', fr: 'Atelier pompes à chaleur', nl: 'Atelier warmtepompen', en: 'Heat pump workshop', descriptionFr: 'Pompes à chaleur air-eau et sol-eau en fonctionnement, station de récupération de fluide.', capacity: 10, sector: 'energy', occupations: ['hvac-technician'], hours: 'weekdays', bufferAfter: 15, approval: 'owner', costModel: 'cost_sharing', clusters: [] },
    { site: 'vlaskouter-kortrijk', kind: 'workshop', fr: 'Toiture photovoltaïque d’entraînement', nl: 'Oefendak zonnepanelen', en: 'Solar roof training rig', descriptionFr: 'Maquette de toiture à taille réelle avec harnais et lignes de vie.', capacity: 8, sector: 'energy', occupations: ['solar-installer'], hours: 'weekdays', bufferAfter: 30, approval: 'owner', clusters: [] },
  ]),
  ...at('dumoulin', [
    { credential: 'press', site: 'dumoulin-ath', kind: 'machine', fr: 'Plieuse CNC 100 t', nl: 'CNC-plooibank 100 ton', en: '100 t CNC press brake', descriptionFr: 'Presse plieuse de production ouverte aux formations le vendredi et en soirée.', capacity: 2, sector: 'industry', occupations: ['metal-fabricator'], hours: 'weekdays', bufferAfter: 30, approval: 'owner', withOperator: true, costModel: 'hourly', hourlyRate: 60, clusters: ['metal'] },
    { site: 'dumoulin-ath', kind: 'machine', fr: 'Découpe plasma CNC', nl: 'CNC-plasmasnijder', en: 'CNC plasma cutter', descriptionFr: 'Table de découpe plasma 3 × 1,5 m avec logiciel d’imbrication.', capacity: 3, sector: 'industry', occupations: ['metal-fabricator', 'welder'], hours: 'weekdays', bufferAfter: 15, approval: 'owner', withOperator: true, clusters: ['metal'] },
  ]),
  ...at('hainaut-precision', [
    { site: 'precision-mouscron', kind: 'machine', fr: 'Machine à mesurer tridimensionnelle', nl: '3D-meetmachine', en: 'Coordinate measuring machine', descriptionFr: 'MMT en salle climatisée pour l’initiation à la métrologie.', capacity: 4, sector: 'industry', occupations: ['cnc-operator'], hours: 'weekdays', bufferAfter: 15, approval: 'owner', withOperator: true, clusters: ['metal'] },
    { site: 'precision-mouscron', kind: 'machine', fr: 'Fraiseuse CNC 3 axes', nl: 'CNC-freesmachine 3 assen', en: '3-axis CNC milling machine', descriptionFr: 'Fraiseuse d’atelier disponible en dehors des pics de production.', capacity: 3, sector: 'industry', occupations: ['cnc-operator'], hours: 'weekdays', bufferAfter: 15, approval: 'cluster_automatic', clusters: ['metal'] },
  ]),
  ...at('lys-escaut', [
    { site: 'lys-roubaix', kind: 'vehicle', fr: 'Porteur 19 t école', nl: 'Lesvrachtwagen 19 ton', en: '19 t training truck', descriptionFr: 'Camion double commande avec moniteur de l’entreprise.', capacity: 3, sector: 'logistics', occupations: ['heavy-truck-driver'], hours: 'long', bufferAfter: 30, approval: 'owner', withOperator: true, costModel: 'hourly', hourlyRate: 70, clusters: ['logistics'] },
    { site: 'lys-roubaix', kind: 'workshop', fr: 'Entrepôt pédagogique', nl: 'Opleidingsmagazijn', en: 'Training warehouse', descriptionFr: 'Racks, transpalettes, scanners et WMS de démonstration.', capacity: 15, sector: 'logistics', occupations: ['forklift-operator'], hours: 'long', bufferAfter: 15, approval: 'cluster_automatic', clusters: ['logistics'] },
  ]),
  ...at('athenee', [
    { site: 'athenee-ath', kind: 'workshop', fr: 'Atelier de menuiserie', nl: 'Schrijnwerkatelier', en: 'Joinery workshop', descriptionFr: 'Machines à bois stationnaires et défonceuse CNC.', capacity: 14, sector: 'construction', occupations: ['carpenter'], hours: 'school', bufferAfter: 15, approval: 'owner', clusters: [] },
    { site: 'athenee-ath', kind: 'workshop', fr: 'Atelier d’électricité du bâtiment', nl: 'Atelier residentiële elektriciteit', en: 'Building electrics workshop', descriptionFr: 'Douze cabines de câblage conformes au RGIE.', capacity: 12, sector: 'construction', occupations: ['industrial-electrician'], hours: 'school', bufferAfter: 0, approval: 'automatic', clusters: [] },
    { site: 'athenee-ath', kind: 'workshop', fr: 'Halle de maçonnerie', nl: 'Metselhal', en: 'Bricklaying hall', descriptionFr: 'Halle couverte avec bétonnière et matériaux de démonstration.', capacity: 16, sector: 'construction', occupations: ['bricklayer'], hours: 'school', bufferAfter: 30, approval: 'owner', clusters: [] },
  ]),
  ...at('beffroi', [
    { site: 'beffroi-lille', kind: 'workshop', fr: 'Atelier de maintenance automobile', nl: 'Werkplaats autotechniek', en: 'Car maintenance workshop', descriptionFr: 'Quatre ponts élévateurs, valise de diagnostic multimarque.', capacity: 12, sector: 'automotive', occupations: ['car-mechanic'], hours: 'school', bufferAfter: 15, approval: 'owner', clusters: [] },
    { credential: 'hv', site: 'beffroi-lille', kind: 'tool_kit', fr: 'Banc de diagnostic véhicule électrique', nl: 'Diagnosebank elektrische voertuigen', en: 'Electric vehicle diagnostic bench', descriptionFr: 'Banc haute tension avec habilitation électrique requise.', capacity: 6, sector: 'automotive', occupations: ['car-mechanic'], hours: 'school', bufferAfter: 15, approval: 'owner', clusters: [] },
    { site: 'beffroi-lille', kind: 'workshop', fr: 'Cuisine pédagogique', nl: 'Opleidingskeuken', en: 'Training kitchen', descriptionFr: 'Cuisine professionnelle de 16 postes avec plonge et chambre froide.', capacity: 16, sector: 'hospitality', occupations: ['cook'], hours: 'school', bufferAfter: 30, approval: 'owner', clusters: [] },
  ]),
  ...at('afpa-nord', [
    { site: 'deule-lomme', kind: 'workshop', fr: 'Chambre de soins simulée', nl: 'Gesimuleerde zorgkamer', en: 'Simulated care room', descriptionFr: 'Lit médicalisé, lève-personne et mannequin de simulation.', capacity: 8, sector: 'care', occupations: ['care-assistant'], hours: 'weekdays', bufferAfter: 15, approval: 'automatic', clusters: [] },
    { site: 'deule-lomme', kind: 'workshop', fr: 'Atelier de chaudronnerie', nl: 'Atelier plaatbewerking', en: 'Sheet metal workshop', descriptionFr: 'Rouleuse, cisaille guillotine et postes de soudure TIG.', capacity: 10, sector: 'industry', occupations: ['metal-fabricator', 'welder'], hours: 'weekdays', bufferAfter: 15, approval: 'cluster_automatic', clusters: ['metal'] },
  ]),
];

const weekdays = (intervals: [string, string][], days: number[] = [1, 2, 3, 4, 5]): OpeningInterval[] =>
  days.flatMap((weekday) => intervals.map(([start, end]) => ({ weekday: weekday as OpeningInterval['weekday'], start, end })));

export const OPENING_PROFILES: Record<DemoResource['hours'], OpeningInterval[]> = {
  weekdays: weekdays([['08:00', '12:00'], ['13:00', '17:00']]),
  long: [...weekdays([['07:00', '12:00'], ['12:30', '19:00']]), ...weekdays([['08:00', '12:00']], [6])],
  school: weekdays([['08:30', '12:00'], ['13:00', '16:00']], [1, 2, 4, 5]).concat(weekdays([['08:30', '12:00']], [3])),
};

export interface DemoCluster {
  key: string;
  name: string;
  fr: string;
  nl: string;
  en: string;
  sector: Sector;
  lead: string;
  status: 'pilot' | 'active';
  startDate: string;
  occupations: string[];
  members: string[];
}

export const DEMO_CLUSTERS: DemoCluster[] = [
  {
    key: 'metal',
    name: 'Pôle Métal & Usinage Eurométropole',
    fr: 'Premier pôle de collaboration : écoles, centres de formation et entreprises mutualisent leurs machines pour les métiers en tension de l’usinage et du soudage.',
    nl: 'Eerste samenwerkingspool: scholen, opleidingscentra en bedrijven delen hun machines voor knelpuntberoepen in verspaning en lassen.',
    en: 'First collaboration hub: schools, training centres and companies share their machines for shortage occupations in machining and welding.',
    sector: 'industry',
    lead: 'fonds',
    status: 'active',
    startDate: '2026-09-01',
    occupations: ['cnc-operator', 'welder', 'metal-fabricator', 'industrial-maintenance-technician', 'automation-technician'],
    members: ['fonds', 'escaut', 'vlaskouter', 'dumoulin', 'hainaut-precision', 'athenee', 'beffroi', 'leiestroom', 'emploi-wapi', 'afpa-nord'],
  },
  {
    key: 'logistics',
    name: 'Pôle Logistique transfrontalier',
    fr: 'Second pôle, en phase pilote : conduite, cariste et entrepôt, avec les services de l’emploi des deux côtés de la frontière.',
    nl: 'Tweede pool, in pilotfase: rijopleiding, heftruck en magazijn, met de arbeidsbemiddelingsdiensten aan beide kanten van de grens.',
    en: 'Second hub, in its pilot phase: driving, forklift and warehouse, with the employment services on both sides of the border.',
    sector: 'logistics',
    lead: 'lys-escaut',
    status: 'pilot',
    startDate: '2026-11-01',
    occupations: ['heavy-truck-driver', 'forklift-operator'],
    members: ['lys-escaut', 'escaut', 'emploi-wapi', 'emploi-lille', 'beffroi'],
  },
];

/** Who books demo slots: schools, training centres and job-seeker programmes, across the border. */
export const DEMO_BOOKERS: { organisation: string; user: string }[] = [
  { organisation: 'athenee', user: 'formateur@athenee-collines.test' },
  { organisation: 'beffroi', user: 'enseignante@lycee-beffroi.test' },
  { organisation: 'leiestroom', user: 'leerkracht@leiestroom.test' },
  { organisation: 'emploi-wapi', user: 'conseiller@emploi-demo.test' },
  { organisation: 'emploi-lille', user: 'conseiller@emploi-demo.test' },
  { organisation: 'escaut', user: 'gestion@escaut-industrie.test' },
  { organisation: 'vlaskouter', user: 'beheer@vlaskouter.test' },
];

export interface DemoCredential {
  key: string;
  owner: string;
  fr: string;
  nl: string;
  en: string;
}

export const DEMO_CREDENTIALS: DemoCredential[] = [
  { key: 'cnc', owner: 'escaut', fr: 'Habilitation machines-outils à commande numérique', nl: 'Bevoegdheid CNC-werktuigmachines', en: 'CNC machine tool authorisation' },
  { key: 'forklift', owner: 'escaut', fr: 'Brevet de cariste', nl: 'Heftruckattest', en: 'Forklift operator certificate' },
  { key: 'press', owner: 'dumoulin', fr: 'Autorisation presse plieuse', nl: 'Machtiging plooibank', en: 'Press brake authorisation' },
  { key: 'hv', owner: 'beffroi', fr: 'Habilitation électrique véhicules (B1VL)', nl: 'Elektrische bevoegdheid voertuigen (B1VL)', en: 'Electric vehicle high-voltage authorisation (B1VL)' },
];

/** Months from today until each grant expires (negative: already expired). */
export const DEMO_GRANTS: { credential: string; user: string; months: number }[] = [
  { credential: 'cnc', user: 'formateur@athenee-collines.test', months: 10 },
  { credential: 'cnc', user: 'gestion@escaut-industrie.test', months: 24 },
  { credential: 'forklift', user: 'conseiller@emploi-demo.test', months: 6 },
  { credential: 'hv', user: 'enseignante@lycee-beffroi.test', months: 12 },
  { credential: 'press', user: 'formateur@athenee-collines.test', months: -1 },
];

/** Yearly closures of whole sites (school holidays) and one-off closures of items, in days from today. */
export const DEMO_SITE_CLOSURES: { site: string; startsOn: string; endsOn: string; reason: string }[] = [
  { site: 'athenee-ath', startsOn: '2000-12-24', endsOn: '2001-01-03', reason: 'Vacances d’hiver' },
  { site: 'athenee-ath', startsOn: '2000-07-05', endsOn: '2000-08-24', reason: 'Vacances d’été' },
  { site: 'beffroi-lille', startsOn: '2000-12-20', endsOn: '2001-01-04', reason: 'Vacances de Noël' },
  { site: 'beffroi-lille', startsOn: '2000-07-08', endsOn: '2000-08-31', reason: 'Vacances d’été' },
];

export const DEMO_RESOURCE_CLOSURES: { resource: string; fromDay: number; days: number; startTime?: string; endTime?: string; reason: string }[] = [
  { resource: 'Centre d’usinage 5 axes', fromDay: 9, days: 2, reason: 'Maintenance annuelle de la broche' },
  { resource: 'Cellule robotisée de soudage', fromDay: 16, days: 1, startTime: '08:00', endTime: '12:00', reason: 'Étalonnage du robot' },
  { resource: 'Simulateur de conduite poids lourd', fromDay: -20, days: 3, reason: 'Mise à jour du logiciel' },
  { resource: 'Plieuse CNC 100 t', fromDay: 4, days: 5, reason: 'Pic de production' },
];
