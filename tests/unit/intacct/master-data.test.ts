// The typed VENDOR / PROJECT / TASK create builders: the XML they send, and what they refuse before sending.
import { describe, expect, it } from "vitest";
import { createScriptedTransport, createTestClient, functionControlIds } from "./helpers";
import { response, successResult } from "./fixtures";

describe("master data builders", () => {
  it("createVendor sends VENDOR with its display contact (PRINTAS = name) and reports the VENDORID", async () => {
    const { transport, dataRequests } = createScriptedTransport([
      (request) =>
        response(
          successResult(
            "create",
            functionControlIds(request.body)[0] ?? "",
            '<data listtype="objects" count="1"><vendor><RECORDNO>88</RECORDNO><VENDORID>V-2001</VENDORID></vendor></data>',
          ),
        ),
    ]);
    const { client } = createTestClient(transport);
    const outcome = await client.createVendor({
      controlId: "vendor-1",
      vendorId: "V-2001",
      name: "Keystone & Sons",
      taxId: "84-5550199",
      contact: { email: "ap@keystone.example", city: "Denver", zip: "", phone: undefined },
    });
    expect(outcome).toMatchObject({ status: "done", key: "V-2001", recordNo: "88" });
    expect(dataRequests()[0]?.body).toContain(
      "<create><VENDOR><VENDORID>V-2001</VENDORID><NAME>Keystone &amp; Sons</NAME><TAXID>84-5550199</TAXID><DISPLAYCONTACT><PRINTAS>Keystone &amp; Sons</PRINTAS><EMAIL1>ap@keystone.example</EMAIL1><MAILADDRESS><CITY>Denver</CITY></MAILADDRESS></DISPLAYCONTACT></VENDOR></create>",
    );
  });

  it("createProject and createTask send their required fields; bad ids fail before anything is sent", async () => {
    const { transport, dataRequests } = createScriptedTransport([
      (request) =>
        response(
          successResult(
            "create",
            functionControlIds(request.body)[0] ?? "",
            '<data listtype="objects" count="1"><project><RECORDNO>9</RECORDNO><PROJECTID>P-2001</PROJECTID></project></data>',
          ),
        ),
      (request) =>
        response(
          successResult(
            "create",
            functionControlIds(request.body)[0] ?? "",
            '<data listtype="objects" count="1"><task><RECORDNO>10</RECORDNO><TASKID>03-3000</TASKID></task></data>',
          ),
        ),
    ]);
    const { client } = createTestClient(transport);
    expect(
      await client.createProject({ controlId: "p-1", projectId: "P-2001", name: "Depot", locationId: "E100" }),
    ).toMatchObject({ status: "done", key: "P-2001" });
    expect(dataRequests()[0]?.body).toContain(
      "<create><PROJECT><PROJECTID>P-2001</PROJECTID><NAME>Depot</NAME><PROJECTCATEGORY>Contract</PROJECTCATEGORY><LOCATIONID>E100</LOCATIONID></PROJECT></create>",
    );
    expect(
      await client.createTask({
        controlId: "t-1",
        projectId: "P-2001",
        taskId: "03-3000",
        name: "Concrete",
        standardTaskId: "03-3000",
      }),
    ).toMatchObject({ status: "done", key: "03-3000" });
    expect(dataRequests()[1]?.body).toContain(
      "<create><TASK><TASKID>03-3000</TASKID><NAME>Concrete</NAME><PROJECTID>P-2001</PROJECTID><STANDARDTASKID>03-3000</STANDARDTASKID></TASK></create>",
    );
    const refused = await client.createTask({
      controlId: "t-2",
      projectId: "P-2001",
      taskId: "X".repeat(21),
      name: "",
    });
    expect(refused.status).toBe("failed");
    if (refused.status === "failed")
      expect(refused.error.userMessage).toMatch(/taskId — must be at most 20 characters.*name — is required/);
    expect(dataRequests()).toHaveLength(2);
  });
});
