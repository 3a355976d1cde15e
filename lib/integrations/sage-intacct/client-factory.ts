// The one place the app turns a company's stored connection into an Intacct client. Clients are cheap; the
// transport pool and session cache inside lib/intacct are process-wide, so sessions are reused across requests.
import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { createIntacctClient, type IntacctClient, type IntacctExchange, type IntacctLogger } from "@/lib/intacct";
import { logger } from "@/lib/logger";
import { getRequestSlots } from "./request-slots";
import { getIntacctEndpoint, loadIntacctCredentials } from "./service";

// Intacct's lowest tier allows two requests in flight per company (§11); higher tiers may raise it.
const INTACCT_MAX_IN_FLIGHT = Number(process.env.INTACCT_MAX_IN_FLIGHT ?? 2);

export type ClientOptions = {
  entityId?: string;
  timeoutMs?: number;
  maxRetries?: number;
  logger?: IntacctLogger;
  onExchange?: (exchange: IntacctExchange) => void;
};

export async function getIntacctClientForCompany(
  db: Db,
  companyId: string,
  options: ClientOptions = {},
): Promise<IntacctClient> {
  const credentials = await loadIntacctCredentials(db, companyId).catch(() => null);
  if (!credentials) {
    throw new AppError(
      "INVALID_STATE",
      "Sage Intacct is not connected, or its credentials need to be entered again. An admin can fix this in Company Settings → Integration Hub → Sage Intacct.",
    );
  }
  const endpointUrl = getIntacctEndpoint();
  return createIntacctClient({
    endpointUrl,
    companyId: credentials.companyId,
    senderId: credentials.senderId,
    senderPassword: credentials.senderPassword,
    userId: credentials.userId,
    userPassword: credentials.userPassword,
    entityId: options.entityId,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    onExchange: options.onExchange,
    logger: options.logger ?? logger.child({ component: "intacct", companyId }),
    // Intacct's per-company limit, held in the database so it spans every web and worker process.
    sharedLimiter: getRequestSlots(`${new URL(endpointUrl).host}/${credentials.companyId}`, INTACCT_MAX_IN_FLIGHT),
  });
}
