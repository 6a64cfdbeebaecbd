/**
 * A story's photo address (alias of `cluster_stories`): the uploaded photo's public address, with a
 * version that changes with each upload (so a replaced photo is fetched again), or the older web address.
 */
export function storyPhotoUrl(s: string): string {
  return `CASE WHEN ${s}.photo_path IS NOT NULL
            THEN '/api/public/clusters/' || ${s}.cluster_id || '/stories/' || ${s}.id || '/photo?v=' || left(md5(${s}.photo_path), 12)
            ELSE ${s}.photo_url END`;
}
