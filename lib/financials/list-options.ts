// Narrows a list to given item ids (e.g. the items in one sync state), without the list knowing why.
export type IdFilter = { id?: { in: string[] } | { notIn: string[] } };
