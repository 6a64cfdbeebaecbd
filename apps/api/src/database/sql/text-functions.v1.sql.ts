/**
 * f_unaccent(text), version 1, exactly as EquipmentCatalogue1795892400000 created it: unaccent() is
 * only STABLE (it reads a dictionary); pinning the dictionary makes it IMMUTABLE, so the search
 * indexes and resource-search.v1.sql.ts can use it.
 *
 * Installed again (CREATE OR REPLACE, no change) by VersionedFunctions1797100000000. Covered by the
 * migrations manifest: it never changes once landed. A new definition is a text-functions.v2.sql.ts
 * installed by a new migration, which must also rebuild what is indexed or stored through it
 * (resources_name_trgm_idx, resources.search_document).
 */
export const TEXT_FUNCTIONS_V1: readonly string[] = [
  `
      CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`,
];
