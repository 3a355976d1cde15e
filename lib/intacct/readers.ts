import type { ClientCore, ExecuteOptions, FunctionResult, InternalExecuteOptions } from "./client-core";
import type { IntacctFunction } from "./function";
import { parseInput } from "./function";
import {
  buildQuery,
  buildRead,
  buildReadByName,
  buildReadByQuery,
  buildReadEntityDetails,
  buildReadMore,
  type QueryParams,
  type ReadByQueryParams,
  type ReadParams,
} from "./functions/read-functions";
import { ZListOptions, toListFilter, type ListDefinition, type ListOptions } from "./functions/list-functions";
import { createLimiter } from "./limiter";
import { anySignal } from "./signals";
import type { XmlRecord } from "./xml-parse";

export type ReadOptions = Pick<ExecuteOptions, "timeoutMs" | "signal">;
export type ReadMorePage = { records: XmlRecord[]; numRemaining: number; resultId: string | undefined };
export type QueryPagingOptions = ReadOptions & {
  /** Requests in flight at once (offset paging allows it, §7). Default 2 (§11 tier-1 limit). */
  concurrency?: number;
  /**
   * Queue the next pages together with page 1, before the total is known (2 × concurrency pages, `concurrency` of
   * them in flight). Saves a round trip on a list that spans several pages (a full refresh), and a slot that frees
   * up is used at once; on a list that fits in one page it costs up to 2 × concurrency − 1 extra, empty queries
   * (a queued page takes the slot page 1's reply frees before that reply is parsed; one still queued when the
   * total is known is dropped).
   */
  expectMultiplePages?: boolean;
};

export function createReaders(core: ClientCore) {
  async function executeRead(
    fn: IntacctFunction,
    options: ReadOptions & Pick<InternalExecuteOptions, "requestLimiter" | "onDispatched" | "stopRetrying"> = {},
  ): Promise<FunctionResult> {
    const response = await core.execute([fn], { ...options, uniqueId: false });
    const result = response.results[0] as FunctionResult;
    if (!result.ok && result.error) throw result.error;
    return result;
  }

  /**
   * readByQuery then readMore until numremaining is 0 (§7). Yields one page (array of records) at a time, so memory
   * stays at one page however large the list. Pages are sequential: each readMore needs the previous resultId.
   */
  async function* readByQuery(params: ReadByQueryParams, options: ReadOptions = {}): AsyncGenerator<XmlRecord[]> {
    let result = await executeRead(buildReadByQuery(params), options);
    for (;;) {
      const records = result.data?.records ?? [];
      if (records.length > 0) yield records;
      const resultId = result.data?.resultId;
      // Guard against a server that keeps reporting remaining records on an empty page: never loop forever.
      if ((result.data?.numRemaining ?? 0) <= 0 || !resultId || records.length === 0) return;
      result = await executeRead(buildReadMore(resultId), options);
    }
  }

  async function readMore(resultId: string, options: ReadOptions = {}): Promise<ReadMorePage> {
    const result = await executeRead(buildReadMore(resultId), options);
    return {
      records: result.data?.records ?? [],
      numRemaining: result.data?.numRemaining ?? 0,
      resultId: result.data?.resultId,
    };
  }

  /**
   * `query` with offset paging (§7). The first page tells the total; the rest are requested `concurrency` at a time
   * and yielded in order. Up to 2 × `concurrency` pages are scheduled so the next request leaves as soon as a
   * response arrives, while the previous page is still being parsed; memory stays bounded at that many pages.
   * Order by RECORDNO unless told otherwise: every offset call is a fresh query, and only a stable order keeps
   * pages from overlapping.
   */
  async function* query(params: QueryParams, options: QueryPagingOptions = {}): AsyncGenerator<XmlRecord[]> {
    const concurrency = Math.max(1, options.concurrency ?? 2);
    const window = concurrency * 2;
    const requestLimiter = createLimiter(concurrency);
    const base = { ...params, orderBy: params.orderBy ?? [{ field: "RECORDNO" }] };
    const first = buildQuery(base); // validates params once, up front
    const pageSize = Number((first.body.query as { pagesize: string }).pagesize);
    const startOffset = Number((first.body.query as { offset: string }).offset);
    // A query counts against the company's API usage (§6), so a page found to lie past the end, or no longer
    // wanted, is called off: dropped from the queue if it has not left, else not retried after the attempt in
    // flight (which is left to finish: cutting it off would not undo it).
    type ScheduledPage = {
      offset: number;
      result: Promise<FunctionResult>;
      cancel: AbortController;
      stopRetrying: AbortController;
    };
    const sentOffsets = new Set<number>();
    const fetchPage = (offset: number): ScheduledPage => {
      const cancel = new AbortController();
      const stopRetrying = new AbortController();
      const signal = anySignal(options.signal as AbortSignal | undefined, cancel.signal);
      const fn = offset === startOffset ? first : buildQuery({ ...base, offset });
      const result = executeRead(fn, {
        ...options,
        signal,
        requestLimiter,
        stopRetrying: stopRetrying.signal,
        onDispatched: () => sentOffsets.add(offset),
      });
      // Mark handled now; the rejection is re-raised when this page's turn comes (or dropped if it is not awaited).
      result.catch(() => undefined);
      return { offset, result, cancel, stopRetrying };
    };

    // Before the first reply the total is unknown: ask for one page, or fill the window when the caller expects
    // several, so the next requests are already queued when a slot frees.
    let total: number | undefined;
    let nextOffset = startOffset;
    const inflight: ScheduledPage[] = [];
    const schedule = () => {
      const limit = total === undefined && !options.expectMultiplePages ? 1 : window;
      while (inflight.length < limit && (total === undefined || nextOffset < total)) {
        inflight.push(fetchPage(nextOffset));
        nextOffset += pageSize;
      }
    };
    const callOff = (from: number) => {
      for (let index = inflight.length - 1; index >= 0; index--) {
        const page = inflight[index] as ScheduledPage;
        if (page.offset < from) continue;
        if (sentOffsets.has(page.offset)) page.stopRetrying.abort();
        else page.cancel.abort();
        inflight.splice(index, 1);
      }
    };
    schedule();
    let offset = startOffset;
    try {
      while (inflight.length > 0) {
        const result = await (inflight.shift() as ScheduledPage).result;
        const records = result.data?.records ?? [];
        if (total === undefined) {
          total = result.data?.totalCount ?? offset + records.length + (result.data?.numRemaining ?? 0);
          // Pages queued past the end before the total was known (the ones already sent come back empty).
          callOff(total);
        }
        offset += pageSize;
        schedule();
        if (records.length > 0) yield records;
        if (records.length === 0 || (result.data?.numRemaining ?? 0) <= 0) return;
      }
    } finally {
      // Done, failed, or the consumer stopped early: send nothing more.
      callOff(Number.NEGATIVE_INFINITY);
    }
  }

  async function read(params: ReadParams, options: ReadOptions = {}): Promise<XmlRecord[]> {
    return (await executeRead(buildRead(params), options)).data?.records ?? [];
  }

  async function readByName(params: ReadParams, options: ReadOptions = {}): Promise<XmlRecord[]> {
    return (await executeRead(buildReadByName(params), options)).data?.records ?? [];
  }

  async function readEntityDetails(object?: string, options: ReadOptions = {}): Promise<XmlRecord[]> {
    return (await executeRead(buildReadEntityDetails(object), options)).data?.records ?? [];
  }

  async function* list<T>(
    definition: ListDefinition<T>,
    options: ListOptions & Record<string, unknown> = {},
  ): AsyncGenerator<T[]> {
    const parsed = parseInput(ZListOptions, options, `${definition.object} list options`);
    const filter = toListFilter(parsed, definition.filters?.(options) ?? []);
    const pages = query(
      {
        object: definition.object,
        select: [...definition.fields],
        filter,
        pageSize: parsed.pageSize,
        showPrivate: parsed.showPrivate,
      },
      {
        concurrency: parsed.concurrency,
        expectMultiplePages: parsed.expectMultiplePages,
        signal: options.signal as AbortSignal | undefined,
      },
    );
    for await (const page of pages) yield page.map(definition.map);
  }

  return { executeRead, readByQuery, readMore, query, read, readByName, readEntityDetails, list };
}

/** Drains a paged iterator into one array (small lists only — the point of the iterators is not to do this). */
export async function collectPages<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}
