// Sage Intacct connection lifecycle for a company: connect (live check, then store), edit (blank password =
// keep), test, disconnect (credentials go, settings and links stay), and sync settings. Every change is audited.
import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import { decryptJson, encryptJson, getEncryptionKey } from "@/lib/crypto/secrets";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_ENDPOINT_URL } from "@/lib/intacct";
import { writeAudit } from "../audit";
import type { ConnectionFailure, ConnectionOptions, ConnectionView, ProbeResult } from "../types";
import { checkIntacctConnection } from "./check-connection";
import {
  type IntacctCredentials,
  type IntacctCredentialsInput,
  type IntacctSecrets,
  mergeSecrets,
  splitSecrets,
} from "./credentials";
import { DEFAULT_DEFINITIONS } from "./metadata";

const PROVIDER = "SAGE_INTACCT" as const;

export function getIntacctEndpoint(): string {
  return process.env.INTACCT_ENDPOINT_URL || DEFAULT_ENDPOINT_URL;
}

type ConnectionRow = NonNullable<Awaited<ReturnType<typeof findConnection>>>;

function findConnection(db: Db, companyId: string) {
  return db.integrationConnection.findUnique({ where: { companyId_provider: { companyId, provider: PROVIDER } } });
}

function readSecrets(row: ConnectionRow): IntacctSecrets | null {
  if (!row.encryptedSecrets) return null;
  const value = decryptJson(row.encryptedSecrets, getEncryptionKey(), row.companyId) as Partial<IntacctSecrets>;
  return { senderPassword: value.senderPassword ?? "", userPassword: value.userPassword ?? "" };
}

const EMPTY_OPTIONS: ConnectionOptions = { transactionDefinitions: [], items: [], costTypes: [] };

// The JSON columns are read with zod: a row written by an older version must show as "nothing checked yet", never
// crash the Integration Hub. Each entry that does not parse is dropped on its own.
const ZPickerOptions = z
  .array(z.unknown())
  .catch([])
  .transform((items) =>
    items.flatMap((item) => {
      const parsed = z.object({ value: z.string(), label: z.string() }).safeParse(item);
      return parsed.success ? [parsed.data] : [];
    }),
  );
const ZProbes = z
  .array(z.unknown())
  .catch([])
  .transform((items) =>
    items.flatMap((item): ProbeResult[] => {
      const parsed = z
        .object({ id: z.string(), label: z.string(), status: z.enum(["pass", "warning"]), detail: z.string() })
        .safeParse(item);
      return parsed.success ? [parsed.data] : [];
    }),
  );
const ZConnectionOptions = z
  .object({
    transactionDefinitions: ZPickerOptions.optional().transform((v) => v ?? []),
    items: ZPickerOptions.optional().transform((v) => v ?? []),
    costTypes: ZPickerOptions.optional().transform((v) => v ?? []),
  })
  .catch(EMPTY_OPTIONS);
const ZSettings = z
  .record(z.string(), z.unknown())
  .catch({})
  .transform((record) =>
    Object.fromEntries(Object.entries(record).filter((e): e is [string, string] => typeof e[1] === "string")),
  );

// The only shape of a connection that leaves the server: secrets are not read at all, only whether they exist.
function toConnectionView(row: ConnectionRow | null): ConnectionView {
  if (!row)
    return {
      provider: PROVIDER,
      status: "NOT_CONNECTED",
      credentials: {},
      hasSecrets: false,
      lastCheckedAt: null,
      lastSuccessAt: null,
      lastError: "",
      probes: [],
      options: EMPTY_OPTIONS,
      settings: { ...DEFAULT_DEFINITIONS },
    };
  return {
    provider: PROVIDER,
    status: row.status,
    credentials: { companyId: row.externalCompanyId, senderId: row.senderId, userId: row.userId },
    hasSecrets: Boolean(row.encryptedSecrets),
    lastCheckedAt: row.lastCheckedAt,
    lastSuccessAt: row.lastSuccessAt,
    lastError: row.lastError,
    probes: ZProbes.parse(row.probes),
    options: ZConnectionOptions.parse(row.options),
    settings: { ...DEFAULT_DEFINITIONS, ...ZSettings.parse(row.settings) },
  };
}

export async function getIntacctConnectionView(db: Db, companyId: string): Promise<ConnectionView> {
  return toConnectionView(await findConnection(db, companyId));
}

// For the sync and linking services: the decrypted credentials of a connected company, or null.
export async function loadIntacctCredentials(db: Db, companyId: string): Promise<IntacctCredentials | null> {
  const row = await findConnection(db, companyId);
  if (!row || row.status === "DISCONNECTED") return null;
  const secrets = readSecrets(row);
  if (!secrets) return null;
  return { companyId: row.externalCompanyId, senderId: row.senderId, userId: row.userId, ...secrets };
}

export type ConnectOutcome = { ok: true; view: ConnectionView } | { ok: false; failure: ConnectionFailure };

export async function connectIntacct(
  db: Db,
  user: SessionUser,
  input: IntacctCredentialsInput,
): Promise<ConnectOutcome> {
  const existing = await findConnection(db, user.companyId);
  let stored: IntacctSecrets | null = null;
  try {
    stored = existing ? readSecrets(existing) : null;
  } catch {
    stored = null; // unreadable after a key change: the admin must type the passwords again
  }
  const merged = mergeSecrets(input, stored);
  if ("missing" in merged) {
    const fieldErrors = Object.fromEntries(
      merged.missing.map((f) => [f, [`${f === "senderPassword" ? "Sender Password" : "User Password"} is required`]]),
    );
    throw new AppError("INVALID_INPUT", "Enter both passwords to connect.", { fieldErrors });
  }
  const action = existing?.encryptedSecrets ? "integration.update" : "integration.connect";
  const result = await checkIntacctConnection(merged.credentials, { endpointUrl: getIntacctEndpoint() });
  if (!result.ok) {
    await writeAudit(
      db,
      user,
      action,
      "failure",
      `${result.failure.title} (company ${merged.credentials.companyId}, sender ${merged.credentials.senderId}, user ${merged.credentials.userId})`,
    );
    return { ok: false, failure: result.failure };
  }
  const { secrets, visible } = splitSecrets(merged.credentials);
  const now = new Date();
  const data = {
    status: "CONNECTED" as const,
    externalCompanyId: visible.companyId,
    senderId: visible.senderId,
    userId: visible.userId,
    encryptedSecrets: encryptJson(secrets, getEncryptionKey(), user.companyId),
    lastCheckedAt: now,
    lastSuccessAt: now,
    lastError: "",
    probes: result.probes as unknown as Prisma.InputJsonValue,
    options: result.options as unknown as Prisma.InputJsonValue,
  };
  const row = await db.integrationConnection.upsert({
    where: { companyId_provider: { companyId: user.companyId, provider: PROVIDER } },
    create: { ...data, companyId: user.companyId, provider: PROVIDER, settings: { ...DEFAULT_DEFINITIONS } },
    update: data,
  });
  const warnings = result.probes.filter((p) => p.status === "warning").length;
  await writeAudit(
    db,
    user,
    action,
    "success",
    `Connected to company ${visible.companyId} as ${visible.userId}; ${warnings} warning(s)`,
  );
  return { ok: true, view: toConnectionView(row) };
}

export async function testIntacctConnection(db: Db, user: SessionUser): Promise<ConnectOutcome> {
  const row = await findConnection(db, user.companyId);
  if (!row?.encryptedSecrets)
    throw new AppError("INVALID_STATE", "Sage Intacct is not connected. Click Start Integration to connect it.");
  let secrets: IntacctSecrets | null;
  try {
    secrets = readSecrets(row);
  } catch {
    secrets = null;
  }
  const now = new Date();
  if (!secrets) {
    const failure: ConnectionFailure = {
      title: "Stored credentials could not be read",
      message:
        "The app's encryption key changed since the credentials were saved. Click Edit credentials and enter both passwords again.",
      transient: false,
    };
    await db.integrationConnection.update({
      where: { id: row.id },
      data: { status: "NEEDS_ATTENTION", lastCheckedAt: now, lastError: failure.title },
    });
    await writeAudit(db, user, "integration.test", "failure", failure.title);
    return { ok: false, failure };
  }
  const result = await checkIntacctConnection(
    { companyId: row.externalCompanyId, senderId: row.senderId, userId: row.userId, ...secrets },
    { endpointUrl: getIntacctEndpoint() },
  );
  if (!result.ok) {
    // A passing outage does not mean the credentials are bad: keep the status, record the error.
    const status = result.failure.transient ? row.status : "NEEDS_ATTENTION";
    await db.integrationConnection.update({
      where: { id: row.id },
      data: { status, lastCheckedAt: now, lastError: `${result.failure.title}: ${result.failure.message}` },
    });
    await writeAudit(db, user, "integration.test", "failure", result.failure.title);
    return { ok: false, failure: result.failure };
  }
  const updated = await db.integrationConnection.update({
    where: { id: row.id },
    data: {
      status: "CONNECTED",
      lastCheckedAt: now,
      lastSuccessAt: now,
      lastError: "",
      probes: result.probes as unknown as Prisma.InputJsonValue,
      options: result.options as unknown as Prisma.InputJsonValue,
    },
  });
  await writeAudit(
    db,
    user,
    "integration.test",
    "success",
    `${result.probes.filter((p) => p.status === "warning").length} warning(s)`,
  );
  return { ok: true, view: toConnectionView(updated) };
}

export async function disconnectIntacct(db: Db, user: SessionUser): Promise<void> {
  const { count } = await db.integrationConnection.updateMany({
    where: { companyId: user.companyId, provider: PROVIDER },
    data: { status: "DISCONNECTED", encryptedSecrets: null, lastError: "" },
  });
  if (count === 0) throw new AppError("INVALID_STATE", "Sage Intacct is not connected.");
  await writeAudit(db, user, "integration.disconnect", "success", "Credentials removed; settings and links kept");
}

export const ZIntacctSettingsInput = z.object({
  purchaseOrderDefinition: z.string().trim().min(1, "Choose a transaction definition").max(100),
  changeOrderDefinition: z.string().trim().min(1, "Choose a transaction definition").max(100),
  vendorInvoiceDefinition: z.string().trim().min(1, "Choose a transaction definition").max(100),
  defaultItemId: z.string().trim().min(1, "Choose the item Intacct puts on every line").max(100),
  defaultCostTypeId: z.string().trim().max(100),
});

// Values must come from what Intacct offered at the last check, so a typo can never reach a sync.
export async function saveIntacctSettings(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZIntacctSettingsInput>,
): Promise<ConnectionView> {
  const row = await findConnection(db, user.companyId);
  if (!row || row.status === "DISCONNECTED")
    throw new AppError("INVALID_STATE", "Connect Sage Intacct before choosing sync settings.");
  const options = toConnectionView(row).options;
  const fieldErrors: Record<string, string[]> = {};
  const definitions = new Set(options.transactionDefinitions.map((o) => o.value));
  for (const key of ["purchaseOrderDefinition", "changeOrderDefinition", "vendorInvoiceDefinition"] as const) {
    if (!definitions.has(input[key]))
      fieldErrors[key] = [`'${input[key]}' is not a transaction definition in Sage Intacct`];
  }
  if (!options.items.some((o) => o.value === input.defaultItemId))
    fieldErrors.defaultItemId = ["Choose an item from the list"];
  if (input.defaultCostTypeId && !options.costTypes.some((o) => o.value === input.defaultCostTypeId))
    fieldErrors.defaultCostTypeId = ["Choose a cost type from the list"];
  if (Object.keys(fieldErrors).length)
    throw new AppError(
      "INVALID_INPUT",
      "Some settings are not available in Sage Intacct. Test the connection to refresh the lists.",
      { fieldErrors },
    );
  const updated = await db.integrationConnection.update({ where: { id: row.id }, data: { settings: input } });
  await writeAudit(
    db,
    user,
    "integration.settings",
    "success",
    `PO: ${input.purchaseOrderDefinition}; change order: ${input.changeOrderDefinition}; invoice: ${input.vendorInvoiceDefinition}; item: ${input.defaultItemId}; cost type: ${input.defaultCostTypeId || "none"}`,
  );
  return toConnectionView(updated);
}
