// The e2e server reads the app's stderr line by line (to catch pg's warning) while still showing it.
import { once } from "node:events";
import { expect, it, vi } from "vitest";
import { startProcess } from "../../scripts/lib/processes";

it("hands each stderr line of a child to onStderrLine, the last one too, and still shows them", async () => {
  const shown = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  const lines: string[] = [];
  const child = startProcess(
    process.execPath,
    ["-e", "process.stderr.write('first\\nsec'); setTimeout(() => process.stderr.write('ond\\nlast'), 20)"],
    { label: "child", quiet: true, onStderrLine: (line) => lines.push(line) },
  );
  await once(child, "close");
  const written = shown.mock.calls.map(([chunk]) => String(chunk)).join("");
  shown.mockRestore();
  expect(lines).toEqual(["first", "second", "last"]);
  expect(written).toBe("first\nsecond\nlast");
});
