// The TypeORM CLI's data source (npm run migration:*). It needs DATABASE_URL; for the embedded
// database, `npm start` prints the URL it uses.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { postgresDataSourceOptions } from './src/db/data-source-options.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required for the TypeORM CLI (npm start prints the embedded one)');

export default new DataSource(postgresDataSourceOptions(url));
