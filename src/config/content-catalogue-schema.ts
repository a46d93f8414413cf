import { z } from 'zod';
import { CONTENT_GRADES, CONTENT_TYPES } from '../domain/content/content-catalogue.js';
import { STAGES, TEAMS } from '../domain/stage.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, dashes and underscores');
const day = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD'), z.date().transform((d) => d.toISOString().slice(0, 10))]);
const webUrl = z.string().regex(/^https?:\/\/[^\s/]+\.[^\s]+$/i, 'an http(s) URL');
const language = z.string().regex(/^[a-z]{2}$/, 'a two-letter language code (en, ar, …)');

/** One piece as written in the catalogue file. */
export const contentPieceSchema = z.strictObject({
  id,
  title: z.string().min(1),
  url: webUrl.optional(),
  aliases: z.array(webUrl).default([]),
  type: z.enum(CONTENT_TYPES),
  stages: z.array(z.enum(STAGES)).min(1),
  grades: z.array(z.enum(CONTENT_GRADES)).min(1).default([...CONTENT_GRADES]),
  team: z.enum(TEAMS),
  language: language.default('en'),
  since: day.optional(),
  until: day.optional(),
});

/** The YAML shape of a content catalogue file. */
export const contentCatalogueSchema = z
  .strictObject({
    id: id.default('content'),
    defaultLanguage: language.default('en'),
    pieces: z.array(contentPieceSchema).min(1),
  })
  .superRefine((c, ctx) => {
    const urls = new Map<string, string>();
    c.pieces.forEach((p, i) => {
      if (c.pieces.findIndex((o) => o.id === p.id) !== i) ctx.addIssue({ code: 'custom', path: ['pieces', i, 'id'], message: `piece "${p.id}" appears twice` });
      if (p.since && p.until && p.until < p.since) ctx.addIssue({ code: 'custom', path: ['pieces', i, 'until'], message: `ends (${p.until}) before it starts (${p.since})` });
      for (const u of [p.url, ...p.aliases]) {
        if (!u) continue;
        const key = u.toLowerCase();
        const other = urls.get(key);
        if (other !== undefined && other !== p.id) ctx.addIssue({ code: 'custom', path: ['pieces', i, 'url'], message: `${u} is already the URL of piece "${other}"` });
        urls.set(key, p.id);
      }
    });
  });

export type ContentCatalogueFile = z.output<typeof contentCatalogueSchema>;
