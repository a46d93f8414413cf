import { z } from 'zod';

/** `manifest.yaml` in an export folder: which mapping reads each file. */
export const manifestSchema = z.strictObject({
  description: z.string().optional(),
  files: z
    .array(
      z
        .strictObject({
          file: z.string().min(1),
          preset: z.string().optional(),
          /** A mapping file, relative to the manifest. */
          mapping: z.string().optional(),
        })
        .refine((f) => (f.preset ? 1 : 0) + (f.mapping ? 1 : 0) === 1, 'give exactly one of preset or mapping'),
    )
    .min(1),
});
export type Manifest = z.output<typeof manifestSchema>;
