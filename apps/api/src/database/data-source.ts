/**
 * DataSource for the TypeORM CLI against an external server, e.g.
 * `DATABASE_URL=postgres://… npx typeorm migration:show -d apps/api/dist/database/data-source.js`.
 * The app itself runs migrations on start-up.
 */
import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to use the TypeORM CLI.');

export default new DataSource(databaseOptions(url, 2));
