// The provider-neutral shape the rest of the app sees of an accounting integration (cal.com's app-store idea):
// a second accounting system is a new folder beside sage-intacct/, not edits across the app.
import type { ConnectionStatus, IntegrationProvider } from "@/lib/generated/prisma/enums";

export type ProbeStatus = "pass" | "warning";
export type ProbeResult = { id: string; label: string; status: ProbeStatus; detail: string };

export type PickerOption = { value: string; label: string };
export type ConnectionOptions = {
  transactionDefinitions: PickerOption[];
  items: PickerOption[];
  costTypes: PickerOption[];
};

// What a browser may see of a connection: no secret, ever. `hasSecrets` says whether passwords are stored.
export type ConnectionView = {
  provider: IntegrationProvider;
  status: ConnectionStatus | "NOT_CONNECTED";
  credentials: Record<string, string>;
  hasSecrets: boolean;
  lastCheckedAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string;
  probes: ProbeResult[];
  options: ConnectionOptions;
  settings: Record<string, string>;
};

export type IntegrationMetadata = { provider: IntegrationProvider; slug: string; name: string; description: string };

// A failed live check, in the words an admin needs: which of the inputs is wrong and what to do about it.
export type ConnectionFailure = { title: string; message: string; field?: string; transient: boolean };
