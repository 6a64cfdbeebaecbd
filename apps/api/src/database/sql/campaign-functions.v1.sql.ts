/**
 * The rule that a campaign's items belong to whoever opens it, version 1 (CampaignClusters1797800000000):
 * an item of an organisation's campaign is that organisation's own; an item of a cluster's campaign is
 * offered in that cluster (resource_clusters), whichever partner owns it. A CHECK cannot look at other
 * tables, so a trigger on campaign_items raises check_violation (23514) for any other item.
 *
 * Covered by the migrations manifest: it never changes once landed. A new body is a
 * campaign-functions.v2.sql.ts installed by a new migration.
 */
export const CAMPAIGN_FUNCTIONS_V1: readonly string[] = [
  `
      CREATE OR REPLACE FUNCTION campaign_items_belong() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (
          SELECT 1 FROM campaigns c JOIN resources r ON r.id = NEW.resource_id
           WHERE c.id = NEW.campaign_id
             AND (r.organisation_id = c.organisation_id
                  OR EXISTS (SELECT 1 FROM resource_clusters rc WHERE rc.resource_id = r.id AND rc.cluster_id = c.cluster_id))
        ) THEN
          RAISE EXCEPTION 'item % belongs neither to the organisation nor to the cluster of campaign %', NEW.resource_id, NEW.campaign_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'campaign_items_belong';
        END IF;
        RETURN NEW;
      END $$`,
];
