/** What pickers search: id and name in lower case, so a plain ILIKE (or LIKE on lower-case input) finds either. */
export function buildSearchText(externalId: string, name: string): string {
  return `${externalId} ${name}`.toLowerCase();
}
