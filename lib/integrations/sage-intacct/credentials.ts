// Sage Intacct Web Services credentials (documenso's credentials config): one zod schema, a named list of the
// secret fields, a function that strips them before anything reaches the browser, and "blank on edit = keep".
import { z } from "zod";
import { ZText } from "@/lib/validation/fields";

export const SECRET_FIELDS = ["senderPassword", "userPassword"] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

const zRequired = (label: string, max: number) => ZText(max).pipe(z.string().min(1, `${label} is required`));
// Intacct ids are plain identifiers; a space or quote in one is always a paste mistake.
const zIdentifier = (label: string, max: number) =>
  zRequired(label, max).refine(
    (v) => /^[A-Za-z0-9_.@-]+$/.test(v),
    `${label} can only contain letters, digits and _ . @ -`,
  );
// Passwords are not trimmed (a trailing space could be real), but must still be free of control characters.
const zPassword = (label: string) =>
  z
    .string()
    .max(200, `${label} must be 200 characters or fewer`)
    .refine((v) => !/[\u0000-\u001F\u007F]/.test(v), `${label} contains characters that are not allowed`);

export const ZIntacctCredentialsInput = z.object({
  companyId: zIdentifier("Company ID", 100),
  senderId: zIdentifier("Sender ID", 100),
  senderPassword: zPassword("Sender Password"),
  userId: zIdentifier("User ID", 100),
  userPassword: zPassword("User Password"),
});
export type IntacctCredentialsInput = z.output<typeof ZIntacctCredentialsInput>;
export type IntacctCredentials = IntacctCredentialsInput;
export type IntacctSecrets = Pick<IntacctCredentials, SecretField>;

// On edit a blank secret keeps the stored one; on a first connect every secret is required.
export function mergeSecrets(
  input: IntacctCredentialsInput,
  stored: IntacctSecrets | null,
): { credentials: IntacctCredentials } | { missing: SecretField[] } {
  const merged = { ...input };
  const missing: SecretField[] = [];
  for (const field of SECRET_FIELDS) {
    if (merged[field] !== "") continue;
    if (stored?.[field]) merged[field] = stored[field];
    else missing.push(field);
  }
  return missing.length ? { missing } : { credentials: merged };
}

export function splitSecrets(credentials: IntacctCredentials): {
  secrets: IntacctSecrets;
  visible: Omit<IntacctCredentials, SecretField>;
} {
  const { senderPassword, userPassword, ...visible } = credentials;
  return { secrets: { senderPassword, userPassword }, visible };
}
