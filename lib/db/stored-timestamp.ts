// Raw SQL that writes or compares a DateTime column must use the value Prisma itself stores: UTC, `timestamp(3)`
// without a zone. Passing a Date to a raw query would be converted in the database session's zone instead.
export function asStoredTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "");
}
