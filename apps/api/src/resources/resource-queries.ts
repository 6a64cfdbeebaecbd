/**
 * SQL fragments shared by the item page, the catalogue and the booking engine, so that an item's
 * rules and closures are read the same way everywhere.
 */

/** The BookingRules object of `r` (a resources row), as JSON. */
export const RULES_JSON = `json_build_object(
  'openingHours', r.opening_hours, 'slotMinutes', r.slot_minutes, 'minDurationMinutes', r.min_duration_minutes,
  'maxDurationMinutes', r.max_duration_minutes, 'leadTimeMinutes', r.lead_time_minutes, 'horizonDays', r.horizon_days,
  'bufferBeforeMinutes', r.buffer_before_minutes, 'bufferAfterMinutes', r.buffer_after_minutes, 'approvalMode', r.approval_mode,
  'quotaWeekMinutes', r.quota_week_minutes, 'quotaMonthMinutes', r.quota_month_minutes, 'accessPolicy', r.access_policy,
  'cancelCutoffHours', r.cancel_cutoff_hours,
  'allowedOrganisationIds', coalesce((SELECT json_agg(a.organisation_id) FROM resource_allowed_organisations a WHERE a.resource_id = r.id), '[]'))`;

/** Closures of `r` and of its site, as ClosureView JSON. */
export const CLOSURES_JSON = `coalesce((
  SELECT json_agg(json_build_object(
    'id', c.id, 'scope', CASE WHEN c.resource_id IS NULL THEN 'site' ELSE 'resource' END,
    'startsOn', to_char(c.starts_on, 'YYYY-MM-DD'), 'endsOn', to_char(c.ends_on, 'YYYY-MM-DD'),
    'startTime', to_char(c.start_time, 'HH24:MI'), 'endTime', to_char(c.end_time, 'HH24:MI'),
    'yearly', c.yearly, 'reason', c.reason) ORDER BY c.starts_on)
  FROM closures c WHERE c.resource_id = r.id OR c.site_id = r.site_id), '[]')`;

export const NAMES_JSON = `json_build_object('fr', r.name_fr, 'nl', r.name_nl, 'en', r.name_en)`;

export const OCCUPATIONS_JSON = `coalesce((
  SELECT json_agg(json_build_object('id', oc.id, 'code', oc.code, 'labels', json_build_object('fr', oc.label_fr, 'nl', oc.label_nl, 'en', oc.label_en)) ORDER BY oc.label_fr)
  FROM resource_occupations ro JOIN occupations oc ON oc.id = ro.occupation_id WHERE ro.resource_id = r.id), '[]')`;

export const SITE_JSON = `json_build_object(
  'id', s.id, 'organisationId', s.organisation_id, 'name', s.name, 'address', s.address, 'postcode', s.postcode, 'city', s.city,
  'country', s.country, 'region', s.region, 'latitude', s.latitude, 'longitude', s.longitude, 'timeZone', s.time_zone)`;

/** Columns of resources that hold the rules, keyed by BookingRules field. */
export const RULE_COLUMNS = {
  openingHours: 'opening_hours',
  slotMinutes: 'slot_minutes',
  minDurationMinutes: 'min_duration_minutes',
  maxDurationMinutes: 'max_duration_minutes',
  leadTimeMinutes: 'lead_time_minutes',
  horizonDays: 'horizon_days',
  bufferBeforeMinutes: 'buffer_before_minutes',
  bufferAfterMinutes: 'buffer_after_minutes',
  approvalMode: 'approval_mode',
  quotaWeekMinutes: 'quota_week_minutes',
  quotaMonthMinutes: 'quota_month_minutes',
  accessPolicy: 'access_policy',
  cancelCutoffHours: 'cancel_cutoff_hours',
} as const;
