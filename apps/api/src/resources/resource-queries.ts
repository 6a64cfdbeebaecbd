import { bookingRulesJson, closuresJson, namesJson, resourceOccupationsJson, siteJson } from '../database/sql/fragments/resource-json';

/**
 * The fragments of `database/sql/fragments/resource-json.ts` bound to the aliases `r` (resources) and
 * `s` (sites), for callers not yet moved to the builders. New code calls the builders with its aliases.
 */
export const RULES_JSON = bookingRulesJson('r');
export const CLOSURES_JSON = closuresJson('r');
export const NAMES_JSON = namesJson('r');
export const OCCUPATIONS_JSON = resourceOccupationsJson('r');
export const SITE_JSON = siteJson('s');
