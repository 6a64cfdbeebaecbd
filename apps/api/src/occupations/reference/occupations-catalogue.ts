import type { Region, Sector } from '@equipole/shared';

/**
 * The reference catalogue of occupations in shortage ("métiers en tension") around which clusters
 * in Wallonia Picardie and the Eurométropole Lille–Kortrijk–Tournai are organised.
 *
 * - `code` is a stable English slug; the codes used by the demo data are kept unchanged.
 * - `isco` is the ISCO-08 unit group (4 digits).
 * - `rome` is the French ROME fiche (France Travail), only where the fiche is unambiguous.
 * - `esco` is an ESCO occupation URI, only where it was checked against a published ESCO
 *   occupations table (ESCO v1 URIs are persistent); left out rather than guessed.
 * - `shortage` lists the regions whose most recent shortage list typically names the occupation.
 *   These flags are a starting point: coordinators edit them, with a date and a source, in the app.
 *   {@link SHORTAGE_LIST_SOURCES} names the list each region's flags come from.
 */
export interface ReferenceOccupation {
  code: string;
  fr: string;
  nl: string;
  en: string;
  sector: Sector;
  isco?: string;
  rome?: string;
  esco?: string;
  shortage: Region[];
}

export interface ShortageListSource {
  source: string;
  /** ISO date (YYYY-MM-DD) of the list the flags were taken from (best knowledge). */
  listDate: string;
}

const ESCO = 'http://data.europa.eu/esco/occupation/';

export const REFERENCE_OCCUPATIONS: readonly ReferenceOccupation[] = [
  // Industry
  { code: 'cnc-operator', fr: 'Opérateur·rice sur machines à commande numérique', nl: 'Operator CNC-machines', en: 'CNC machine operator', sector: 'industry', isco: '7223', rome: 'H2903', esco: `${ESCO}5c082067-ea18-4ccb-8c43-e70b18ad8120`, shortage: ['WAL', 'VLA', 'HDF'] },
  { code: 'welder', fr: 'Soudeur·se', nl: 'Lasser', en: 'Welder', sector: 'industry', isco: '7212', rome: 'H2913', esco: `${ESCO}7aedaa07-3884-4c5b-88f9-80997b2aa54b`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'industrial-maintenance-technician', fr: 'Technicien·ne de maintenance industrielle', nl: 'Technicus industrieel onderhoud', en: 'Industrial maintenance technician', sector: 'industry', isco: '7233', rome: 'I1304', esco: `${ESCO}269c47e7-9017-4aa6-bce8-49e89a696a64`, shortage: ['WAL', 'VLA', 'HDF'] },
  { code: 'industrial-electrician', fr: 'Électricien·ne industriel·le', nl: 'Industrieel elektricien', en: 'Industrial electrician', sector: 'industry', isco: '7412', rome: 'I1309', shortage: ['WAL', 'VLA', 'BRU'] },
  { code: 'automation-technician', fr: 'Automaticien·ne', nl: 'Automatisatietechnicus', en: 'Automation technician', sector: 'industry', isco: '3119', rome: 'H1208', esco: `${ESCO}5791a961-4717-4230-a245-a4082a675f04`, shortage: ['WAL', 'VLA', 'HDF'] },
  { code: 'metal-fabricator', fr: 'Chaudronnier·ère', nl: 'Plaatwerker-constructiebankwerker', en: 'Metal fabricator', sector: 'industry', isco: '7213', rome: 'H2902', shortage: ['WAL', 'VLA', 'HDF'] },
  { code: 'industrial-draughtsperson', fr: 'Dessinateur·rice industriel·le', nl: 'Technisch tekenaar', en: 'Industrial draughtsperson', sector: 'industry', isco: '3118', rome: 'H1203', esco: `${ESCO}a4869ae9-2dfe-48cc-bd97-f803880f3407`, shortage: ['WAL', 'VLA'] },
  { code: 'injection-moulding-operator', fr: 'Opérateur·rice en plasturgie (injection)', nl: 'Operator spuitgieten kunststoffen', en: 'Injection moulding operator', sector: 'industry', isco: '8142', esco: `${ESCO}502fe307-ae65-46cb-a485-e559b9a35266`, shortage: ['VLA', 'HDF'] },
  { code: 'food-production-operator', fr: 'Opérateur·rice de production en agroalimentaire', nl: 'Productieoperator voedingsindustrie', en: 'Food production operator', sector: 'industry', isco: '8160', rome: 'H2102', esco: `${ESCO}e3dc66de-99c7-4607-a82b-7244036d316d`, shortage: ['VLA', 'HDF'] },
  { code: 'quality-control-technician', fr: 'Technicien·ne en contrôle qualité', nl: 'Kwaliteitscontroleur', en: 'Quality control technician', sector: 'industry', isco: '3119', esco: `${ESCO}998a0bf4-b1be-42ab-aee5-0096c9be3319`, shortage: ['WAL', 'VLA'] },

  // Construction
  { code: 'carpenter', fr: 'Menuisier·ère', nl: 'Schrijnwerker', en: 'Joiner', sector: 'construction', isco: '7115', rome: 'F1607', shortage: ['WAL', 'VLA', 'HDF'] },
  { code: 'bricklayer', fr: 'Maçon·ne', nl: 'Metselaar', en: 'Bricklayer', sector: 'construction', isco: '7112', rome: 'F1703', esco: `${ESCO}05f321f8-055b-407d-bf19-e0ddabda56b7`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'roofer', fr: 'Couvreur·se', nl: 'Dakwerker', en: 'Roofer', sector: 'construction', isco: '7121', rome: 'F1610', esco: `${ESCO}b4c6d1b0-929e-48be-9f67-47bd8c30658b`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'plasterer', fr: 'Plafonneur·se', nl: 'Stukadoor', en: 'Plasterer', sector: 'construction', isco: '7123', rome: 'F1601', esco: `${ESCO}f4a22809-c00c-4dd0-8b09-c7251f8dcd1c`, shortage: ['WAL', 'VLA', 'BRU'] },
  { code: 'tiler', fr: 'Carreleur·se', nl: 'Tegelzetter', en: 'Tiler', sector: 'construction', isco: '7122', rome: 'F1608', esco: `${ESCO}02447817-ea01-4d8b-b09c-8bc128e447e6`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'painter-decorator', fr: 'Peintre en bâtiment', nl: 'Schilder-decorateur', en: 'Painter and decorator', sector: 'construction', isco: '7131', rome: 'F1606', esco: `${ESCO}15620506-fb5d-49cd-87a2-1c9047fb406a`, shortage: ['WAL', 'VLA', 'HDF'] },
  { code: 'building-electrician', fr: 'Électricien·ne du bâtiment', nl: 'Residentieel elektricien', en: 'Building electrician', sector: 'construction', isco: '7411', rome: 'F1602', esco: `${ESCO}4910419f-b4af-4f59-b544-9dbebc8a74f0`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'plumber', fr: 'Plombier·ère', nl: 'Loodgieter', en: 'Plumber', sector: 'construction', isco: '7126', rome: 'F1603', esco: `${ESCO}ed3cf43d-c2c1-4c46-82fc-1375e27e0290`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'site-manager', fr: 'Chef·fe de chantier', nl: 'Werfleider', en: 'Site manager', sector: 'construction', isco: '3123', rome: 'F1202', esco: `${ESCO}0dd7e6cd-2e5a-4fae-9ce0-6a3622d4019f`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'construction-plant-operator', fr: 'Conducteur·rice d’engins de chantier', nl: 'Machinist grondverzet', en: 'Construction plant operator', sector: 'construction', isco: '8342', rome: 'F1302', shortage: ['WAL', 'VLA', 'HDF'] },

  // Energy
  { code: 'hvac-technician', fr: 'Technicien·ne en chauffage et climatisation', nl: 'Technicus verwarming en koeling', en: 'Heating and cooling technician', sector: 'energy', isco: '7127', rome: 'I1306', esco: `${ESCO}79f435d0-9bc6-4d25-a26a-acbe16569ebb`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'solar-installer', fr: 'Installateur·rice photovoltaïque', nl: 'Installateur zonnepanelen', en: 'Solar panel installer', sector: 'energy', isco: '7411', rome: 'F1602', shortage: ['WAL', 'VLA'] },
  { code: 'heating-installer', fr: 'Chauffagiste', nl: 'Installateur centrale verwarming', en: 'Heating installer', sector: 'energy', isco: '7126', rome: 'F1603', esco: `${ESCO}7259dc48-004a-4ceb-aa4e-5bbd548c2397`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'heating-service-technician', fr: 'Technicien·ne de maintenance en chauffage', nl: 'Onderhoudstechnicus verwarming', en: 'Heating service technician', sector: 'energy', isco: '7126', rome: 'I1308', shortage: ['WAL', 'VLA', 'HDF'] },
  { code: 'insulation-worker', fr: 'Isolateur·rice', nl: 'Isolatiewerker', en: 'Insulation worker', sector: 'energy', isco: '7124', rome: 'F1613', esco: `${ESCO}b2dab4fb-b7f7-4f57-94b2-9c0f0848564a`, shortage: ['WAL', 'VLA'] },
  { code: 'power-line-technician', fr: 'Monteur·se de réseaux électriques', nl: 'Netwerktechnicus elektriciteit', en: 'Power line technician', sector: 'energy', isco: '7413', rome: 'F1605', esco: `${ESCO}c89afd9a-7dad-4bae-9315-5fcadd9ad8b6`, shortage: ['WAL', 'VLA', 'HDF'] },
  { code: 'wind-turbine-technician', fr: 'Technicien·ne de maintenance éolienne', nl: 'Windturbinetechnicus', en: 'Wind turbine technician', sector: 'energy', isco: '7412', esco: `${ESCO}98562ce3-9632-4226-b129-c67eb9c54f0f`, shortage: ['VLA', 'HDF'] },
  { code: 'energy-consultant', fr: 'Conseiller·ère en énergie', nl: 'Energieconsulent', en: 'Energy consultant', sector: 'energy', isco: '3112', esco: `${ESCO}de74eb4e-c95e-425a-9b3a-7be805ec0321`, shortage: ['WAL', 'VLA'] },

  // Logistics
  { code: 'heavy-truck-driver', fr: 'Conducteur·rice poids lourd', nl: 'Vrachtwagenchauffeur', en: 'Heavy truck driver', sector: 'logistics', isco: '8332', rome: 'N4101', esco: `${ESCO}45037d43-a8f5-4f46-b332-b2935bc305f4`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'forklift-operator', fr: 'Cariste', nl: 'Heftruckchauffeur', en: 'Forklift operator', sector: 'logistics', isco: '8344', rome: 'N1101', esco: `${ESCO}eeac6251-1974-42f5-91ed-513c6c883755`, shortage: ['VLA'] },
  { code: 'warehouse-operative', fr: 'Magasinier·ère – préparateur·rice de commandes', nl: 'Magazijnmedewerker', en: 'Warehouse operative', sector: 'logistics', isco: '9333', rome: 'N1103', esco: `${ESCO}bea705fe-06ac-4147-b8e0-6e8ac1208d8f`, shortage: ['VLA'] },
  { code: 'delivery-driver', fr: 'Chauffeur·se-livreur·se', nl: 'Chauffeur bestelwagen', en: 'Delivery van driver', sector: 'logistics', isco: '8322', rome: 'N4105', esco: `${ESCO}0c408028-c48f-4df8-ba5d-c3d3be15f5a2`, shortage: ['VLA', 'HDF'] },
  { code: 'bus-driver', fr: 'Conducteur·rice d’autobus', nl: 'Buschauffeur', en: 'Bus driver', sector: 'logistics', isco: '8331', rome: 'N4103', esco: `${ESCO}00cee175-1376-43fb-9f02-ba3d7a910a58`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'transport-dispatcher', fr: 'Exploitant·e transport', nl: 'Dispatcher goederenvervoer', en: 'Freight transport dispatcher', sector: 'logistics', isco: '4323', rome: 'N4203', esco: `${ESCO}49e28648-4fa8-4b36-ac4d-781c108547bf`, shortage: ['WAL', 'VLA'] },
  { code: 'train-driver', fr: 'Conducteur·rice de train', nl: 'Treinbestuurder', en: 'Train driver', sector: 'logistics', isco: '8311', esco: `${ESCO}81f6a814-1f4e-47d4-9c75-47977c7267ee`, shortage: ['VLA', 'BRU', 'HDF'] },

  // Automotive
  { code: 'car-mechanic', fr: 'Mécanicien·ne automobile', nl: 'Automecanicien', en: 'Car mechanic', sector: 'automotive', isco: '7231', rome: 'I1604', esco: `${ESCO}4ad4024e-d1d3-4dea-b6d1-2c7948111dce`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'truck-mechanic', fr: 'Mécanicien·ne poids lourds', nl: 'Vrachtwagenmecanicien', en: 'Heavy vehicle mechanic', sector: 'automotive', isco: '7231', shortage: ['WAL', 'VLA', 'HDF'] },
  { code: 'car-body-repairer', fr: 'Carrossier·ère', nl: 'Carrosseriehersteller', en: 'Vehicle body repairer', sector: 'automotive', isco: '7213', rome: 'I1606', shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'vehicle-painter', fr: 'Peintre en carrosserie', nl: 'Autospuiter', en: 'Vehicle painter', sector: 'automotive', isco: '7132', esco: `${ESCO}a784b063-89cf-441b-9624-deed9dbdeae6`, shortage: ['WAL', 'VLA', 'HDF'] },
  { code: 'automotive-electrician', fr: 'Électricien·ne automobile', nl: 'Auto-elektricien', en: 'Automotive electrician', sector: 'automotive', isco: '7412', esco: `${ESCO}6656337f-67eb-4f48-b1e4-ecccdfa44dd2`, shortage: ['WAL', 'VLA'] },
  { code: 'construction-machinery-mechanic', fr: 'Mécanicien·ne d’engins de chantier et agricoles', nl: 'Mecanicien bouw- en landbouwmachines', en: 'Construction and agricultural machinery mechanic', sector: 'automotive', isco: '7233', rome: 'I1603', esco: `${ESCO}b0480558-269d-4903-9bc7-f390cd6a6964`, shortage: ['WAL', 'VLA', 'HDF'] },
  { code: 'electric-vehicle-technician', fr: 'Technicien·ne véhicules électriques et hybrides', nl: 'Technicus elektrische en hybride voertuigen', en: 'Electric and hybrid vehicle technician', sector: 'automotive', isco: '7231', shortage: ['WAL', 'VLA'] },

  // Care
  { code: 'care-assistant', fr: 'Aide-soignant·e', nl: 'Zorgkundige', en: 'Care assistant', sector: 'care', isco: '5321', rome: 'J1501', esco: `${ESCO}d38c2107-98f2-47b7-8bb4-f69750d51082`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'nurse', fr: 'Infirmier·ère', nl: 'Verpleegkundige', en: 'Nurse', sector: 'care', isco: '2221', rome: 'J1506', esco: `${ESCO}8d3e8aaa-791b-4c75-a465-f3f827028f50`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'home-care-worker', fr: 'Aide familial·e', nl: 'Verzorgende thuiszorg', en: 'Home care worker', sector: 'care', isco: '5322', rome: 'K1302', esco: `${ESCO}1391bdf9-bd61-4fb5-91ca-c29036ab2b60`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'childcare-worker', fr: 'Puériculteur·rice', nl: 'Kinderbegeleider', en: 'Childcare worker', sector: 'care', isco: '5311', rome: 'K1303', esco: `${ESCO}3413f234-6230-47a8-8cc7-2691fd54ce3a`, shortage: ['WAL', 'VLA', 'BRU'] },
  { code: 'ambulance-worker', fr: 'Ambulancier·ère', nl: 'Ambulancier', en: 'Ambulance worker', sector: 'care', isco: '3258', rome: 'J1305', esco: `${ESCO}64e909ad-1bd0-493c-a8dc-1afbed0c9c2f`, shortage: ['VLA', 'HDF'] },
  { code: 'pharmacy-technician', fr: 'Assistant·e pharmaceutico-technique', nl: 'Farmaceutisch-technisch assistent', en: 'Pharmacy technician', sector: 'care', isco: '3213', rome: 'J1307', esco: `${ESCO}7b74626d-b487-48a1-9e80-47faf9928210`, shortage: ['WAL', 'VLA', 'BRU'] },
  { code: 'medical-lab-technologist', fr: 'Technologue de laboratoire médical', nl: 'Medisch laboratoriumtechnoloog', en: 'Medical laboratory technologist', sector: 'care', isco: '3212', rome: 'J1302', esco: `${ESCO}2e8820ba-5b2d-4572-92a1-942dbd02a6d6`, shortage: ['WAL', 'VLA', 'BRU'] },

  // Hospitality
  { code: 'cook', fr: 'Cuisinier·ère', nl: 'Kok', en: 'Cook', sector: 'hospitality', isco: '5120', rome: 'G1602', esco: `${ESCO}90f75f67-495d-49fa-ab57-2f320e251d7e`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'kitchen-assistant', fr: 'Commis de cuisine', nl: 'Keukenhulp', en: 'Kitchen assistant', sector: 'hospitality', isco: '9412', rome: 'G1602', esco: `${ESCO}e1cf6897-158d-4b48-a39e-2a3a8cac216c`, shortage: ['VLA', 'HDF'] },
  { code: 'waiter', fr: 'Serveur·se', nl: 'Kelner', en: 'Waiter', sector: 'hospitality', isco: '5131', rome: 'G1803', esco: `${ESCO}d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'bartender', fr: 'Barman / barmaid', nl: 'Barmedewerker', en: 'Bartender', sector: 'hospitality', isco: '5132', rome: 'G1801', esco: `${ESCO}2f5e38a0-6578-4665-bdbd-e2ab505be140`, shortage: ['VLA', 'HDF'] },
  { code: 'hotel-receptionist', fr: 'Réceptionniste d’hôtel', nl: 'Hotelreceptionist', en: 'Hotel receptionist', sector: 'hospitality', isco: '4224', rome: 'G1703', esco: `${ESCO}82025c02-9082-416c-998b-f51eb0359ee6`, shortage: ['VLA', 'HDF'] },
  { code: 'room-attendant', fr: 'Valet / femme de chambre', nl: 'Kamerverzorger', en: 'Room attendant', sector: 'hospitality', isco: '9112', rome: 'G1501', esco: `${ESCO}731ecac4-06e8-4ec2-a559-101fecbd9183`, shortage: ['VLA', 'HDF'] },
  { code: 'baker', fr: 'Boulanger·ère', nl: 'Bakker', en: 'Baker', sector: 'hospitality', isco: '7512', rome: 'D1102', esco: `${ESCO}1aadb308-432a-4d01-b54b-b4f7f76dd419`, shortage: ['WAL', 'VLA', 'HDF'] },
  { code: 'pastry-cook', fr: 'Pâtissier·ère', nl: 'Banketbakker', en: 'Pastry cook', sector: 'hospitality', isco: '7512', rome: 'D1104', esco: `${ESCO}ff42d44c-34f8-46be-ad3a-2aad9a5e43f0`, shortage: ['WAL', 'VLA', 'HDF'] },
  { code: 'butcher', fr: 'Boucher·ère', nl: 'Slager', en: 'Butcher', sector: 'hospitality', isco: '7511', rome: 'D1101', esco: `${ESCO}37c7880e-cfee-4c41-a41b-061682fefde3`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },

  // Digital
  { code: 'software-developer', fr: 'Développeur·se logiciel', nl: 'Softwareontwikkelaar', en: 'Software developer', sector: 'digital', isco: '2512', rome: 'M1805', esco: `${ESCO}f2b15a0e-e65a-438a-affb-29b9d50b77d1`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'web-developer', fr: 'Développeur·se web', nl: 'Webontwikkelaar', en: 'Web developer', sector: 'digital', isco: '2513', rome: 'M1805', esco: `${ESCO}c40a2919-48a9-40ea-b506-1f34f693496d`, shortage: ['WAL', 'VLA', 'BRU'] },
  { code: 'software-tester', fr: 'Testeur·se logiciel', nl: 'Softwaretester', en: 'Software tester', sector: 'digital', isco: '2519', esco: `${ESCO}106f79e4-6264-45f1-9e7a-297435cd684b`, shortage: ['WAL', 'VLA', 'BRU'] },
  { code: 'systems-administrator', fr: 'Administrateur·rice systèmes et réseaux', nl: 'Systeem- en netwerkbeheerder', en: 'Systems and network administrator', sector: 'digital', isco: '2522', rome: 'M1801', esco: `${ESCO}9e2e6e1e-363b-4e1b-a673-7bc0f7343300`, shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'it-support-technician', fr: 'Technicien·ne helpdesk', nl: 'Helpdeskmedewerker', en: 'IT helpdesk technician', sector: 'digital', isco: '3512', esco: `${ESCO}aaeec9a7-dc57-4485-890c-86b3eef735f9`, shortage: ['VLA', 'BRU'] },
  { code: 'network-technician', fr: 'Technicien·ne réseaux', nl: 'Netwerktechnicus', en: 'Network technician', sector: 'digital', isco: '3513', esco: `${ESCO}64c7d461-152c-477f-a8e2-c2c537e9d617`, shortage: ['WAL', 'VLA', 'BRU'] },
  { code: 'cybersecurity-analyst', fr: 'Analyste en cybersécurité', nl: 'Cybersecurity-analist', en: 'Cybersecurity analyst', sector: 'digital', isco: '2529', shortage: ['WAL', 'VLA', 'BRU', 'HDF'] },
  { code: 'data-analyst', fr: 'Analyste de données', nl: 'Data-analist', en: 'Data analyst', sector: 'digital', isco: '2511', esco: `${ESCO}d3edb8f8-3a06-47a0-8fb9-9b212c006aa2`, shortage: ['WAL', 'VLA', 'BRU'] },
];

/**
 * The list each region's `shortage` flags were taken from. Dates are best knowledge of the
 * publication of each list; coordinators replace them when they update a flag.
 */
export const SHORTAGE_LIST_SOURCES: Record<Region, ShortageListSource> = {
  WAL: { source: 'Le Forem — liste des fonctions critiques et métiers en pénurie 2025', listDate: '2025-06-30' },
  VLA: { source: 'VDAB — knelpuntberoepenlijst 2025', listDate: '2025-06-01' },
  BRU: { source: 'Actiris / view.brussels — liste des fonctions critiques 2025', listDate: '2025-06-01' },
  HDF: { source: 'France Travail — enquête Besoins en main-d’œuvre (BMO) 2025, Hauts-de-France : métiers en tension', listDate: '2025-04-15' },
};
