/**
 * The catalogue's text search, version 1: one `resources.search_document` per item, kept by
 * triggers, holding each text both as written (the `simple` configuration, for prefixes of any
 * word) and stemmed in its own language (`french`, `dutch`, `english`), so "lassen", "soudeur" or
 * "nursing" meet "lasser", "soudure", "nurse". Texts are lower-cased and unaccented first, as the
 * query is.
 *
 * Weights: A the item's names; B the labels of its occupations in the three languages; C its
 * descriptions and skills.
 *
 * Installed by StemmedSearch1796688000000. Covered by the migrations manifest: it never changes once
 * landed (a change is a v2 installed by a new migration).
 */
const norm = (expression: string) => `f_unaccent(lower(coalesce(${expression}, '')))`;
const stemmed = (weight: string, texts: { fr: string; nl: string; en: string }) =>
  [
    `setweight(to_tsvector('simple', ${norm(`concat_ws(' ', ${texts.fr}, ${texts.nl}, ${texts.en})`)}), '${weight}')`,
    `setweight(to_tsvector('french', ${norm(texts.fr)}), '${weight}')`,
    `setweight(to_tsvector('dutch', ${norm(texts.nl)}), '${weight}')`,
    `setweight(to_tsvector('english', ${norm(texts.en)}), '${weight}')`,
  ].join(' || ');

export const RESOURCE_SEARCH_V1: readonly string[] = [
  `
      CREATE OR REPLACE FUNCTION refresh_resource_search(ids uuid[]) RETURNS void
        LANGUAGE sql VOLATILE
        AS $$
          UPDATE resources r SET search_document =
                 ${stemmed('A', { fr: 'r.name_fr', nl: 'r.name_nl', en: 'r.name_en' })}
              || ${stemmed('B', { fr: 'o.fr', nl: 'o.nl', en: 'o.en' })}
              || ${stemmed('C', { fr: `concat_ws(' ', r.description_fr, array_to_string(r.skills, ' '))`, nl: 'r.description_nl', en: 'r.description_en' })}
            FROM (SELECT x.id,
                         (SELECT string_agg(oc.label_fr, ' ') FROM resource_occupations ro JOIN occupations oc ON oc.id = ro.occupation_id WHERE ro.resource_id = x.id) AS fr,
                         (SELECT string_agg(oc.label_nl, ' ') FROM resource_occupations ro JOIN occupations oc ON oc.id = ro.occupation_id WHERE ro.resource_id = x.id) AS nl,
                         (SELECT string_agg(oc.label_en, ' ') FROM resource_occupations ro JOIN occupations oc ON oc.id = ro.occupation_id WHERE ro.resource_id = x.id) AS en
                    FROM unnest(ids) AS x(id)) o
           WHERE r.id = o.id
        $$`,
  `
      CREATE OR REPLACE FUNCTION resources_search_refresh() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
        BEGIN
          IF TG_TABLE_NAME = 'resources' THEN
            PERFORM refresh_resource_search(ARRAY[NEW.id]);
          ELSIF TG_TABLE_NAME = 'resource_occupations' THEN
            PERFORM refresh_resource_search(ARRAY[CASE WHEN TG_OP = 'DELETE' THEN OLD.resource_id ELSE NEW.resource_id END]);
          ELSE
            PERFORM refresh_resource_search(ARRAY(SELECT ro.resource_id FROM resource_occupations ro WHERE ro.occupation_id = NEW.id));
          END IF;
          RETURN NULL;
        END
        $$`,
  // search_document is not among the columns: the refresh's own UPDATE does not fire it again.
  `CREATE TRIGGER resources_search_document AFTER INSERT OR UPDATE OF name_fr, name_nl, name_en, description_fr, description_nl, description_en, skills
     ON resources FOR EACH ROW EXECUTE FUNCTION resources_search_refresh()`,
  `CREATE TRIGGER resource_occupations_search_document AFTER INSERT OR DELETE
     ON resource_occupations FOR EACH ROW EXECUTE FUNCTION resources_search_refresh()`,
  `CREATE TRIGGER occupations_search_document AFTER UPDATE OF label_fr, label_nl, label_en
     ON occupations FOR EACH ROW EXECUTE FUNCTION resources_search_refresh()`,
];
