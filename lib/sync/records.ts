// The sync record's free-form details, read with zod: a row written by an older version (or by hand) must never
// crash a page or a sync; whatever does not parse is treated as absent.
import "server-only";
import { z } from "zod";

const ZSyncDetails = z
  .object({
    lineKeys: z.record(z.string(), z.string()).optional().catch(undefined),
    documentNo: z.string().optional().catch(undefined),
    definition: z.string().optional().catch(undefined),
    how: z.string().optional().catch(undefined),
    // What was sent, as the provider planned it: the status check compares the document with this (an approved
    // item is locked, so it is our approved item as it went out) without loading and planning the item again.
    sent: z
      .object({
        vendorId: z.string().nullable(),
        lines: z.array(z.object({ lineId: z.string(), amountCents: z.number(), costCode: z.string().nullable() })),
      })
      .optional()
      .catch(undefined),
  })
  .catch({});

export type SyncDetails = z.output<typeof ZSyncDetails>;

export function readSyncDetails(value: unknown): SyncDetails {
  return ZSyncDetails.parse(value ?? {});
}
