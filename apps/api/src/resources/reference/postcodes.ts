/**
 * Postcodes of the territory (Wallonie picarde, the Eurométropole Lille–Kortrijk–Tournai) and its
 * neighbours, with the coordinates of each town centre (WGS84), so that "near 7500" can be answered
 * without a geocoding service. Accuracy: about a kilometre, never worse than two.
 *
 * Belgian names follow the language of the place (Tournai, Kortrijk); the other language's official
 * name goes in `nameNl` or `nameFr`. French places carry their Dutch exonym (Lille → Rijsel) in `nameNl`.
 * Several places may share a postcode; within a postcode the main town comes first.
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

/** [postcode, name, latitude, longitude, name in the other language] */
type Row = readonly [string, string, number, number, string?];

/** Walloon and Brussels places: French name, optional Dutch name. */
const wallonia = (rows: readonly Row[]): PostcodePlace[] =>
  rows.map(([postcode, name, latitude, longitude, nameNl]) => ({ country: 'BE', postcode, name, latitude, longitude, ...(nameNl ? { nameNl } : {}) }));

/** Flemish places: Dutch name, optional French name. */
const flanders = (rows: readonly Row[]): PostcodePlace[] =>
  rows.map(([postcode, name, latitude, longitude, nameFr]) => ({ country: 'BE', postcode, name, latitude, longitude, ...(nameFr ? { nameFr } : {}) }));

/** French places: French name, optional Dutch exonym. */
const france = (rows: readonly Row[]): PostcodePlace[] =>
  rows.map(([postcode, name, latitude, longitude, nameNl]) => ({ country: 'FR', postcode, name, latitude, longitude, ...(nameNl ? { nameNl } : {}) }));

export const POSTCODE_PLACES: readonly PostcodePlace[] = [
  // Wallonie picarde — Tournai and its villages
  ...wallonia([
    ['7500', 'Tournai', 50.6056, 3.3880, 'Doornik'],
    ['7500', 'Ere', 50.5809, 3.3684],
    ['7500', 'Saint-Maur', 50.5727, 3.3945],
    ['7501', 'Orcq', 50.6029, 3.3474],
    ['7502', 'Esplechin', 50.5737, 3.3040],
    ['7503', 'Froyennes', 50.6229, 3.3471],
    ['7504', 'Froidmont', 50.5784, 3.3280],
    ['7506', 'Willemeau', 50.5735, 3.3491],
    ['7520', 'Templeuve', 50.6448, 3.2832],
    ['7520', 'Ramegnies-Chin', 50.6514, 3.3369],
    ['7521', 'Chercq', 50.5895, 3.4220],
    ['7522', 'Blandain', 50.6251, 3.3038],
    ['7522', 'Marquain', 50.6042, 3.3226],
    ['7522', 'Hertain', 50.6135, 3.2896],
    ['7522', 'Lamain', 50.6007, 3.2922],
    ['7530', 'Gaurain-Ramecroix', 50.5939, 3.4893],
    ['7531', 'Havinnes', 50.6157, 3.4635],
    ['7532', 'Beclers', 50.6209, 3.5047],
    ['7533', 'Thimougies', 50.6345, 3.5097],
    ['7534', 'Barry', 50.5849, 3.5416],
    ['7534', 'Maulde', 50.6165, 3.5480],
    ['7536', 'Vaulx', 50.5904, 3.4335],
    ['7538', 'Vezon', 50.5719, 3.5003],
    ['7540', 'Kain', 50.6380, 3.3788],
    ['7540', 'Melles', 50.6466, 3.4827],
    ['7540', 'Quartes', 50.6494, 3.5131],
    ['7540', 'Rumillies', 50.6199, 3.4368],
    ['7542', 'Mont-Saint-Aubert', 50.6548, 3.4040],
    ['7543', 'Mourcourt', 50.6531, 3.4443],
    ['7548', 'Warchin', 50.6103, 3.4233],
  ]),
  // Wallonie picarde — Péruwelz, Rumes, Brunehaut, Antoing
  ...wallonia([
    ['7600', 'Péruwelz', 50.5149, 3.6014],
    ['7601', 'Roucourt', 50.5292, 3.5871],
    ['7602', 'Bury', 50.5425, 3.5935],
    ['7603', 'Bon-Secours', 50.4975, 3.6073],
    ['7604', 'Brasmenil', 50.5415, 3.5469],
    ['7604', 'Callenelle', 50.5313, 3.5244],
    ['7604', 'Wasmes-Audemez-Briffœil', 50.5512, 3.5359],
    ['7608', 'Wiers', 50.5084, 3.5328],
    ['7610', 'Rumes', 50.5549, 3.3022],
    ['7611', 'La Glanerie', 50.5303, 3.3042],
    ['7618', 'Taintignies', 50.5467, 3.3404],
    ['7620', 'Brunehaut', 50.5443, 3.4273],
    ['7620', 'Bléharies', 50.5130, 3.4148],
    ['7620', 'Hollain', 50.5443, 3.4273],
    ['7620', 'Wez-Velvain', 50.5478, 3.3890],
    ['7620', 'Guignies', 50.5473, 3.3670],
    ['7620', 'Jollain-Merlin', 50.5391, 3.4040],
    ['7621', 'Lesdain', 50.5205, 3.3892],
    ['7622', 'Laplaigne', 50.5208, 3.4470],
    ['7623', 'Rongy', 50.5084, 3.3912],
    ['7624', 'Howardries', 50.5061, 3.3557],
    ['7640', 'Antoing', 50.5675, 3.4489],
    ['7640', 'Maubray', 50.5512, 3.4999],
    ['7640', 'Péronnes-lez-Antoing', 50.5503, 3.4542],
    ['7641', 'Bruyelle', 50.5574, 3.4276],
    ['7642', 'Calonne', 50.5780, 3.4365],
    ['7643', 'Fontenoy', 50.5677, 3.4736],
  ]),
  // Wallonie picarde — Mouscron, Estaimpuis, Pecq, Mont-de-l'Enclus, Celles, Comines-Warneton
  ...wallonia([
    ['7700', 'Mouscron', 50.7459, 3.2193, 'Moeskroen'],
    ['7700', 'Luingne', 50.7384, 3.2337, 'Lowingen'],
    ['7711', 'Dottignies', 50.7282, 3.3049, 'Dottenijs'],
    ['7712', 'Herseaux', 50.7226, 3.2326, 'Herzeeuw'],
    ['7730', 'Estaimpuis', 50.6756, 3.2758, 'Steenput'],
    ['7730', 'Néchin', 50.6670, 3.2691],
    ['7730', 'Leers-Nord', 50.6877, 3.2718],
    ['7730', 'Evregnies', 50.7129, 3.2866],
    ['7730', 'Saint-Léger', 50.7068, 3.3184],
    ['7730', 'Bailleul', 50.6698, 3.3187],
    ['7730', 'Estaimbourg', 50.6803, 3.3098],
    ['7740', 'Pecq', 50.6994, 3.3315],
    ['7740', 'Warcoing', 50.7044, 3.3440],
    ['7742', 'Hérinnes', 50.7013, 3.3633],
    ['7743', 'Obigies', 50.6619, 3.3640],
    ['7743', 'Esquelmes', 50.6656, 3.3479],
    ['7750', "Mont-de-l'Enclus", 50.7486, 3.4795],
    ['7750', 'Amougies', 50.7443, 3.5068],
    ['7750', 'Orroir', 50.7486, 3.4795],
    ['7750', 'Russeignies', 50.7446, 3.5308],
    ['7760', 'Celles', 50.7121, 3.4575],
    ['7760', 'Pottes', 50.7312, 3.4064],
    ['7760', 'Escanaffles', 50.7537, 3.4480],
    ['7760', 'Velaines', 50.6698, 3.4867],
    ['7760', 'Molenbaix', 50.6933, 3.4300],
    ['7780', 'Comines-Warneton', 50.7687, 2.9997, 'Komen-Waasten'],
    ['7780', 'Comines', 50.7687, 2.9997, 'Komen'],
    ['7781', 'Houthem', 50.7868, 2.9642],
    ['7782', 'Ploegsteert', 50.7323, 2.8734],
    ['7783', 'Le Bizet', 50.7032, 2.8976],
    ['7784', 'Warneton', 50.7528, 2.9488, 'Waasten'],
    ['7784', 'Bas-Warneton', 50.7591, 2.9610, 'Neerwaasten'],
  ]),
  // Wallonie picarde — Ath, Silly, Enghien, Lessines, Flobecq, Ellezelles, Leuze, Frasnes, Brugelette, Chièvres, Belœil, Bernissart
  ...wallonia([
    ['7800', 'Ath', 50.6295, 3.7801, 'Aat'],
    ['7800', 'Lanquesaint', 50.6533, 3.8065],
    ['7801', 'Irchonwelz', 50.6180, 3.7591],
    ['7802', 'Ormeignies', 50.5946, 3.7511],
    ['7803', 'Bouvignies', 50.6467, 3.7665],
    ['7804', 'Ostiches', 50.6785, 3.7591],
    ['7804', 'Rebaix', 50.6604, 3.7835],
    ['7810', 'Maffle', 50.6170, 3.8058],
    ['7811', 'Arbre', 50.6124, 3.8165],
    ['7812', 'Mainvault', 50.6491, 3.7168],
    ['7812', 'Ligne', 50.6216, 3.7046],
    ['7812', 'Houtaing', 50.6405, 3.6791],
    ['7812', 'Moulbaix', 50.6016, 3.7157],
    ['7822', 'Ghislenghien', 50.6565, 3.8774],
    ['7822', 'Isières', 50.6654, 3.8177],
    ['7822', "Meslin-l'Évêque", 50.6494, 3.8474],
    ['7823', 'Gibecq', 50.6383, 3.8879],
    ['7830', 'Silly', 50.6474, 3.9250, 'Opzullik'],
    ['7830', 'Bassilly', 50.6768, 3.9337],
    ['7830', 'Hoves', 50.6708, 4.0357],
    ['7830', 'Graty', 50.6320, 3.9960],
    ['7830', 'Thoricourt', 50.6113, 3.9551],
    ['7850', 'Enghien', 50.6947, 4.0419, 'Edingen'],
    ['7850', 'Marcq', 50.6914, 4.0154, 'Mark'],
    ['7850', 'Petit-Enghien', 50.6914, 4.0830, 'Lettelingen'],
    ['7860', 'Lessines', 50.7117, 3.8361, 'Lessen'],
    ['7861', 'Papignies', 50.6864, 3.8166],
    ['7862', 'Ogy', 50.7207, 3.7807],
    ['7863', 'Ghoy', 50.7299, 3.8103],
    ['7864', 'Deux-Acren', 50.7289, 3.8540, 'Twee-Akren'],
    ['7866', 'Ollignies', 50.6847, 3.8592, 'Woelingen'],
    ['7866', 'Bois-de-Lessines', 50.6969, 3.8882],
    ['7870', 'Lens', 50.5567, 3.9006],
    ['7870', 'Cambron-Saint-Vincent', 50.5819, 3.9171],
    ['7880', 'Flobecq', 50.7367, 3.7385, 'Vloesberg'],
    ['7890', 'Ellezelles', 50.7341, 3.6785, 'Elzele'],
    ['7890', 'Wodecq', 50.7185, 3.7468],
    ['7890', 'Lahamaide', 50.6949, 3.7250],
    ['7900', 'Leuze-en-Hainaut', 50.5997, 3.6194],
    ['7900', 'Grandmetz', 50.6231, 3.6311],
    ['7901', 'Thieulain', 50.6179, 3.6052],
    ['7903', 'Blicquy', 50.5872, 3.6916],
    ['7904', 'Pipaix', 50.5837, 3.5788],
    ['7904', 'Tourpes', 50.5711, 3.6548],
    ['7906', 'Gallaix', 50.6053, 3.5739],
    ['7910', 'Frasnes-lez-Anvaing', 50.6699, 3.6198],
    ['7910', 'Anvaing', 50.6828, 3.5610],
    ['7910', 'Arc-Ainières', 50.7022, 3.5470],
    ['7910', 'Cordes', 50.6885, 3.5329],
    ['7911', 'Frasnes-lez-Buissenal', 50.6699, 3.6198],
    ['7911', 'Buissenal', 50.6642, 3.6557],
    ['7911', 'Moustier', 50.6560, 3.6202],
    ['7912', 'Saint-Sauveur', 50.7062, 3.5974],
    ['7912', 'Dergneau', 50.7133, 3.5690],
    ['7940', 'Brugelette', 50.5992, 3.8545],
    ['7940', 'Cambron-Casteau', 50.5890, 3.8801],
    ['7941', 'Attre', 50.6067, 3.8385],
    ['7942', 'Mévergnies-lez-Lens', 50.6073, 3.8525],
    ['7943', 'Gages', 50.6068, 3.8905],
    ['7950', 'Chièvres', 50.5860, 3.8061],
    ['7950', 'Ladeuze', 50.5645, 3.7686],
    ['7951', 'Tongre-Notre-Dame', 50.5814, 3.7756],
    ['7970', 'Belœil', 50.5497, 3.7342],
    ['7971', 'Basècles', 50.5259, 3.6489],
    ['7972', 'Quevaucamps', 50.5187, 3.6801],
    ['7972', 'Aubechies', 50.5724, 3.6814],
    ['7973', 'Stambruges', 50.5086, 3.7172],
    ['7973', 'Grandglise', 50.5053, 3.6942],
    ['7320', 'Bernissart', 50.4747, 3.6460],
    ['7321', 'Blaton', 50.4993, 3.6598],
    ['7321', 'Harchies', 50.4813, 3.6823],
    ['7322', 'Pommerœul', 50.4623, 3.7130],
  ]),
  // Mons, the Borinage, the Centre and Charleroi
  ...wallonia([
    ['7000', 'Mons', 50.4542, 3.9523, 'Bergen'],
    ['7011', 'Ghlin', 50.4742, 3.9021],
    ['7012', 'Jemappes', 50.4479, 3.8991],
    ['7020', 'Nimy', 50.4766, 3.9553],
    ['7021', 'Havré', 50.4639, 4.0453],
    ['7033', 'Cuesmes', 50.4362, 3.9241],
    ['7040', 'Quévy', 50.3607, 3.9472],
    ['7050', 'Jurbise', 50.5329, 3.9108],
    ['7060', 'Soignies', 50.5777, 4.0711, 'Zinnik'],
    ['7070', 'Le Rœulx', 50.5018, 4.1059],
    ['7080', 'Frameries', 50.4109, 3.8955],
    ['7090', 'Braine-le-Comte', 50.6094, 4.1348, "'s-Gravenbrakel"],
    ['7100', 'La Louvière', 50.4797, 4.1872],
    ['7130', 'Binche', 50.4112, 4.1656],
    ['7140', 'Morlanwelz', 50.4524, 4.2298],
    ['7160', 'Chapelle-lez-Herlaimont', 50.4712, 4.2808],
    ['7170', 'Manage', 50.5030, 4.2353],
    ['7180', 'Seneffe', 50.5286, 4.2721],
    ['7190', 'Écaussinnes', 50.5609, 4.1539],
    ['7300', 'Boussu', 50.4347, 3.7953],
    ['7301', 'Hornu', 50.4363, 3.8263],
    ['7330', 'Saint-Ghislain', 50.4491, 3.8184],
    ['7331', 'Baudour', 50.4833, 3.8377],
    ['7340', 'Colfontaine', 50.4142, 3.8460],
    ['7350', 'Hensies', 50.4328, 3.6849],
    ['7370', 'Dour', 50.3956, 3.7775],
    ['7380', 'Quiévrain', 50.4034, 3.6904],
    ['7387', 'Honnelles', 50.3667, 3.6943],
    ['7390', 'Quaregnon', 50.4444, 3.8646],
    ['6000', 'Charleroi', 50.4108, 4.4446],
    ['6001', 'Marcinelle', 50.3922, 4.4437],
    ['6041', 'Gosselies', 50.4689, 4.4322],
    ['6180', 'Courcelles', 50.4577, 4.3663],
    ['6200', 'Châtelet', 50.4061, 4.5279],
    ['6220', 'Fleurus', 50.4771, 4.5364],
    ['6530', 'Thuin', 50.3414, 4.2929],
  ]),
  // Brussels and the other main Walloon cities
  ...wallonia([
    ['1000', 'Bruxelles', 50.8467, 4.3525, 'Brussel'],
    ['1300', 'Wavre', 50.7159, 4.6128, 'Waver'],
    ['1348', 'Louvain-la-Neuve', 50.6681, 4.6118],
    ['1400', 'Nivelles', 50.5887, 4.3309, 'Nijvel'],
    ['4000', 'Liège', 50.6326, 5.5797, 'Luik'],
    ['5000', 'Namur', 50.4674, 4.8720, 'Namen'],
  ]),
  // West-Vlaanderen around Kortrijk, and the rest of Flanders nearby
  ...flanders([
    ['8500', 'Kortrijk', 50.8280, 3.2649, 'Courtrai'],
    ['8501', 'Heule', 50.8432, 3.2347],
    ['8501', 'Bissegem', 50.8241, 3.2281],
    ['8510', 'Marke', 50.8070, 3.2336],
    ['8510', 'Bellegem', 50.7766, 3.2784],
    ['8510', 'Rollegem', 50.7660, 3.2634],
    ['8510', 'Kooigem', 50.7397, 3.3313],
    ['8511', 'Aalbeke', 50.7784, 3.2299],
    ['8520', 'Kuurne', 50.8540, 3.2870],
    ['8530', 'Harelbeke', 50.8556, 3.3089],
    ['8531', 'Bavikhove', 50.8755, 3.3112],
    ['8531', 'Hulste', 50.8804, 3.2982],
    ['8540', 'Deerlijk', 50.8537, 3.3534],
    ['8550', 'Zwevegem', 50.8117, 3.3378],
    ['8551', 'Heestert', 50.7826, 3.4104],
    ['8552', 'Moen', 50.7700, 3.3974],
    ['8553', 'Otegem', 50.8082, 3.4240],
    ['8554', 'Sint-Denijs', 50.7531, 3.3653],
    ['8560', 'Wevelgem', 50.8102, 3.1813],
    ['8560', 'Gullegem', 50.8448, 3.1990],
    ['8560', 'Moorsele', 50.8406, 3.1646],
    ['8570', 'Anzegem', 50.8335, 3.4789],
    ['8570', 'Vichte', 50.8379, 3.4030],
    ['8570', 'Ingooigem', 50.8174, 3.4342],
    ['8572', 'Kaster', 50.8132, 3.4938],
    ['8573', 'Tiegem', 50.8086, 3.4753],
    ['8580', 'Avelgem', 50.7791, 3.4512],
    ['8581', 'Kerkhove', 50.7984, 3.5006],
    ['8582', 'Outrijve', 50.7560, 3.4293],
    ['8583', 'Bossuit', 50.7481, 3.4073],
    ['8587', 'Spiere-Helkijn', 50.7225, 3.3564, 'Espierres-Helchin'],
    ['8587', 'Spiere', 50.7185, 3.3554, 'Espierres'],
    ['8587', 'Helkijn', 50.7322, 3.3811, 'Helchin'],
    ['8790', 'Waregem', 50.8870, 3.4231],
    ['8791', 'Beveren-Leie', 50.8740, 3.3465],
    ['8792', 'Desselgem', 50.8869, 3.3494],
    ['8793', 'Sint-Eloois-Vijve', 50.9035, 3.4099],
    ['8710', 'Wielsbeke', 50.9100, 3.3725],
    ['8700', 'Tielt', 51.0002, 3.3264],
    ['8760', 'Meulebeke', 50.9506, 3.2864],
    ['8770', 'Ingelmunster', 50.9233, 3.2628],
    ['8780', 'Oostrozebeke', 50.9202, 3.3346],
    ['8800', 'Roeselare', 50.9465, 3.1227, 'Roulers'],
    ['8820', 'Torhout', 51.0650, 3.1016],
    ['8860', 'Lendelede', 50.8863, 3.2382],
    ['8870', 'Izegem', 50.9202, 3.2142],
    ['8880', 'Ledegem', 50.8550, 3.1274],
    ['8890', 'Moorslede', 50.8911, 3.0632],
    ['8900', 'Ieper', 50.8503, 2.8833, 'Ypres'],
    ['8930', 'Menen', 50.7962, 3.1214, 'Menin'],
    ['8930', 'Lauwe', 50.7946, 3.1850],
    ['8930', 'Rekkem', 50.7828, 3.1641, 'Reckem'],
    ['8940', 'Wervik', 50.7838, 3.0442, 'Wervicq'],
    ['8940', 'Geluwe', 50.8100, 3.0767],
    ['8950', 'Nieuwkerke', 50.7461, 2.8253, 'Neuve-Église'],
    ['8956', 'Kemmel', 50.7833, 2.8286],
    ['8957', 'Mesen', 50.7639, 2.8977, 'Messines'],
    ['8970', 'Poperinge', 50.8452, 2.7212],
    ['8980', 'Zonnebeke', 50.8727, 2.9875],
    ['8000', 'Brugge', 51.2093, 3.2247, 'Bruges'],
    ['8400', 'Oostende', 51.2250, 2.9190, 'Ostende'],
    ['8600', 'Diksmuide', 51.0317, 2.8640, 'Dixmude'],
    ['8630', 'Veurne', 51.0732, 2.6680, 'Furnes'],
    ['9000', 'Gent', 51.0543, 3.7174, 'Gand'],
    ['9300', 'Aalst', 50.9378, 4.0409, 'Alost'],
    ['9400', 'Ninove', 50.8336, 4.0188],
    ['9500', 'Geraardsbergen', 50.7706, 3.8871, 'Grammont'],
    ['9600', 'Ronse', 50.7461, 3.6008, 'Renaix'],
    ['9620', 'Zottegem', 50.8695, 3.8107],
    ['9660', 'Brakel', 50.8028, 3.7638],
    ['9680', 'Maarkedal', 50.8125, 3.6267],
    ['9690', 'Kluisbergen', 50.7790, 3.5100],
    ['9700', 'Oudenaarde', 50.8469, 3.6014, 'Audenarde'],
    ['9770', 'Kruisem', 50.9276, 3.5374],
    ['9800', 'Deinze', 50.9876, 3.5236],
    ['9870', 'Zulte', 50.9219, 3.4438],
    ['2000', 'Antwerpen', 51.2199, 4.4011, 'Anvers'],
    ['3000', 'Leuven', 50.8815, 4.6968, 'Louvain'],
  ]),
  // Métropole européenne de Lille and the rest of the Nord and Pas-de-Calais
  ...france([
    ['59000', 'Lille', 50.6292, 3.0573, 'Rijsel'],
    ['59800', 'Lille', 50.6390, 3.0650, 'Rijsel'],
    ['59777', 'Lille', 50.6367, 3.0733, 'Rijsel'],
    ['59777', 'Euralille', 50.6367, 3.0733],
    ['59160', 'Lille', 50.6436, 2.9872, 'Rijsel'],
    ['59160', 'Lomme', 50.6436, 2.9872],
    ['59260', 'Lille', 50.6261, 3.1103, 'Rijsel'],
    ['59260', 'Hellemmes-Lille', 50.6261, 3.1103],
    ['59260', 'Lezennes', 50.6139, 3.1144],
    ['59100', 'Roubaix', 50.6919, 3.1746, 'Robaais'],
    ['59200', 'Tourcoing', 50.7239, 3.1612, 'Toerkonje'],
    ['59650', "Villeneuve-d'Ascq", 50.6233, 3.1450],
    ['59491', "Villeneuve-d'Ascq", 50.6400, 3.1430],
    ['59700', 'Marcq-en-Barœul', 50.6711, 3.0975],
    ['59150', 'Wattrelos', 50.7017, 3.2170, 'Waterlos'],
    ['59280', 'Armentières', 50.6881, 2.8811, 'Armentiers'],
    ['59113', 'Seclin', 50.5489, 3.0297],
    ['59250', 'Halluin', 50.7836, 3.1258, 'Halewijn'],
    ['59170', 'Croix', 50.6783, 3.1494],
    ['59130', 'Lambersart', 50.6500, 3.0250],
    ['59110', 'La Madeleine', 50.6547, 3.0706],
    ['59370', 'Mons-en-Barœul', 50.6411, 3.1100],
    ['59510', 'Hem', 50.6553, 3.1878],
    ['59390', 'Lys-lez-Lannoy', 50.6711, 3.2150],
    ['59390', 'Lannoy', 50.6672, 3.2108],
    ['59390', 'Toufflers', 50.6614, 3.2350],
    ['59115', 'Leers', 50.6822, 3.2439],
    ['59120', 'Loos', 50.6142, 3.0136],
    ['59290', 'Wasquehal', 50.6703, 3.1308],
    ['59420', 'Mouvaux', 50.7036, 3.1375],
    ['59910', 'Bondues', 50.7025, 3.0944],
    ['59223', 'Roncq', 50.7544, 3.1206],
    ['59960', 'Neuville-en-Ferrain', 50.7486, 3.1578],
    ['59118', 'Wambrechies', 50.6861, 3.0497],
    ['59350', 'Saint-André-lez-Lille', 50.6583, 3.0458],
    ['59520', 'Marquette-lez-Lille', 50.6764, 3.0669],
    ['59560', 'Comines', 50.7619, 3.0103, 'Komen'],
    ['59117', 'Wervicq-Sud', 50.7750, 3.0428, 'Zuid-Wervik'],
    ['59166', 'Bousbecque', 50.7711, 3.0856, 'Busbeke'],
    ['59116', 'Houplines', 50.6944, 2.9150],
    ['59930', "La Chapelle-d'Armentières", 50.6722, 2.8956],
    ['59840', 'Pérenchies', 50.6678, 2.9708],
    ['59320', 'Haubourdin', 50.6089, 2.9867],
    ['59136', 'Wavrin', 50.5733, 2.9361],
    ['59480', 'La Bassée', 50.5342, 2.8069],
    ['59155', 'Faches-Thumesnil', 50.5983, 3.0731],
    ['59139', 'Wattignies', 50.5861, 3.0433],
    ['59790', 'Ronchin', 50.6047, 3.0903],
    ['59810', 'Lesquin', 50.5894, 3.1111],
    ['59262', 'Sainghin-en-Mélantois', 50.5880, 3.1650],
    ['59780', 'Baisieux', 50.6081, 3.2528],
    ['59830', 'Cysoing', 50.5697, 3.2161],
    ['59710', 'Pont-à-Marcq', 50.5217, 3.1136],
    ['59242', 'Templeuve-en-Pévèle', 50.5278, 3.1772],
    ['59310', 'Orchies', 50.4750, 3.2428],
    ['59158', 'Mortagne-du-Nord', 50.5036, 3.4547],
    ['59230', 'Saint-Amand-les-Eaux', 50.4478, 3.4275],
    ['59163', "Condé-sur-l'Escaut", 50.4547, 3.5886],
    ['59300', 'Valenciennes', 50.3575, 3.5233, 'Valencijn'],
    ['59410', 'Anzin', 50.3722, 3.5050],
    ['59220', 'Denain', 50.3294, 3.3961],
    ['59500', 'Douai', 50.3703, 3.0794, 'Dowaai'],
    ['59400', 'Cambrai', 50.1750, 3.2350, 'Kamerijk'],
    ['59600', 'Maubeuge', 50.2775, 3.9733, 'Mabuse'],
    ['59270', 'Bailleul', 50.7389, 2.7347, 'Belle'],
    ['59190', 'Hazebrouck', 50.7242, 2.5386, 'Hazebroek'],
    ['59140', 'Dunkerque', 51.0344, 2.3768, 'Duinkerke'],
    ['59820', 'Gravelines', 50.9864, 2.1281, 'Grevelingen'],
    ['62000', 'Arras', 50.2914, 2.7775, 'Atrecht'],
    ['62300', 'Lens', 50.4322, 2.8328],
    ['62800', 'Liévin', 50.4225, 2.7786],
    ['62110', 'Hénin-Beaumont', 50.4217, 2.9508],
    ['62400', 'Béthune', 50.5303, 2.6400, 'Betun'],
    ['62500', 'Saint-Omer', 50.7500, 2.2519, 'Sint-Omaars'],
  ]),
];

/** Lower case, no accents, ligatures spelt out, and nothing but letters and digits (hyphens, apostrophes and spaces go). */
const compact = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]/gu, '');

/** The compacted names of every place, computed once. */
const SEARCH_NAMES: readonly (readonly string[])[] = POSTCODE_PLACES.map((place) =>
  [place.name, place.nameNl, place.nameFr].filter((name): name is string => Boolean(name)).map(compact),
);

/** "B-7500", "BE 7500", "F-59000", "FR59000": a postcode with its country in front. */
const COUNTRY_PREFIX = /^\s*(BE?|FR?)\s*-?\s*(\d{4,5})\s*$/i;
/** "7500 Tournai", "59000 Lille": a postcode followed by a name, as in the labels `resolvePlace` returns. */
const POSTCODE_AND_NAME = /^\s*(\d{4,5})\s+(\D.*)$/;

/** How well a place answers the query: 0 is best, undefined means no match. */
function score(place: PostcodePlace, names: readonly string[], q: string): number | undefined {
  if (place.postcode === q) return 0;
  if (/^\d+$/.test(q)) return place.postcode.startsWith(q) ? 1 : undefined;
  if (names.some((n) => n === q)) return 2;
  if (names.some((n) => n.startsWith(q))) return 3;
  if (names.some((n) => n.includes(q))) return 4;
  return undefined;
}

/**
 * Finds places by postcode prefix or by name (accent- and case-insensitive, any of the names); best matches first, at most `limit`.
 * Order: exact postcode, postcode prefix, exact name, name start, name anywhere; then postcode, then the table's order
 * (so the main town of a postcode comes before its villages).
 */
export function findPlaces(query: string, limit = 10): PostcodePlace[] {
  if (limit <= 0) return [];
  const withCountry = COUNTRY_PREFIX.exec(query);
  if (withCountry) {
    const country = withCountry[1].toUpperCase().startsWith('B') ? 'BE' : 'FR';
    return findPlaces(withCountry[2], POSTCODE_PLACES.length).filter((place) => place.country === country).slice(0, limit);
  }
  const withName = POSTCODE_AND_NAME.exec(query);
  if (withName) {
    const name = compact(withName[2]);
    const inPostcode = POSTCODE_PLACES.map((place, index) => ({ place, names: SEARCH_NAMES[index] })).filter(({ place }) => place.postcode === withName[1]);
    const named = inPostcode.filter(({ names }) => names.some((n) => n.startsWith(name))).map(({ place }) => place);
    if (named.length > 0) return named.slice(0, limit);
    if (inPostcode.length > 0) return inPostcode.map(({ place }) => place).slice(0, limit);
  }
  const q = compact(query);
  if (!q) return [];
  return POSTCODE_PLACES.map((place, index) => ({ place, index, score: score(place, SEARCH_NAMES[index], q) }))
    .filter((entry): entry is { place: PostcodePlace; index: number; score: number } => entry.score !== undefined)
    .sort((a, b) => a.score - b.score || a.place.postcode.localeCompare(b.place.postcode) || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.place);
}

/** "50.61,3.39" (latitude, longitude, each with a decimal point; comma or semicolon between). */
const COORDINATES = /^\s*([+-]?\d{1,2}\.\d+)\s*[,;]\s*([+-]?\d{1,3}\.\d+)\s*$/;

/** Parses "50.61,3.39" (lat,lng) or a postcode / town name into coordinates; undefined when unknown. */
export function resolvePlace(query: string): { latitude: number; longitude: number; label: string } | undefined {
  const coordinates = COORDINATES.exec(query);
  if (coordinates) {
    const latitude = Number(coordinates[1]);
    const longitude = Number(coordinates[2]);
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
    return { latitude, longitude, label: `${latitude}, ${longitude}` };
  }
  const [place] = findPlaces(query, 1);
  return place ? { latitude: place.latitude, longitude: place.longitude, label: `${place.postcode} ${place.name}` } : undefined;
}
