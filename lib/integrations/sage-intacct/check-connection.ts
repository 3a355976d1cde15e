// The live check behind Save and Test connection: open a session with the admin's credentials, then probe what
// the integration will need. A failed sign-in is a failure (nothing is stored); a failed probe is a warning with
// its fix (the connection works, but one export or link cannot until it is fixed in Intacct).
import { createIntacctClient, createMemorySessionCache, type IntacctClient, isIntacctError } from "@/lib/intacct";
import type { ConnectionFailure, ConnectionOptions, ProbeResult } from "../types";
import type { IntacctCredentials } from "./credentials";
import { DEFAULT_DEFINITIONS, DEFINITION_USES } from "./metadata";

export type CheckResult =
  { ok: true; probes: ProbeResult[]; options: ConnectionOptions } | { ok: false; failure: ConnectionFailure };

const TRANSIENT = new Set([
  "network",
  "connection-refused",
  "timeout",
  "server-error",
  "non-xml",
  "incomplete-response",
  "rate-limited",
]);

// Which of the five inputs is wrong, and what the admin does about it (guide: "Integration Will Not Connect").
export function describeConnectionFailure(error: unknown): ConnectionFailure {
  if (!isIntacctError(error))
    return {
      title: "The connection check failed",
      message: "Something unexpected happened while contacting Sage Intacct. Nothing was saved; try again.",
      transient: true,
    };
  const transient = TRANSIENT.has(error.code);
  switch (error.code) {
    case "sender-credentials":
      // The title already names both causes; the message says what to do about each, not the title again.
      return {
        title: "Web Services not activated, or Sender ID / Sender Password wrong",
        message:
          "Check the Sender ID and Sender Password exactly as Sage Intacct issued them. If they are right, contact your Sage Intacct account manager to activate Web Services for this company. Nothing was saved.",
        field: "senderPassword",
        transient,
      };
    case "sender-not-authorized":
      return {
        title: "Sender ID not authorized for this company",
        message: `${error.userMessage} Nothing was saved.`,
        field: "senderId",
        transient,
      };
    case "sign-in-failed":
      return {
        title: "User ID, User Password or Company ID is incorrect",
        message: `${error.userMessage} Nothing was saved.`,
        field: "userPassword",
        transient,
      };
    case "rate-limited":
      return {
        title: "Sage Intacct is rate limiting requests",
        message: "Sage Intacct asked us to slow down. Nothing was changed — wait a minute and try again.",
        transient,
      };
    case "company-expired":
    case "permission-denied":
    case "gateway-rejected":
      return {
        title: "Sage Intacct refused the connection",
        message: `${error.userMessage} Nothing was saved.`,
        transient,
      };
    default:
      if (transient)
        return {
          title: "Sage Intacct could not be reached",
          message:
            "Sage Intacct did not answer or answered with an error page. Nothing was changed — check the endpoint and try again in a few minutes.",
          transient,
        };
      return {
        title: "Sage Intacct refused the connection",
        message: `${error.userMessage} Nothing was saved.`,
        transient,
      };
  }
}

async function firstPage<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  for await (const page of pages) return page;
  return [];
}

async function collect<T>(pages: AsyncIterable<T[]>, limit: number): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) {
    all.push(...page);
    if (all.length >= limit) break;
  }
  return all.slice(0, limit);
}

const READ_PROBES: {
  id: string;
  label: string;
  read: (c: IntacctClient) => Promise<unknown[]>;
  fix: string;
  empty?: string;
}[] = [
  {
    id: "vendors",
    label: "Vendors",
    read: (c) => firstPage(c.listVendors({ pageSize: 1 })),
    fix: "give the Web Services user read access to Accounts Payable vendors",
  },
  {
    id: "projects",
    label: "Projects",
    read: (c) => firstPage(c.listProjects({ pageSize: 1 })),
    fix: "give the Web Services user read access to Projects",
  },
  {
    id: "entities",
    label: "Entities",
    read: (c) => firstPage(c.listEntities({ pageSize: 1 })),
    fix: "give the Web Services user access to the top level and its entities",
    empty: "No entities: a single-entity company",
  },
  {
    id: "gl-accounts",
    label: "GL accounts",
    read: (c) => firstPage(c.listGlAccounts({ pageSize: 1 })),
    fix: "give the Web Services user read access to General Ledger accounts",
  },
  {
    id: "standard-tasks",
    label: "Standard cost code catalog",
    read: (c) => firstPage(c.listStandardTasks({ pageSize: 1 })),
    fix: "enable Construction and give the Web Services user read access to standard tasks",
    empty: "The catalog is empty: cost codes will sync without a task until standard tasks exist",
  },
];

export async function checkIntacctConnection(
  credentials: IntacctCredentials,
  options: { endpointUrl?: string; timeoutMs?: number } = {},
): Promise<CheckResult> {
  // A fresh session cache: a session cached for these ids must not vouch for a password that changed.
  const client = createIntacctClient({
    endpointUrl: options.endpointUrl,
    companyId: credentials.companyId,
    senderId: credentials.senderId,
    senderPassword: credentials.senderPassword,
    userId: credentials.userId,
    userPassword: credentials.userPassword,
    timeoutMs: options.timeoutMs ?? 20_000,
    maxRetries: 2,
    sessionCache: createMemorySessionCache(),
  });
  try {
    await client.openSession();
  } catch (error) {
    return { ok: false, failure: describeConnectionFailure(error) };
  }

  const probes: ProbeResult[] = [];
  for (const probe of READ_PROBES) {
    try {
      const rows = await probe.read(client);
      probes.push({
        id: probe.id,
        label: probe.label,
        status: rows.length === 0 && probe.empty ? "warning" : "pass",
        detail: rows.length === 0 && probe.empty ? probe.empty : "Readable",
      });
    } catch (error) {
      if (isIntacctError(error) && TRANSIENT.has(error.code))
        return { ok: false, failure: describeConnectionFailure(error) };
      probes.push({
        id: probe.id,
        label: probe.label,
        status: "warning",
        detail: `${probe.label} could not be read — ${probe.fix}.`,
      });
    }
  }

  const options_: ConnectionOptions = { transactionDefinitions: [], items: [], costTypes: [] };
  try {
    const [definitions, items, costTypes] = await Promise.all([
      collect(client.listTransactionDefinitions({ status: "active" }), 500),
      collect(client.listItems({ status: "active" }), 500),
      collect(client.listStandardCostTypes({ status: "active" }), 500),
    ]);
    options_.transactionDefinitions = definitions.map((d) => ({ value: d.docParId, label: d.docParId }));
    options_.items = items.map((i) => ({ value: i.itemId, label: `${i.itemId} — ${i.name}` }));
    options_.costTypes = costTypes.map((t) => ({
      value: t.standardCostTypeId,
      label: `${t.standardCostTypeId} — ${t.name}`,
    }));
  } catch (error) {
    if (isIntacctError(error) && TRANSIENT.has(error.code))
      return { ok: false, failure: describeConnectionFailure(error) };
    probes.push({
      id: "definitions",
      label: "Transaction definitions",
      status: "warning",
      detail:
        "Transaction definitions, items or cost types could not be read — give the Web Services user read access to Purchasing.",
    });
  }

  const names = new Set(options_.transactionDefinitions.map((d) => d.value));
  for (const [key, name] of Object.entries(DEFAULT_DEFINITIONS) as [keyof typeof DEFAULT_DEFINITIONS, string][]) {
    probes.push(
      names.has(name)
        ? {
            id: `definition-${key}`,
            label: `Transaction definition '${name}'`,
            status: "pass",
            detail: `Found: ${DEFINITION_USES[key]} will sync as ${name}`,
          }
        : {
            id: `definition-${key}`,
            label: `Transaction definition '${name}'`,
            status: "warning",
            detail: `Transaction definition '${name}' not found — ${DEFINITION_USES[key]} cannot sync until it exists or you choose another definition.`,
          },
    );
  }
  return { ok: true, probes, options: options_ };
}
