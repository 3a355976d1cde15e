import { afterEach, describe, expect, it, vi } from "vitest";
import { reportQueueError } from "@/lib/jobs/queue";

describe("reportQueueError", () => {
  afterEach(() => vi.restoreAllMocks());

  it("reports a database shutdown (57P01) once, as a stop rather than an error", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const shutdown = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
    reportQueueError(shutdown);
    reportQueueError(shutdown);
    expect(error).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]?.[0])).toContain("shutting down");
  });

  it("logs any other failure as a job queue error", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    reportQueueError(Object.assign(new Error("relation does not exist"), { code: "42P01" }));
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toContain("job queue error");
  });
});
