import { describe, expect, it } from "vitest";
import { collectPages } from "@/lib/intacct";
import { RATE_LIMITED_429, queryPage, readByQueryPage, upperVendor, vendorRecord } from "./fixtures";
import { createScriptedTransport, createTestClient, functionControlIds, http } from "./helpers";

const offsetOf = (body: string) => Number(/<offset>(\d+)<\/offset>/.exec(body)?.[1] ?? "0");

/** A fake Intacct `query` over `total` vendors, answering any offset. */
function createQueryServer(total: number) {
  let active = 0;
  let maxActive = 0;
  let served = 0;
  let firstWave = 0;
  const handler = async (request: { body: string }) => {
    active += 1;
    maxActive = Math.max(maxActive, active);
    // Requests that arrived before the first reply went out.
    if (served === 0) firstWave += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    active -= 1;
    served += 1;
    const pageSize = Number(/<pagesize>(\d+)<\/pagesize>/.exec(request.body)?.[1]);
    const offset = offsetOf(request.body);
    const count = Math.max(0, Math.min(pageSize, total - offset));
    const records = Array.from({ length: count }, (_, index) => upperVendor(offset + index + 1));
    return queryPage({
      object: "VENDOR",
      records,
      totalCount: total,
      offset,
      numRemaining: Math.max(0, total - offset - count),
      controlId: functionControlIds(request.body)[0] ?? "",
    });
  };
  return { handler, maxActive: () => maxActive, firstWave: () => firstWave };
}

describe("paging", () => {
  it("readByQuery follows readMore with the resultId until numremaining is 0", async () => {
    const { transport, dataRequests } = createScriptedTransport([
      (request) =>
        readByQueryPage({
          controlId: functionControlIds(request.body)[0] ?? "",
          records: [vendorRecord("V1"), vendorRecord("V2")],
          totalCount: 5,
          numRemaining: 3,
          resultId: "RID-1",
        }),
      (request) =>
        readByQueryPage({
          fn: "readMore",
          controlId: functionControlIds(request.body)[0] ?? "",
          records: [vendorRecord("V3"), vendorRecord("V4")],
          totalCount: 5,
          numRemaining: 1,
          resultId: "RID-1",
        }),
      (request) =>
        readByQueryPage({
          fn: "readMore",
          controlId: functionControlIds(request.body)[0] ?? "",
          records: [vendorRecord("V5")],
          totalCount: 5,
          numRemaining: 0,
          resultId: "RID-1",
        }),
    ]);
    const { client } = createTestClient(transport);
    const pages = [];
    for await (const page of client.readByQuery({
      object: "VENDOR",
      fields: ["VENDORID", "NAME"],
      query: "STATUS = 'T'",
      pageSize: 2,
    }))
      pages.push(page.map((record) => record.VENDORID));
    expect(pages).toEqual([["V1", "V2"], ["V3", "V4"], ["V5"]]);
    const bodies = dataRequests().map((request) => request.body);
    expect(bodies[0]).toContain(
      "<readByQuery><object>VENDOR</object><fields>VENDORID,NAME</fields><query>STATUS = &apos;T&apos;</query><pagesize>2</pagesize><returnFormat>xml</returnFormat></readByQuery>",
    );
    expect(bodies[1]).toContain("<readMore><resultId>RID-1</resultId></readMore>");
    expect(bodies).toHaveLength(3);
  });

  it("readByQuery stops on an empty page even if numremaining claims more", async () => {
    const { transport, dataRequests } = createScriptedTransport([
      (request) =>
        readByQueryPage({
          controlId: functionControlIds(request.body)[0] ?? "",
          records: [vendorRecord("V1")],
          totalCount: 9,
          numRemaining: 8,
          resultId: "R",
        }),
      (request) =>
        readByQueryPage({
          fn: "readMore",
          controlId: functionControlIds(request.body)[0] ?? "",
          records: [],
          totalCount: 9,
          numRemaining: 8,
          resultId: "R",
        }),
    ]);
    const { client } = createTestClient(transport);
    expect(await collectPages(client.readByQuery({ object: "VENDOR" }))).toHaveLength(1);
    expect(dataRequests()).toHaveLength(2);
  });

  it("query pages by offset to the last page, in order, ordered by RECORDNO", async () => {
    const server = createQueryServer(10);
    const { transport, dataRequests } = createScriptedTransport(Array.from({ length: 5 }, () => server.handler));
    const { client } = createTestClient(transport);
    const pages = [];
    for await (const page of client.query({ object: "VENDOR", select: ["RECORDNO", "VENDORID"], pageSize: 3 }))
      pages.push(page.map((record) => record.RECORDNO));
    expect(pages).toEqual([["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"], ["10"]]);
    expect(dataRequests().map((request) => offsetOf(request.body))).toEqual([0, 3, 6, 9]);
    expect(dataRequests()[0]?.body).toContain("<orderby><order><field>RECORDNO</field><ascending/></order></orderby>");
  });

  it("query keeps at most `concurrency` pages in flight (constant memory)", async () => {
    const server = createQueryServer(100);
    const { transport } = createScriptedTransport(Array.from({ length: 20 }, () => server.handler));
    const { client } = createTestClient(transport, { maxConcurrentRequests: 8 });
    let records = 0;
    for await (const page of client.query({ object: "VENDOR", select: ["RECORDNO"], pageSize: 10 }, { concurrency: 3 }))
      records += page.length;
    expect(records).toBe(100);
    expect(server.maxActive()).toBe(3);
  });

  it("query asks for one page before it knows the total, or two with expectMultiplePages", async () => {
    for (const expectMultiplePages of [false, true]) {
      const server = createQueryServer(50);
      const { transport, dataRequests } = createScriptedTransport(Array.from({ length: 6 }, () => server.handler));
      const { client } = createTestClient(transport);
      const pages = client.query({ object: "VENDOR", select: ["RECORDNO"], pageSize: 10 }, { expectMultiplePages });
      await pages.next();
      // By the time page 1 is yielded the next pages are scheduled; what matters is what left before the total was known.
      const offsetsBeforeTotal = dataRequests()
        .map((request) => offsetOf(request.body))
        .slice(0, expectMultiplePages ? 2 : 1);
      expect(offsetsBeforeTotal).toEqual(expectMultiplePages ? [0, 10] : [0]);
      expect(server.firstWave()).toBe(expectMultiplePages ? 2 : 1);
      await pages.return(undefined);
    }
  });

  it("query with expectMultiplePages on a one-page list yields it once; the queued extras come back empty", async () => {
    const server = createQueryServer(4);
    const { transport, dataRequests } = createScriptedTransport(Array.from({ length: 4 }, () => server.handler));
    const { client } = createTestClient(transport);
    const pages = await collectPages(
      client.query({ object: "VENDOR", select: ["RECORDNO"], pageSize: 10 }, { expectMultiplePages: true }),
    );
    expect(pages.map((record) => record.RECORDNO)).toEqual(["1", "2", "3", "4"]);
    // Page 1 plus at most 2 × concurrency − 1 extras, never more than concurrency at once.
    expect(dataRequests().length).toBeLessThanOrEqual(4);
    expect(server.maxActive()).toBeLessThanOrEqual(2);
  });

  it("query sends none of its queued pages once the consumer stops early", async () => {
    const server = createQueryServer(100);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const heldPage = async (request: { body: string }) => (await held, server.handler(request));
    const { transport, dataRequests } = createScriptedTransport([server.handler, heldPage, heldPage, heldPage]);
    const { client } = createTestClient(transport);
    const pages = client.query({ object: "VENDOR", select: ["RECORDNO"], pageSize: 10 }, { expectMultiplePages: true });
    await pages.next();
    // Page 2 was sent with page 1, and page 3 took page 1's slot; page 4 still waits for a slot.
    expect(dataRequests().map((request) => offsetOf(request.body))).toEqual([0, 10, 20]);
    await pages.return(undefined);
    release();
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The slots freed, but page 4 was dropped: a query nobody reads still counts against the API usage.
    expect(dataRequests()).toHaveLength(3);
  });

  it("query does not retry a sent page once the consumer stops", async () => {
    const server = createQueryServer(100);
    const { transport, dataRequests } = createScriptedTransport([
      server.handler,
      http(429, RATE_LIMITED_429),
      server.handler,
      server.handler,
      server.handler,
    ]);
    // A 100 ms backoff, cut short when it is called off.
    const sleep = (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, 100);
        signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)));
      });
    const { client } = createTestClient(transport, { sleep });
    const pages = client.query({ object: "VENDOR", select: ["RECORDNO"], pageSize: 10 }, { expectMultiplePages: true });
    await pages.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await pages.return(undefined);
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Page 2 got a 429 and was waiting to be resent when the consumer stopped: it is not sent again.
    expect(dataRequests().filter((request) => offsetOf(request.body) === 10)).toHaveLength(1);
  });

  it("query makes one request for a result that fits in one page", async () => {
    const server = createQueryServer(2);
    const { transport, dataRequests } = createScriptedTransport([server.handler]);
    const { client } = createTestClient(transport);
    expect(await collectPages(client.query({ object: "VENDOR", select: ["RECORDNO"] }))).toHaveLength(2);
    expect(dataRequests()).toHaveLength(1);
  });

  it("query yields nothing for an empty result", async () => {
    const server = createQueryServer(0);
    const { transport } = createScriptedTransport([server.handler]);
    const { client } = createTestClient(transport);
    expect(await collectPages(client.query({ object: "VENDOR", select: ["RECORDNO"] }))).toEqual([]);
  });

  it("listVendors maps records and filters by STATUS and WHENMODIFIED for incremental refresh", async () => {
    const server = createQueryServer(3);
    const { transport, dataRequests } = createScriptedTransport([server.handler]);
    const { client } = createTestClient(transport);
    const vendors = await collectPages(
      client.listVendors({ status: "active", modifiedSince: new Date("2025-03-01T10:00:00Z") }),
    );
    expect(vendors[0]).toEqual({
      recordNo: "1",
      vendorId: "V0001",
      name: "Vendor 1",
      status: "active",
      whenModified: "03/01/2025 10:00:00",
      termName: undefined,
      currency: undefined,
    });
    expect(dataRequests()[0]?.body).toContain(
      "<filter><and><equalto><field>STATUS</field><value>active</value></equalto><greaterthanorequalto><field>WHENMODIFIED</field><value>03/01/2025 10:00:00</value></greaterthanorequalto></and></filter>",
    );
  });

  it("listTasks and listCostTypes filter by project and task", async () => {
    const server = createQueryServer(0);
    const { transport, dataRequests } = createScriptedTransport([server.handler, server.handler]);
    const { client } = createTestClient(transport);
    await collectPages(client.listTasks({ projectId: "P-19" }));
    await collectPages(client.listCostTypes({ projectId: "P-19", taskId: "03-3500" }));
    expect(dataRequests()[0]?.body).toContain("<object>TASK</object>");
    expect(dataRequests()[0]?.body).toContain(
      "<filter><equalto><field>PROJECTID</field><value>P-19</value></equalto></filter>",
    );
    expect(dataRequests()[1]?.body).toContain("<equalto><field>TASKID</field><value>03-3500</value></equalto>");
  });
});
