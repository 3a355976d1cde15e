// Auto-match: suggest the Intacct record one of our records most likely is, or nothing. A wrong suggestion
// accepted in bulk is a duplicate vendor or a mis-coded cost, so every rule here errs towards "no suggestion":
// exact normalized keys only (no fuzzy or substring matching), ties suggest nothing, and short names never match
// on name alone.

// Legal-form words that differ between systems for the same company ("Apex Concrete Inc." vs "Apex Concrete, Inc").
const LEGAL_SUFFIXES = new Set([
  "inc",
  "incorporated",
  "llc",
  "co",
  "company",
  "corp",
  "corporation",
  "ltd",
  "limited",
  "lp",
  "llp",
  "pllc",
  "pc",
]);

/** Keys shorter than this are too generic ("abc", "jk") to link on name alone. */
const MIN_NAME_KEY_LENGTH = 5;

/** The words of a name: lower case, accents and punctuation gone, "&" read as "and", periods dropped ("L.L.C." → "llc"). */
function nameWords(name: string): string[] {
  const text = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’.]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return text ? text.split(" ") : [];
}

/**
 * The comparable form of a company name: words without trailing legal suffixes and a leading "the", joined with no
 * spaces. Suffixes go only from the end, and never the last word left ("Company" alone stays "company").
 */
export function normalizeCompanyName(name: string): string {
  const words = nameWords(name);
  if (words.length > 1 && words[0] === "the") words.shift();
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] as string)) words.pop();
  return words.join("");
}

/** How much of a name identifies a company: letters and digits of its key, not counting "and" ("J&K" is 2, not 5). */
function significantLength(name: string): number {
  const words = nameWords(name);
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] as string)) words.pop();
  return words.filter((w) => w !== "and" && w !== "the").join("").length;
}

/** A tax ID as digits only ("84-1234567" and "841234567" are the same); "" when there is none or it is too short to mean anything. */
export function normalizeTaxId(taxId: string | undefined | null): string {
  const digits = (taxId ?? "").replace(/\D/g, "");
  return digits.length >= 9 ? digits : "";
}

/** A cost code without separators, lower case ("03-3000", "03 3000" and "033000" are the same). */
export function normalizeCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** A cost code name as a key; the legal-suffix rule does not apply to trade names. */
function normalizeTradeName(name: string): string {
  return nameWords(name).join("");
}

export type MatchReason = "tax-id" | "name" | "code";
export type Suggestion = { localId: string; externalId: string; reason: MatchReason };

export type LocalVendor = { id: string; name: string; taxId?: string | null };
export type RemoteVendor = { externalId: string; name: string; taxId?: string | null };

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!k) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * One suggestion per local record at most, and one local record per remote record at most: when two of ours would
 * get the same Intacct record, neither gets it (that is how duplicates start). Candidates must already exclude
 * inactive records and records linked elsewhere.
 */
function dropSharedTargets(suggestions: Suggestion[]): Suggestion[] {
  const counts = new Map<string, number>();
  for (const s of suggestions) counts.set(s.externalId, (counts.get(s.externalId) ?? 0) + 1);
  return suggestions.filter((s) => counts.get(s.externalId) === 1);
}

/**
 * Vendors: a tax ID both sides have decides (equal → match, different → never match, even with equal names);
 * otherwise the normalized name must be equal and long enough. Any tie → no suggestion.
 */
export function suggestVendorMatches(locals: LocalVendor[], remotes: RemoteVendor[]): Suggestion[] {
  const byTaxId = groupBy(remotes, (r) => normalizeTaxId(r.taxId));
  const byName = groupBy(remotes, (r) => normalizeCompanyName(r.name));
  const suggestions: Suggestion[] = [];
  for (const local of locals) {
    const taxId = normalizeTaxId(local.taxId);
    const key = normalizeCompanyName(local.name);
    const sameTax = taxId ? (byTaxId.get(taxId) ?? []) : [];
    if (sameTax.length === 1) {
      suggestions.push({ localId: local.id, externalId: (sameTax[0] as RemoteVendor).externalId, reason: "tax-id" });
      continue;
    }
    if (sameTax.length > 1) {
      // Several Intacct vendors share the tax ID (branches, duplicates): the name has to single one out.
      const named = sameTax.filter((r) => normalizeCompanyName(r.name) === key);
      if (named.length === 1)
        suggestions.push({ localId: local.id, externalId: (named[0] as RemoteVendor).externalId, reason: "tax-id" });
      continue;
    }
    if (significantLength(local.name) < MIN_NAME_KEY_LENGTH) continue;
    const sameName = (byName.get(key) ?? []).filter(
      (r) => !(taxId && normalizeTaxId(r.taxId) && normalizeTaxId(r.taxId) !== taxId),
    );
    if (sameName.length === 1)
      suggestions.push({ localId: local.id, externalId: (sameName[0] as RemoteVendor).externalId, reason: "name" });
  }
  return dropSharedTargets(suggestions);
}

export type LocalCostCode = { id: string; code: string; name: string };
export type RemoteCostCode = { externalId: string; name: string };

/**
 * Cost codes: the code decides (STANDARDTASKID "03-3000" for our "03-3000", separators ignored); without a code
 * match, an equal name that is long enough. Any tie → no suggestion.
 */
export function suggestCostCodeMatches(locals: LocalCostCode[], remotes: RemoteCostCode[]): Suggestion[] {
  const byCode = groupBy(remotes, (r) => normalizeCode(r.externalId));
  const byName = groupBy(remotes, (r) => normalizeTradeName(r.name));
  const suggestions: Suggestion[] = [];
  for (const local of locals) {
    const sameCode = byCode.get(normalizeCode(local.code)) ?? [];
    if (sameCode.length === 1) {
      suggestions.push({ localId: local.id, externalId: (sameCode[0] as RemoteCostCode).externalId, reason: "code" });
      continue;
    }
    if (sameCode.length > 1) continue;
    const key = normalizeTradeName(local.name);
    if (key.length < MIN_NAME_KEY_LENGTH) continue;
    const sameName = byName.get(key) ?? [];
    if (sameName.length === 1)
      suggestions.push({ localId: local.id, externalId: (sameName[0] as RemoteCostCode).externalId, reason: "name" });
  }
  return dropSharedTargets(suggestions);
}
