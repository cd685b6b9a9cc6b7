import { z } from 'zod';

/** What an option makes the platform do, as stored in the catalogue. */
const effectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('extra_target') }),
  z.object({ kind: z.literal('multi_zone') }),
  z.object({
    kind: z.literal('backup_policy'),
    baseBackupEveryHours: z.number().int().positive().optional(),
    weeklyBackupsKept: z.number().int().positive().optional(),
    pitrDays: z.number().int().positive().optional(),
  }),
]);

export type OptionEffect = z.output<typeof effectSchema>;

export function optionEffect(stored: unknown): OptionEffect {
  return effectSchema.parse(stored);
}
