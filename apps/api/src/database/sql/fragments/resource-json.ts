/**
 * SQL fragments that read an item (a `resources` row) the same way everywhere: its names, its booking
 * rules, its closures, its occupations and its site. Each takes the alias its caller gave the table, so
 * no fragment assumes the caller's aliases.
 */

/** `{ fr, nl, en }` from the name_* columns of `alias` (resources, or any table with the same columns). */
export const namesJson = (alias: string): string => `json_build_object('fr', ${alias}.name_fr, 'nl', ${alias}.name_nl, 'en', ${alias}.name_en)`;

/** The BookingRules object of the resources row `r`, as JSON. */
export const bookingRulesJson = (r: string): string => `json_build_object(
  'openingHours', ${r}.opening_hours, 'slotMinutes', ${r}.slot_minutes, 'minDurationMinutes', ${r}.min_duration_minutes,
  'maxDurationMinutes', ${r}.max_duration_minutes, 'leadTimeMinutes', ${r}.lead_time_minutes, 'horizonDays', ${r}.horizon_days,
  'bufferBeforeMinutes', ${r}.buffer_before_minutes, 'bufferAfterMinutes', ${r}.buffer_after_minutes, 'approvalMode', ${r}.approval_mode,
  'quotaWeekMinutes', ${r}.quota_week_minutes, 'quotaMonthMinutes', ${r}.quota_month_minutes, 'accessPolicy', ${r}.access_policy,
  'cancelCutoffHours', ${r}.cancel_cutoff_hours,
  'allowedOrganisationIds', coalesce((SELECT json_agg(a.organisation_id) FROM resource_allowed_organisations a WHERE a.resource_id = ${r}.id), '[]'))`;

/** Closures of the resources row `r` and of its site, as ClosureView JSON, by first day. */
export const closuresJson = (r: string): string => `coalesce((
  SELECT json_agg(json_build_object(
    'id', c.id, 'scope', CASE WHEN c.resource_id IS NULL THEN 'site' ELSE 'resource' END,
    'startsOn', to_char(c.starts_on, 'YYYY-MM-DD'), 'endsOn', to_char(c.ends_on, 'YYYY-MM-DD'),
    'startTime', to_char(c.start_time, 'HH24:MI'), 'endTime', to_char(c.end_time, 'HH24:MI'),
    'yearly', c.yearly, 'reason', c.reason) ORDER BY c.starts_on)
  FROM closures c WHERE c.resource_id = ${r}.id OR c.site_id = ${r}.site_id), '[]')`;

/** The occupations linked to the resources row `r`, as OccupationRef JSON, by French label. */
export const resourceOccupationsJson = (r: string): string => `coalesce((
  SELECT json_agg(${occupationJson('oc')} ORDER BY oc.label_fr)
  FROM resource_occupations ro JOIN occupations oc ON oc.id = ro.occupation_id WHERE ro.resource_id = ${r}.id), '[]')`;

/** One occupations row `oc` as `{ id, code, labels: { fr, nl, en } }`. */
export const occupationJson = (oc: string): string =>
  `json_build_object('id', ${oc}.id, 'code', ${oc}.code, 'labels', json_build_object('fr', ${oc}.label_fr, 'nl', ${oc}.label_nl, 'en', ${oc}.label_en))`;

/** The sites row `s` as one line of text: "Halle, Rue du Port 3, 7500 Tournai". */
export const siteLocation = (s: string): string =>
  `concat_ws(', ', ${s}.name, nullif(${s}.address, ''), nullif(concat_ws(' ', ${s}.postcode, ${s}.city), ''))`;

/** The sites row `s` as a SiteSummary. */
export const siteJson = (s: string): string => `json_build_object(
  'id', ${s}.id, 'organisationId', ${s}.organisation_id, 'name', ${s}.name, 'address', ${s}.address, 'postcode', ${s}.postcode, 'city', ${s}.city,
  'country', ${s}.country, 'region', ${s}.region, 'latitude', ${s}.latitude, 'longitude', ${s}.longitude, 'timeZone', ${s}.time_zone)`;
