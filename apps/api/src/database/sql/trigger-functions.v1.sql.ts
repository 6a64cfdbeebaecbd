/**
 * Trigger bodies that earlier migrations wrote in their own bodies, version 1, exactly as every
 * database has them after all earlier migrations:
 *
 * - booking_events_append_only (BookingEngine1795896000000): the booking audit log is append-only;
 * - resource_events_append_only (EquipmentLife1796774400000): so is the equipment log, except for the
 *   cascade when its item is deleted;
 * - session_registrations_count_seats (ClusterLife1796947200000): training_sessions.seats_taken
 *   follows the registered groups in the same transaction (its CHECK refuses over-allocation).
 *
 * Installed again (CREATE OR REPLACE, no change) by VersionedFunctions1797100000000 so that the
 * definition a database runs comes from this file. Covered by the migrations manifest: it never
 * changes once landed. A new body is a trigger-functions.v2.sql.ts installed by a new migration.
 * The bodies are kept byte for byte as those migrations wrote them (the upgrade test compares
 * pg_get_functiondef).
 */
export const TRIGGER_FUNCTIONS_V1: readonly string[] = [
  `
      CREATE OR REPLACE FUNCTION booking_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'booking_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`,
  `
      CREATE OR REPLACE FUNCTION resource_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Deleting the item deletes its log (ON DELETE CASCADE); nothing else may change it.
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM resources WHERE id = OLD.resource_id) THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'resource_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`,
  `
      CREATE OR REPLACE FUNCTION session_registrations_count_seats() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        delta integer := 0;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'registered' THEN delta := delta - OLD.seats; END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'registered' THEN delta := delta + NEW.seats; END IF;
        IF delta <> 0 THEN
          UPDATE training_sessions SET seats_taken = seats_taken + delta, updated_at = now()
           WHERE id = coalesce(NEW.session_id, OLD.session_id);
        END IF;
        RETURN NULL;
      END $$`,
];
