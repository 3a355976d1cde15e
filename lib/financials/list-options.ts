import type { ItemStatus } from "@/lib/generated/prisma/enums";

// Narrows a list to given item ids (e.g. the items in one sync state), without the list knowing why.
type IdFilter = { id?: { in: string[] } | { notIn: string[] } };

/** What the item lists take: a project, a status, an id filter, and a page. */
export type ItemListOptions = {
  projectId?: string;
  status?: ItemStatus;
  idFilter?: IdFilter;
  skip?: number;
  take?: number;
};

/** The filters every item list applies: the user's company, and the status and id filter when given. */
export function itemListWhere(user: { companyId: string }, options: ItemListOptions) {
  return {
    companyId: user.companyId,
    ...(options.status ? { status: options.status } : {}),
    ...(options.idFilter ?? {}),
  };
}
