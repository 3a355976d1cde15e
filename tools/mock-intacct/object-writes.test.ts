// Generic create of VENDOR, PROJECT and TASK with Intacct's validation (docs/intacct/gateway.md §2, §8, §13.5).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockIntacct, type MockIntacct } from "./index";
import { call, callOk, fn, openSession, type ResponseView } from "./test-helpers";
import { findCompany } from "./store";

let mock: MockIntacct;
beforeAll(async () => {
  mock = await startMockIntacct({ port: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const tables = () => findCompany(mock.state, mock.credentials.companyId)!.tables;

function create(object: string, fields: string): string {
  return `<create><${object}>${fields}</${object}></create>`;
}

function failureTexts(res: ResponseView): string[] {
  const result = res.results[0];
  expect(result?.status).toBe("failure");
  expect(result?.data?.attrs).toEqual({ listtype: "objects", count: "0" });
  return result?.errors.map((e) => e.description2) ?? [];
}

describe("create VENDOR", () => {
  it("stores the vendor with its display contact and answers RECORDNO and VENDORID", async () => {
    const result = await callOk(
      mock,
      create(
        "VENDOR",
        "<VENDORID>V-2001</VENDORID><NAME>Keystone Drywall</NAME><TAXID>84-5550199</TAXID>" +
          "<DISPLAYCONTACT><PRINTAS>Keystone Drywall</PRINTAS><EMAIL1>ap@keystone.example</EMAIL1>" +
          "<MAILADDRESS><ADDRESS1>10 Main St</ADDRESS1><CITY>Denver</CITY><STATE>CO</STATE><ZIP>80202</ZIP></MAILADDRESS>" +
          "</DISPLAYCONTACT>",
      ),
    );
    expect(result.records[0]).toMatchObject({ VENDORID: "V-2001" });
    expect(tables().VENDOR.findOne("VENDORID", "V-2001")).toMatchObject({
      NAME: "Keystone Drywall",
      STATUS: "active",
      TAXID: "84-5550199",
      "DISPLAYCONTACT.CONTACTNAME": "Keystone Drywall(V-2001)",
      "DISPLAYCONTACT.EMAIL1": "ap@keystone.example",
      "DISPLAYCONTACT.MAILADDRESS.ADDRESS1": "10 Main St",
      "DISPLAYCONTACT.MAILADDRESS.ZIP": "80202",
    });
  });

  it("refuses a duplicate id, missing required fields and a contact without PRINTAS; nothing is stored", async () => {
    const before = tables().VENDOR.rows.length;
    const dup = await call(mock, [fn(create("VENDOR", "<VENDORID>V-1001</VENDORID><NAME>Again</NAME>"))]);
    expect(dup.results[0]?.errors[0]).toMatchObject({
      errorno: "BL34000061",
      description2: "Another Vendor with the given value(s) V-1001 already exists",
    });
    const missing = await call(mock, [
      fn(create("VENDOR", "<DISPLAYCONTACT><EMAIL1>x@y.example</EMAIL1></DISPLAYCONTACT>")),
    ]);
    expect(failureTexts(missing)).toEqual([
      "Required field VENDORID (Vendor ID) is missing.",
      "Required field NAME (Vendor Name) is missing.",
      "Required field PRINTAS (Print As) of the contact is missing.",
      "Could not create Vendor record!",
    ]);
    expect(tables().VENDOR.rows.length).toBe(before);
  });
});

describe("create PROJECT", () => {
  it("needs its entity at the top level of a multi-entity company, and takes the session's entity otherwise", async () => {
    const noEntity = await call(mock, [
      fn(
        create("PROJECT", "<PROJECTID>P-2001</PROJECTID><NAME>Depot</NAME><PROJECTCATEGORY>Contract</PROJECTCATEGORY>"),
      ),
    ]);
    expect(failureTexts(noEntity)[0]).toMatch(/Required field LOCATIONID/);
    await callOk(
      mock,
      create(
        "PROJECT",
        "<PROJECTID>P-2001</PROJECTID><NAME>Depot</NAME><PROJECTCATEGORY>Contract</PROJECTCATEGORY><LOCATIONID>E200</LOCATIONID>",
      ),
    );
    expect(tables().PROJECT.findOne("PROJECTID", "P-2001")).toMatchObject({
      LOCATIONID: "E200",
      MEGAENTITYID: "E200",
      PROJECTSTATUS: "In Progress",
      STATUS: "active",
    });
    const session = await openSession(mock, "E100");
    await callOk(
      mock,
      create("PROJECT", "<PROJECTID>P-2002</PROJECTID><NAME>Yard</NAME><PROJECTCATEGORY>Contract</PROJECTCATEGORY>"),
      {
        sessionId: session.sessionId,
      },
    );
    expect(tables().PROJECT.findOne("PROJECTID", "P-2002")).toMatchObject({ LOCATIONID: "E100" });
  });

  it("refuses a duplicate id, a missing or unknown category and an unknown entity", async () => {
    const dup = await call(mock, [
      fn(
        create(
          "PROJECT",
          "<PROJECTID>P-1001</PROJECTID><NAME>X</NAME><PROJECTCATEGORY>Contract</PROJECTCATEGORY><LOCATIONID>E100</LOCATIONID>",
        ),
      ),
    ]);
    expect(dup.results[0]?.errors[0]?.description2).toBe(
      "Another Project with the given value(s) P-1001 already exists",
    );
    const bad = await call(mock, [
      fn(
        create(
          "PROJECT",
          "<PROJECTID>P-2003</PROJECTID><NAME>X</NAME><PROJECTCATEGORY>Big</PROJECTCATEGORY><LOCATIONID>E999</LOCATIONID>",
        ),
      ),
    ]);
    expect(failureTexts(bad)).toEqual([
      "Invalid Project Category 'Big' specified.",
      "Invalid Location 'E999' specified.",
      "Could not create Project record!",
    ]);
  });
});

describe("create TASK", () => {
  it("builds a task from a standard task with that standard task's cost types", async () => {
    const missing = tables().STANDARDTASK.rows.find(
      (st) =>
        !tables()
          .TASK.findAll("PROJECTID", "P-1001")
          .some((t) => t.STANDARDTASKID === st.STANDARDTASKID),
    );
    expect(missing).toBeDefined();
    const id = missing!.STANDARDTASKID!;
    const result = await callOk(
      mock,
      create(
        "TASK",
        `<TASKID>${id}</TASKID><NAME>${missing!.NAME}</NAME><PROJECTID>P-1001</PROJECTID><STANDARDTASKID>${id}</STANDARDTASKID>`,
      ),
    );
    expect(result.records[0]).toMatchObject({ TASKID: id });
    expect(
      tables()
        .TASK.findAll("PROJECTID", "P-1001")
        .find((t) => t.TASKID === id),
    ).toMatchObject({
      STANDARDTASKID: id,
      STATUS: "active",
    });
    const costTypes = tables()
      .COSTTYPE.findAll("PROJECTID", "P-1001")
      .filter((c) => c.TASKID === id);
    expect(costTypes.map((c) => c.COSTTYPEID).sort()).toEqual(
      (missing!.STANDARDTASKSTANDARDCOSTTYPES ?? "").split("#~#").filter(Boolean).sort(),
    );
  });

  it("refuses an unknown or inactive project, an unknown standard task and a task id the project has", async () => {
    const existing = tables().TASK.findAll("PROJECTID", "P-1001")[0]!;
    const dup = await call(mock, [
      fn(create("TASK", `<TASKID>${existing.TASKID}</TASKID><NAME>Again</NAME><PROJECTID>P-1001</PROJECTID>`)),
    ]);
    expect(dup.results[0]?.errors[0]?.description2).toBe(
      `Another Task with the given value(s) [P-1001, ${existing.TASKID}] already exists`,
    );
    const bad = await call(mock, [
      fn(
        create(
          "TASK",
          "<TASKID>NEW</TASKID><NAME>New</NAME><PROJECTID>P-9999</PROJECTID><STANDARDTASKID>NOPE</STANDARDTASKID>",
        ),
      ),
    ]);
    expect(failureTexts(bad)).toEqual([
      "Invalid Project 'P-9999' specified.",
      "Invalid Standard Task 'NOPE' specified.",
      "Could not create Task record!",
    ]);
    const project = tables().PROJECT.findOne("PROJECTID", "P-1001")!;
    tables().PROJECT.update(project, { STATUS: "inactive" });
    const inactive = await call(mock, [
      fn(create("TASK", "<TASKID>NEW</TASKID><NAME>New</NAME><PROJECTID>P-1001</PROJECTID>")),
    ]);
    expect(failureTexts(inactive)[0]).toBe("Invalid Project 'P-1001' specified.");
  });
});
