import type { Locale } from './i18n';

/**
 * Stable error codes of the API. The HTTP body always is
 * `{ statusCode, code, message, details?, requestId }`; `message` is already translated
 * into the caller's language, and the web app may re-translate `code` itself.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedRequest = 'MALFORMED_REQUEST',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  Conflict = 'CONFLICT',
  AlreadyExists = 'ALREADY_EXISTS',
  ReferenceInvalid = 'REFERENCE_INVALID',
  RuleViolated = 'RULE_VIOLATED',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_ERROR',
  CsrfRejected = 'CSRF_REJECTED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  LoginThrottled = 'LOGIN_THROTTLED',
  TokenInvalid = 'TOKEN_INVALID',
  CoordinatorOnly = 'COORDINATOR_ONLY',
  LastManager = 'LAST_MANAGER',
  AlreadyMember = 'ALREADY_MEMBER',
}

type Catalogue<K extends string> = Record<Locale, Record<K, string>>;

export const ERROR_MESSAGES: Catalogue<ErrorCode> = {
  fr: {
    [ErrorCode.ValidationFailed]: 'Certaines données sont invalides.',
    [ErrorCode.MalformedRequest]: 'La requête est mal formée.',
    [ErrorCode.PayloadTooLarge]: 'La requête est trop volumineuse.',
    [ErrorCode.Unauthenticated]: 'Veuillez vous connecter.',
    [ErrorCode.Forbidden]: "Vous n'avez pas le droit d'effectuer cette action.",
    [ErrorCode.NotFound]: 'Élément introuvable.',
    [ErrorCode.RouteNotFound]: "Cette adresse de l'API n'existe pas.",
    [ErrorCode.Conflict]: 'Cette action entre en conflit avec des données existantes.',
    [ErrorCode.AlreadyExists]: 'Cet élément existe déjà.',
    [ErrorCode.ReferenceInvalid]: "Un élément référencé n'existe pas.",
    [ErrorCode.RuleViolated]: 'Cette action enfreint une règle.',
    [ErrorCode.TooManyRequests]: 'Trop de tentatives. Réessayez plus tard.',
    [ErrorCode.ServiceUnavailable]: 'Le service est momentanément indisponible.',
    [ErrorCode.Internal]: 'Une erreur inattendue est survenue. Réessayez ou contactez le support.',
    [ErrorCode.CsrfRejected]: 'Requête refusée : elle ne vient pas de l’application Equipôle.',
    [ErrorCode.InvalidCredentials]: 'Adresse e-mail ou mot de passe incorrect.',
    [ErrorCode.LoginThrottled]: 'Trop de tentatives de connexion. Réessayez dans {minutes} minute(s).',
    [ErrorCode.TokenInvalid]: 'Ce lien n’est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau.',
    [ErrorCode.CoordinatorOnly]: 'Seule la coordination peut effectuer cette action.',
    [ErrorCode.LastManager]: 'Une organisation doit garder au moins un·e gestionnaire.',
    [ErrorCode.AlreadyMember]: 'Cette personne fait déjà partie de l’organisation.',
  },
  nl: {
    [ErrorCode.ValidationFailed]: 'Sommige gegevens zijn ongeldig.',
    [ErrorCode.MalformedRequest]: 'Het verzoek is ongeldig opgebouwd.',
    [ErrorCode.PayloadTooLarge]: 'Het verzoek is te groot.',
    [ErrorCode.Unauthenticated]: 'Meld u aan.',
    [ErrorCode.Forbidden]: 'U mag deze actie niet uitvoeren.',
    [ErrorCode.NotFound]: 'Niet gevonden.',
    [ErrorCode.RouteNotFound]: 'Dit API-adres bestaat niet.',
    [ErrorCode.Conflict]: 'Deze actie botst met bestaande gegevens.',
    [ErrorCode.AlreadyExists]: 'Dit bestaat al.',
    [ErrorCode.ReferenceInvalid]: 'Een gekoppeld element bestaat niet.',
    [ErrorCode.RuleViolated]: 'Deze actie is in strijd met een regel.',
    [ErrorCode.TooManyRequests]: 'Te veel pogingen. Probeer het later opnieuw.',
    [ErrorCode.ServiceUnavailable]: 'De dienst is tijdelijk niet beschikbaar.',
    [ErrorCode.Internal]: 'Er is een onverwachte fout opgetreden. Probeer opnieuw of neem contact op met de support.',
    [ErrorCode.CsrfRejected]: 'Verzoek geweigerd: het komt niet van de Equipôle-toepassing.',
    [ErrorCode.InvalidCredentials]: 'Onjuist e-mailadres of wachtwoord.',
    [ErrorCode.LoginThrottled]: 'Te veel aanmeldpogingen. Probeer het over {minutes} minuut/minuten opnieuw.',
    [ErrorCode.TokenInvalid]: 'Deze link is niet meer geldig (al gebruikt of verlopen). Vraag een nieuwe aan.',
    [ErrorCode.CoordinatorOnly]: 'Alleen de coördinatie mag dit doen.',
    [ErrorCode.LastManager]: 'Een organisatie moet minstens één beheerder houden.',
    [ErrorCode.AlreadyMember]: 'Deze persoon is al lid van de organisatie.',
  },
  en: {
    [ErrorCode.ValidationFailed]: 'Some of the data is invalid.',
    [ErrorCode.MalformedRequest]: 'The request is malformed.',
    [ErrorCode.PayloadTooLarge]: 'The request is too large.',
    [ErrorCode.Unauthenticated]: 'Please sign in.',
    [ErrorCode.Forbidden]: 'You are not allowed to do this.',
    [ErrorCode.NotFound]: 'Not found.',
    [ErrorCode.RouteNotFound]: 'This API address does not exist.',
    [ErrorCode.Conflict]: 'This action conflicts with existing data.',
    [ErrorCode.AlreadyExists]: 'This already exists.',
    [ErrorCode.ReferenceInvalid]: 'A referenced item does not exist.',
    [ErrorCode.RuleViolated]: 'This action breaks a rule.',
    [ErrorCode.TooManyRequests]: 'Too many attempts. Try again later.',
    [ErrorCode.ServiceUnavailable]: 'The service is temporarily unavailable.',
    [ErrorCode.Internal]: 'An unexpected error occurred. Try again or contact support.',
    [ErrorCode.CsrfRejected]: 'Request refused: it does not come from the Equipôle app.',
    [ErrorCode.InvalidCredentials]: 'Wrong email address or password.',
    [ErrorCode.LoginThrottled]: 'Too many sign-in attempts. Try again in {minutes} minute(s).',
    [ErrorCode.TokenInvalid]: 'This link is no longer valid (already used or expired). Ask for a new one.',
    [ErrorCode.CoordinatorOnly]: 'Only the coordination can do this.',
    [ErrorCode.LastManager]: 'An organisation must keep at least one manager.',
    [ErrorCode.AlreadyMember]: 'This person already belongs to the organisation.',
  },
};

/** One invalid field of a request, as found in `details` of a VALIDATION_FAILED error. */
export interface FieldError {
  /** Dotted path of the field, e.g. `address.postcode` or `openingHours.2.start`. */
  field: string;
  /** Name of the failed rule (class-validator constraint name, e.g. `isEmail`, `whitelistValidation`). */
  constraint: string;
  /** Translated, human-readable message. */
  message: string;
}

export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode | string;
  message: string;
  details?: FieldError[] | Record<string, unknown>;
  requestId: string;
}

const FIELD_MESSAGES: Catalogue<string> = {
  fr: {
    whitelistValidation: 'Ce champ n’est pas accepté.',
    isDefined: 'Ce champ est obligatoire.',
    isNotEmpty: 'Ce champ est obligatoire.',
    isEmail: 'Adresse e-mail invalide.',
    isString: 'Doit être un texte.',
    isInt: 'Doit être un nombre entier.',
    isNumber: 'Doit être un nombre.',
    isBoolean: 'Doit être vrai ou faux.',
    isEnum: 'Valeur non autorisée.',
    isIn: 'Valeur non autorisée.',
    isUUID: 'Identifiant invalide.',
    isDateString: 'Date invalide.',
    isISO8601: 'Date invalide.',
    isUrl: 'Adresse web invalide.',
    min: 'Doit être au moins {0}.',
    max: 'Doit être au plus {0}.',
    minLength: 'Doit contenir au moins {0} caractères.',
    maxLength: 'Doit contenir au plus {0} caractères.',
    isArray: 'Doit être une liste.',
    arrayMaxSize: 'La liste contient trop d’éléments (au plus {0}).',
    arrayMinSize: 'La liste doit contenir au moins {0} élément(s).',
    matches: 'Format invalide.',
    nestedValidation: 'Données imbriquées invalides.',
    isRegistrationNumber: 'Numéro d’entreprise (BCE) ou SIRET invalide pour ce pays.',
    timeFormat: 'Heure invalide (format HH:MM attendu).',
    openingOrder: 'La fin ({1}) doit venir après le début ({0}).',
    openingOverlap: 'Cette plage chevauche la plage {0} du même jour.',
    durationOrder: 'La durée minimale dépasse la durée maximale ({0} min).',
    slotMultiple: 'Doit être un multiple du pas de réservation ({0} min).',
    closureOrder: 'La date de fin doit suivre la date de début.',
    default: 'Valeur invalide.',
  },
  nl: {
    whitelistValidation: 'Dit veld is niet toegestaan.',
    isDefined: 'Dit veld is verplicht.',
    isNotEmpty: 'Dit veld is verplicht.',
    isEmail: 'Ongeldig e-mailadres.',
    isString: 'Moet tekst zijn.',
    isInt: 'Moet een geheel getal zijn.',
    isNumber: 'Moet een getal zijn.',
    isBoolean: 'Moet waar of onwaar zijn.',
    isEnum: 'Waarde niet toegestaan.',
    isIn: 'Waarde niet toegestaan.',
    isUUID: 'Ongeldige identificatie.',
    isDateString: 'Ongeldige datum.',
    isISO8601: 'Ongeldige datum.',
    isUrl: 'Ongeldig webadres.',
    min: 'Moet minstens {0} zijn.',
    max: 'Mag hoogstens {0} zijn.',
    minLength: 'Moet minstens {0} tekens bevatten.',
    maxLength: 'Mag hoogstens {0} tekens bevatten.',
    isArray: 'Moet een lijst zijn.',
    arrayMaxSize: 'De lijst bevat te veel elementen (hoogstens {0}).',
    arrayMinSize: 'De lijst moet minstens {0} element(en) bevatten.',
    matches: 'Ongeldig formaat.',
    nestedValidation: 'Ongeldige geneste gegevens.',
    isRegistrationNumber: 'Ongeldig ondernemingsnummer (KBO) of SIRET voor dit land.',
    timeFormat: 'Ongeldig tijdstip (formaat UU:MM verwacht).',
    openingOrder: 'Het einde ({1}) moet na het begin ({0}) komen.',
    openingOverlap: 'Deze periode overlapt met {0} op dezelfde dag.',
    durationOrder: 'De minimumduur is langer dan de maximumduur ({0} min).',
    slotMultiple: 'Moet een veelvoud zijn van de reservatiestap ({0} min).',
    closureOrder: 'De einddatum moet na de begindatum komen.',
    default: 'Ongeldige waarde.',
  },
  en: {
    whitelistValidation: 'This field is not accepted.',
    isDefined: 'This field is required.',
    isNotEmpty: 'This field is required.',
    isEmail: 'Invalid email address.',
    isString: 'Must be text.',
    isInt: 'Must be a whole number.',
    isNumber: 'Must be a number.',
    isBoolean: 'Must be true or false.',
    isEnum: 'Value not allowed.',
    isIn: 'Value not allowed.',
    isUUID: 'Invalid identifier.',
    isDateString: 'Invalid date.',
    isISO8601: 'Invalid date.',
    isUrl: 'Invalid web address.',
    min: 'Must be at least {0}.',
    max: 'Must be at most {0}.',
    minLength: 'Must be at least {0} characters long.',
    maxLength: 'Must be at most {0} characters long.',
    isArray: 'Must be a list.',
    arrayMaxSize: 'The list has too many items (at most {0}).',
    arrayMinSize: 'The list needs at least {0} item(s).',
    matches: 'Invalid format.',
    nestedValidation: 'Invalid nested data.',
    isRegistrationNumber: 'Invalid enterprise number (BCE/KBO) or SIRET for this country.',
    timeFormat: 'Invalid time (HH:MM expected).',
    openingOrder: 'The end ({1}) must come after the start ({0}).',
    openingOverlap: 'This overlaps {0} on the same day.',
    durationOrder: 'The minimum duration exceeds the maximum ({0} min).',
    slotMultiple: 'Must be a multiple of the booking step ({0} min).',
    closureOrder: 'The end date must follow the start date.',
    default: 'Invalid value.',
  },
};

/** Translated message of an error code; `{name}` placeholders are filled from `params`. */
export function errorMessage(code: ErrorCode | string, locale: Locale, params: Record<string, string | number> = {}): string {
  const messages = ERROR_MESSAGES[locale] as Record<string, string>;
  const template = messages[code] ?? ERROR_MESSAGES[locale][ErrorCode.Internal];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Translated message for one failed validation rule; `{0}` is replaced by the rule's first argument. */
export function fieldErrorMessage(constraint: string, locale: Locale, args: readonly unknown[] = []): string {
  const template = FIELD_MESSAGES[locale][constraint] ?? FIELD_MESSAGES[locale].default;
  return template.replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)] ?? ''));
}
