import type {} from '@fastify/multipart';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { ImportRunView } from '../../app/ports/import-run-store.js';
import { TandemError } from '../../domain/errors.js';
import { errorBodySchema } from '../error-body.js';
import { BEARER } from '../route-context.js';
import type { RouteModule } from '../route-context.js';
import { documented, idParam, page } from '../schemas/common.js';
import { safeUploadName } from '../upload-name.js';

/** A run as clients see it: file names, not the server's paths. */
function publicView(run: ImportRunView): ImportRunView {
  return { ...run, files: run.files.map((f) => basename(f)), progress: run.progress && { ...run.progress, file: basename(run.progress.file) } };
}

const ENCODINGS = ['utf-8', 'windows-1252', 'latin1', 'utf-16le'] as const;

/**
 * CSV uploads: multipart with one or more `file` parts and a `preset` name or a `mapping`
 * (YAML text). The import runs in the background; its progress and rejects are read back by
 * run id from any server, since they live in the database.
 */
export const importRoutes: RouteModule = (app, { services, options, track }) => {
  app.post('/api/imports', {
    config: { permission: 'import' },
    schema: {
      tags: ['imports'],
      summary: 'Upload CSV exports to import',
      description:
        'multipart/form-data: `file` (one or more CSV files), and `preset` (a bundled preset, e.g. olist) or `mapping` (a mapping YAML as text); optional `encoding`. ' +
        'Answers 202 with the run id at once; GET /api/imports/{id} shows progress, GET /api/imports/{id}/rejects the rows refused with their reasons.',
      security: BEARER,
      consumes: ['multipart/form-data'],
      response: { 202: z.object({ runId: z.string(), status: z.string(), progress: z.string(), rejects: z.string() }), 400: errorBodySchema, 413: errorBodySchema },
    },
    handler: async (request, reply) => {
      if (!request.isMultipart()) throw new TandemError('BAD_INPUT', 'send the files as multipart/form-data');
      const dir = await mkdtemp(join(options.uploadDir || tmpdir(), 'tandem-upload-'));
      const paths: string[] = [];
      const fields: Record<string, string> = {};
      try {
        for await (const part of request.parts({ limits: { fileSize: options.uploadLimit, files: 20, fields: 10, fieldSize: 1024 * 1024 } })) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file') throw new TandemError('BAD_INPUT', `unexpected file part "${part.fieldname}"; name CSV parts "file"`, { place: { field: part.fieldname } });
            let name = safeUploadName(part.filename, `upload-${paths.length + 1}.csv`);
            if (paths.some((p) => p.endsWith(`/${name}`))) name = `${paths.length + 1}-${name}`;
            const path = join(dir, name);
            await pipeline(part.file, createWriteStream(path));
            paths.push(path);
          } else {
            fields[part.fieldname] = String(part.value);
          }
        }
        if (paths.length === 0) throw new TandemError('BAD_INPUT', 'no CSV file: add a multipart part named "file"', { place: { field: 'file' } });
        if (!fields.preset && !fields.mapping) throw new TandemError('BAD_INPUT', 'say how to read the files: a `preset` name or a `mapping` (YAML)', { place: { field: 'preset' } });
        const encoding = fields.encoding as (typeof ENCODINGS)[number] | undefined;
        if (encoding && !ENCODINGS.includes(encoding)) throw new TandemError('BAD_INPUT', `encoding is one of ${ENCODINGS.join(', ')}`, { place: { field: 'encoding' } });
        let mapping: string | undefined;
        if (fields.mapping) {
          mapping = join(dir, 'mapping.yaml');
          await writeFile(mapping, fields.mapping, 'utf8');
        }
        const { runId, done } = await services.startImport({ paths, preset: fields.preset, mapping, encoding });
        track(done.finally(() => rm(dir, { recursive: true, force: true })));
        return reply.status(202).send({ runId, status: 'running', progress: `/api/imports/${runId}`, rejects: `/api/imports/${runId}/rejects` });
      } catch (e) {
        await rm(dir, { recursive: true, force: true });
        throw e;
      }
    },
  });
  app.get('/api/imports', {
    config: { permission: 'read' },
    schema: { tags: ['imports'], summary: 'Import runs, newest first', security: BEARER, querystring: z.object(page), response: { 200: documented('{ runs: ImportRun[] }') } },
    handler: async (request) => ({ runs: (await services.importRuns(request.query.limit, request.query.offset)).map(publicView) }),
  });
  app.get('/api/imports/:id', {
    config: { permission: 'read' },
    schema: { tags: ['imports'], summary: 'One import run: status, rows, progress (bytes read of total)', security: BEARER, params: idParam, response: { 200: documented('ImportRun') } },
    handler: async (request) => publicView(await services.importRun(request.params.id)),
  });
  app.get('/api/imports/:id/rejects', {
    config: { permission: 'read' },
    schema: {
      tags: ['imports'],
      summary: 'The rows an import refused: file, row, field and reason',
      security: BEARER,
      params: idParam,
      querystring: z.object(page),
      response: { 200: documented('{ total, rejects: [{ file, row, field, reason, raw }] }') },
    },
    handler: async (request) => services.importRejects(request.params.id, request.query.limit, request.query.offset),
  });
};
