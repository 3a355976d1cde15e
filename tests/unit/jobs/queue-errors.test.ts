import { afterEach, describe, expect, it, vi } from "vitest";
import { createQueueErrorReporter } from "@/lib/jobs/queue";

const shutdown = () =>
  Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });

describe("createQueueErrorReporter", () => {
  afterEach(() => vi.restoreAllMocks());

  it("reports a database shutdown (57P01) once per queue client, as a stop rather than an error", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const report = createQueueErrorReporter();
    report(shutdown());
    report(shutdown());
    expect(error).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]?.[0])).toContain("shutting down");
  });

  it("another queue client's shutdown is still reported (the flag is not shared by the process)", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    createQueueErrorReporter()(shutdown());
    createQueueErrorReporter()(shutdown());
    expect(log).toHaveBeenCalledTimes(2);
  });

  it("logs any other failure as a job queue error", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    createQueueErrorReporter()(Object.assign(new Error("relation does not exist"), { code: "42P01" }));
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toContain("job queue error");
  });
});
