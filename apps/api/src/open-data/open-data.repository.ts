import { Injectable } from '@nestjs/common';
import type { Country, PublicClusterPage, Story, TranslatedOptional } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { storyPhotoUrl } from '../database/sql/fragments/story-photo';

/** The open data's months and the cluster pages' twelve months are Brussels months. */
export const OPEN_DATA_ZONE = 'Europe/Brussels';

/** A cluster × occupation × country of the equipment: one series of open-indicator cells. */
export interface Combo { clusterId: string; cluster: string; occupationId: string; occupation: string; country: Country }

/** Who is behind an open-indicator cell, and the sessions held in it. */
export interface CellFacts { organisations: number; sessions: number; participants: number }

/** A cluster's public page as stored, before the computed figures are added. */
export type ClusterPageRow = Pick<PublicClusterPage, 'id' | 'name' | 'sector' | 'status' | 'descriptions' | 'occupations' | 'partners' | 'equipment'>;

/** The cluster as named on its evaluation report. */
export interface EvaluationCluster { id: string; name: string; sector: string; status: string }

export interface SessionsHeld {
  held: number;
  participants: number;
  crossBorderParticipants: number;
  crossBorderOrganisationIds: string[];
}

export interface StoryPhotoRow {
  id: string;
  photo_path: string | null;
  photo_type: string | null;
}

export interface NewStory {
  clusterId: string;
  title: string;
  body: string;
  photoUrl: string | null;
  photoAlt: string | null;
  partnerIds: string[];
  createdById: string;
  publishedAt: Date;
}

/**
 * The statements of the open data: open indicators, cluster pages, stories, evaluation and Interreg
 * figures. Every method takes the caller's EntityManager (none of them runs in a transaction: the
 * DataSource's manager).
 */
@Injectable()
export class OpenDataRepository {
  /** The clusters × occupations × countries of the active equipment (of one cluster, or all). */
  combos(db: EntityManager, clusterId?: string): Promise<Combo[]> {
    return db.query(
      `SELECT DISTINCT rc.cluster_id AS "clusterId", c.name AS cluster, ro.occupation_id AS "occupationId", oc.code AS occupation, s.country
         FROM resources r JOIN sites s ON s.id = r.site_id JOIN resource_clusters rc ON rc.resource_id = r.id JOIN clusters c ON c.id = rc.cluster_id
         JOIN resource_occupations ro ON ro.resource_id = r.id JOIN occupations oc ON oc.id = ro.occupation_id
        WHERE r.status <> 'retired' AND ($1::uuid IS NULL OR rc.cluster_id = $1::uuid)
        ORDER BY c.name, oc.code, s.country`,
      [clusterId ?? null],
    );
  }

  /** The organisations behind a cell (owners, bookers in the month, session hosts and groups), its sessions held and their participants; [from, to) local days. */
  async cellFacts(db: EntityManager, combo: Combo, from: string, to: string): Promise<CellFacts> {
    const [row] = await db.query(
      `WITH items AS (
         SELECT r.id, r.organisation_id, s.time_zone FROM resources r JOIN sites s ON s.id = r.site_id
          WHERE r.status <> 'retired' AND s.country = $3
            AND EXISTS (SELECT 1 FROM resource_clusters rc WHERE rc.resource_id = r.id AND rc.cluster_id = $1)
            AND EXISTS (SELECT 1 FROM resource_occupations ro WHERE ro.resource_id = r.id AND ro.occupation_id = $2)
       ),
       held AS (
         SELECT ts.id, ts.organisation_id FROM training_sessions ts JOIN sites s ON s.id = ts.site_id
          WHERE ts.status = 'held' AND ts.cluster_id = $1 AND s.country = $3
            AND EXISTS (SELECT 1 FROM training_session_occupations so WHERE so.session_id = ts.id AND so.occupation_id = $2)
            AND lower(ts.period) >= $4::date::timestamp AT TIME ZONE s.time_zone AND lower(ts.period) < $5::date::timestamp AT TIME ZONE s.time_zone
       )
       SELECT (SELECT count(DISTINCT org)::int FROM (
                 SELECT organisation_id AS org FROM items
                 UNION SELECT b.organisation_id FROM bookings b JOIN items i ON i.id = b.resource_id
                  WHERE b.status IN ('confirmed', 'completed', 'no_show') AND b.occupation_id = $2
                    AND b.period && tstzrange($4::date::timestamp AT TIME ZONE i.time_zone, $5::date::timestamp AT TIME ZONE i.time_zone)
                 UNION SELECT organisation_id FROM held
                 UNION SELECT g.organisation_id FROM session_registrations g JOIN held ON held.id = g.session_id WHERE g.status = 'registered'
               ) AS behind) AS organisations,
              (SELECT count(*)::int FROM held) AS sessions,
              (SELECT coalesce(sum(coalesce(attended_pupils, 0) + coalesce(attended_apprentices, 0) + coalesce(attended_job_seekers, 0)
                                   + coalesce(attended_trainers, 0) + coalesce(attended_employees, 0)), 0)::int
                 FROM session_registrations g JOIN held ON held.id = g.session_id WHERE g.status = 'registered') AS participants`,
      [combo.clusterId, combo.occupationId, combo.country, from, to],
    );
    return row;
  }

  async clusterPage(db: EntityManager, id: string): Promise<ClusterPageRow | undefined> {
    const [cluster] = await db.query(
      `SELECT c.id, c.name, c.sector, c.status, json_build_object('fr', c.description_fr, 'nl', c.description_nl, 'en', c.description_en) AS descriptions,
              coalesce((SELECT json_agg(json_build_object('id', oc.id, 'code', oc.code, 'labels', json_build_object('fr', oc.label_fr, 'nl', oc.label_nl, 'en', oc.label_en)) ORDER BY oc.label_fr)
                          FROM cluster_occupations co JOIN occupations oc ON oc.id = co.occupation_id WHERE co.cluster_id = c.id), '[]') AS occupations,
              coalesce((SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'country', o.country, 'kind', o.kind) ORDER BY o.name)
                          FROM cluster_members cm JOIN organisations o ON o.id = cm.organisation_id WHERE cm.cluster_id = c.id), '[]') AS partners,
              coalesce((SELECT json_agg(json_build_object('id', r.id, 'names', json_build_object('fr', r.name_fr, 'nl', r.name_nl, 'en', r.name_en), 'kind', r.kind,
                                                          'owner', o.name, 'city', s.city, 'country', s.country) ORDER BY coalesce(r.name_fr, r.name_nl, r.name_en))
                          FROM resource_clusters rc JOIN resources r ON r.id = rc.resource_id JOIN organisations o ON o.id = r.organisation_id JOIN sites s ON s.id = r.site_id
                         WHERE rc.cluster_id = c.id AND r.status <> 'retired'), '[]') AS equipment
         FROM clusters c WHERE c.id = $1`,
      [id],
    );
    return cluster;
  }

  /** The organisations behind a cluster over [from, to] (Brussels days): members, owners of its items, bookers of completed bookings. */
  async organisationsBehindCluster(db: EntityManager, id: string, from: string, to: string): Promise<number> {
    const [{ organisations }] = await db.query(
      `SELECT count(DISTINCT org)::int AS organisations FROM (
         SELECT cm.organisation_id AS org FROM cluster_members cm WHERE cm.cluster_id = $1
         UNION SELECT r.organisation_id FROM resource_clusters rc JOIN resources r ON r.id = rc.resource_id WHERE rc.cluster_id = $1
         UNION SELECT b.organisation_id FROM resource_clusters rc JOIN bookings b ON b.resource_id = rc.resource_id
          WHERE rc.cluster_id = $1 AND b.status = 'completed' AND b.period && tstzrange($2::date::timestamp AT TIME ZONE '${OPEN_DATA_ZONE}', ($3::date + 1)::timestamp AT TIME ZONE '${OPEN_DATA_ZONE}')
       ) AS behind`,
      [id, from, to],
    );
    return organisations;
  }

  /** A cluster's 50 latest stories (or the one asked for). */
  stories(db: EntityManager, clusterId: string, storyId?: string): Promise<Story[]> {
    return db.query(
      `SELECT st.id, st.title, st.body, ${storyPhotoUrl('st')} AS "photoUrl", st.photo_alt AS "photoAlt",
              st.photo_path IS NOT NULL AS "photoUploaded",
              json_build_object('fr', st.photo_alt_fr, 'nl', st.photo_alt_nl, 'en', st.photo_alt_en) AS "photoAlts", st.published_at AS "publishedAt",
              coalesce((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name) FROM organisations o WHERE o.id = ANY(st.partner_ids)), '[]') AS partners
         FROM cluster_stories st WHERE st.cluster_id = $1 AND ($2::uuid IS NULL OR st.id = $2::uuid) ORDER BY st.published_at DESC LIMIT 50`,
      [clusterId, storyId ?? null],
    );
  }

  /** A story of the cluster and its uploaded photo (a path under UPLOADS_DIR), locked for a change when asked. */
  async storyPhoto(db: EntityManager, clusterId: string, storyId: string, lock = false): Promise<StoryPhotoRow | undefined> {
    const [row] = await db.query(
      `SELECT id, photo_path, photo_type FROM cluster_stories WHERE id = $1 AND cluster_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [storyId, clusterId],
    );
    return row;
  }

  /** The story's uploaded photo, replacing any earlier one and the older web address. */
  async setStoryPhoto(db: EntityManager, storyId: string, photo: { path: string; type: string; alts: TranslatedOptional }): Promise<void> {
    await db.query(
      `UPDATE cluster_stories SET photo_path = $2, photo_type = $3, photo_alt_fr = $4, photo_alt_nl = $5, photo_alt_en = $6, photo_url = NULL, photo_alt = NULL
        WHERE id = $1`,
      [storyId, photo.path, photo.type, photo.alts.fr, photo.alts.nl, photo.alts.en],
    );
  }

  /** The story without its uploaded photo. */
  async clearStoryPhoto(db: EntityManager, storyId: string): Promise<void> {
    await db.query(
      'UPDATE cluster_stories SET photo_path = NULL, photo_type = NULL, photo_alt_fr = NULL, photo_alt_nl = NULL, photo_alt_en = NULL WHERE id = $1', [storyId],
    );
  }

  async clusterExists(db: EntityManager, id: string): Promise<boolean> {
    const [cluster] = await db.query('SELECT id FROM clusters WHERE id = $1', [id]);
    return Boolean(cluster);
  }

  /** Inserts a story (partners that are not organisations are dropped); returns its id. */
  async insertStory(db: EntityManager, story: NewStory): Promise<string> {
    const [row] = await db.query(
      `INSERT INTO cluster_stories (cluster_id, title, body, photo_url, photo_alt, partner_ids, created_by_id, published_at)
       SELECT $1, $2, $3, $4, $5, ARRAY(SELECT id FROM organisations WHERE id = ANY($6::uuid[])), $7, $8 RETURNING id`,
      [story.clusterId, story.title, story.body, story.photoUrl, story.photoAlt, story.partnerIds, story.createdById, story.publishedAt],
    );
    return row.id;
  }

  /** Deletes a story of the cluster; returns how many rows went (0 or 1). */
  async deleteStory(db: EntityManager, clusterId: string, storyId: string): Promise<number> {
    const [, count] = await db.query('DELETE FROM cluster_stories WHERE id = $1 AND cluster_id = $2', [storyId, clusterId]);
    return count;
  }

  async evaluationCluster(db: EntityManager, id: string): Promise<EvaluationCluster | undefined> {
    const [cluster] = await db.query('SELECT id, name, sector, status FROM clusters WHERE id = $1', [id]);
    return cluster;
  }

  /** Every cluster, or the one asked for, by name. */
  clusters(db: EntityManager, clusterId?: string): Promise<{ id: string; name: string }[]> {
    return db.query(
      'SELECT id, name FROM clusters WHERE $1::uuid IS NULL OR id = $1::uuid ORDER BY name', [clusterId ?? null],
    );
  }

  /** Participants of completed cross-border bookings of the cluster's active items, started in [from, to] (local days of their site). */
  async crossBorderBookingParticipants(db: EntityManager, clusterId: string, from: string, to: string): Promise<number> {
    const [{ participants }] = await db.query(
      `SELECT coalesce(sum(coalesce(b.actual_pupils, 0) + coalesce(b.actual_apprentices, 0) + coalesce(b.actual_job_seekers, 0) + coalesce(b.actual_trainers, 0) + coalesce(b.actual_employees, 0)), 0)::int AS participants
           FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN sites s ON s.id = r.site_id
           JOIN organisations oo ON oo.id = r.organisation_id JOIN organisations bo ON bo.id = b.organisation_id
          WHERE b.status = 'completed' AND oo.country <> bo.country AND r.status <> 'retired'
            AND EXISTS (SELECT 1 FROM resource_clusters rc WHERE rc.resource_id = r.id AND rc.cluster_id = $1)
            AND lower(b.period) >= $2::date::timestamp AT TIME ZONE s.time_zone AND lower(b.period) < ($3::date + 1)::timestamp AT TIME ZONE s.time_zone`,
      [clusterId, from, to],
    );
    return participants;
  }

  /** Sessions of the cluster held in [from, to] (local days of their site), their attended participants, and those across the border. */
  async sessionsHeld(db: EntityManager, clusterId: string, from: string, to: string): Promise<SessionsHeld> {
    const [row] = await db.query(
      `WITH held AS (
         SELECT ts.id, host.country FROM training_sessions ts JOIN sites s ON s.id = ts.site_id JOIN organisations host ON host.id = ts.organisation_id
          WHERE ts.status = 'held' AND ts.cluster_id = $1
            AND lower(ts.period) >= $2::date::timestamp AT TIME ZONE s.time_zone AND lower(ts.period) < ($3::date + 1)::timestamp AT TIME ZONE s.time_zone
       ),
       groups AS (
         SELECT g.organisation_id, o.country <> held.country AS cross_border, ts.organisation_id AS host_id,
                coalesce(g.attended_pupils, 0) + coalesce(g.attended_apprentices, 0) + coalesce(g.attended_job_seekers, 0)
                + coalesce(g.attended_trainers, 0) + coalesce(g.attended_employees, 0) AS attended
           FROM session_registrations g JOIN held ON held.id = g.session_id JOIN organisations o ON o.id = g.organisation_id
           JOIN training_sessions ts ON ts.id = g.session_id
          WHERE g.status = 'registered'
       )
       SELECT (SELECT count(*)::int FROM held) AS held, (SELECT coalesce(sum(attended), 0)::int FROM groups) AS participants,
              (SELECT coalesce(sum(attended), 0)::int FROM groups WHERE cross_border) AS "crossBorderParticipants",
              ARRAY(SELECT organisation_id FROM groups WHERE cross_border AND attended > 0 UNION SELECT host_id FROM groups WHERE cross_border AND attended > 0) AS "crossBorderOrganisationIds"`,
      [clusterId, from, to],
    );
    return row;
  }
}
