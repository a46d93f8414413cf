import { afterAll, beforeAll } from 'vitest';
import type { Services } from '../src/app/services.js';
import { openServices } from '../src/main/services.js';
import { freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';

/** Services over a fresh database of the dialect for the enclosing suite, closed and dropped after it. */
export function withServices(dialect: 'sqlite' | 'postgres'): () => Services {
  let db: TestDatabase | undefined;
  let services: Services | undefined;
  beforeAll(async () => {
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
  });
  afterAll(async () => {
    await services?.close();
    await db?.drop();
  });
  return () => services!;
}
