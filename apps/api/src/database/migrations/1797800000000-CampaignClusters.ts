import { MigrationInterface, QueryRunner } from 'typeorm';
import { CAMPAIGN_FUNCTIONS_V1 } from '../sql/campaign-functions.v1.sql';

/**
 * Issue 21: a cluster's coordinators open a campaign over the cluster's items, whichever partners own
 * them (docs/campaigns.md, "Who opens a campaign"). A campaign now belongs either to an organisation
 * (organisation_id, as before) or to a cluster (cluster_id), never both nor neither; its items belong
 * to that organisation or are offered in that cluster (trigger campaign_items_belong, 23514).
 * Existing campaigns keep their organisation; nothing else changes.
 */
export class CampaignClusters1797800000000 implements MigrationInterface {
  name = 'CampaignClusters1797800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE campaigns
        ADD COLUMN cluster_id uuid REFERENCES clusters (id) ON DELETE RESTRICT,
        ALTER COLUMN organisation_id DROP NOT NULL,
        ADD CONSTRAINT campaigns_owner CHECK (num_nonnulls(organisation_id, cluster_id) = 1)`);
    await queryRunner.query('CREATE INDEX campaigns_cluster_idx ON campaigns (cluster_id) WHERE cluster_id IS NOT NULL');
    for (const statement of CAMPAIGN_FUNCTIONS_V1) await queryRunner.query(statement);
    await queryRunner.query(`
      CREATE TRIGGER campaign_items_belong BEFORE INSERT OR UPDATE ON campaign_items
        FOR EACH ROW EXECUTE FUNCTION campaign_items_belong()`);
  }

  /** Cluster campaigns cannot be kept without their cluster column: they are deleted (their bookings stay). */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER campaign_items_belong ON campaign_items');
    await queryRunner.query('DROP FUNCTION campaign_items_belong()');
    await queryRunner.query('DELETE FROM campaigns WHERE cluster_id IS NOT NULL');
    await queryRunner.query('DROP INDEX campaigns_cluster_idx');
    await queryRunner.query(`
      ALTER TABLE campaigns DROP CONSTRAINT campaigns_owner, ALTER COLUMN organisation_id SET NOT NULL, DROP COLUMN cluster_id`);
  }
}
