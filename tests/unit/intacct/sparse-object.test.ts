import { describe, expect, it } from "vitest";
import { z } from "zod";
import { sparseObject } from "@/lib/intacct/sparse-object";
import { ZVendorInvoiceInput } from "@/lib/intacct/functions/purchasing";

const fields = z.object({
  id: z.string().min(1),
  kind: z.string().default("Purchase Order"),
  memo: z.string().optional(),
  amount: z.union([z.number(), z.string().min(1)]).optional(),
  taskId: z.string().min(1).optional(),
  projectId: z.string().min(1).optional(),
  lines: z
    .array(z.object({ itemId: z.string() }))
    .min(1)
    .optional(),
});
const refine = (value: z.output<typeof fields>, context: z.RefinementCtx) => {
  if (value.taskId && !value.projectId)
    context.addIssue({ code: "custom", path: ["taskId"], message: "taskId needs projectId" });
};
const full = fields.superRefine(refine);
const sparse = sparseObject(fields, refine);

/** What a caller sees: the data, or each issue's code, path and message. */
const outcomeOf = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success
    ? { data: result.data }
    : { issues: result.error.issues.map(({ code, path, message }) => ({ code, path, message })) };
};

const inputs: [string, unknown][] = [
  ["only required keys", { id: "A" }],
  ["some optional keys", { id: "A", memo: "hello", amount: 12 }],
  [
    "every key",
    {
      id: "A",
      kind: "Vendor Invoice",
      memo: "m",
      amount: "1.5",
      taskId: "T",
      projectId: "P",
      lines: [{ itemId: "I" }],
    },
  ],
  ["an unknown key (stripped)", { id: "A", surprise: true }],
  ["a present key holding undefined", { id: "A", memo: undefined }],
  ["a missing required key", { memo: "m" }],
  ["a wrong type on an optional key", { id: "A", amount: true }],
  ["an empty string where min(1)", { id: "", taskId: "" }],
  ["an invalid nested array", { id: "A", lines: [{ itemId: 4 }] }],
  ["the refinement failing", { id: "A", taskId: "T" }],
  ["null", null],
  ["an array", [{ id: "A" }]],
  ["a string", "A"],
];

describe("sparseObject", () => {
  it.each(inputs)("parses %s exactly like the full schema", (_, input) => {
    expect(outcomeOf(sparse, input)).toEqual(outcomeOf(full, input));
  });

  it("applies defaults even when the key is absent", () => {
    expect(sparse.parse({ id: "A" })).toEqual({ id: "A", kind: "Purchase Order" });
  });

  it("keeps issue paths when nested in an array (PO lines)", () => {
    const result = ZVendorInvoiceInput.safeParse({
      controlId: "vi-1",
      dateCreated: "2025-03-01",
      dateDue: "2025-04-30",
      vendorId: "V1",
      lines: [
        { itemId: "I", quantity: 1 },
        { itemId: "I", quantity: 1, taskId: "T" },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["lines.1.taskId", "taskId needs projectId"],
    ]);
  });

  it("never lets one key set's cached schema serve another (alternating sets, orders and values)", () => {
    const shapes = [
      (index: number) => ({ id: `A${index}` }),
      (index: number) => ({ memo: `m${index}`, id: `A${index}` }),
      (index: number) => ({ id: `A${index}`, amount: index, taskId: "T", projectId: "P" }),
      (index: number) => ({ id: `A${index}`, taskId: "T" }),
    ];
    for (let index = 0; index < 100; index++) {
      const input = (shapes[index % shapes.length] as (index: number) => object)(index);
      expect(outcomeOf(sparse, input)).toEqual(outcomeOf(full, input));
    }
  });
});
