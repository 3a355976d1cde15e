import { z } from "zod";

type ObjectSchema = z.ZodObject<z.ZodRawShape>;
type Refinement<T extends ObjectSchema> = (value: z.output<T>, context: z.RefinementCtx) => void;

// Distinct key sets seen per schema. Callers build inputs in code, so there are a handful; the cap only guards
// against a caller that invents keys.
const MAX_KEY_SETS = 64;

/**
 * `object.superRefine(refine)`, validated more cheaply for inputs that set few of many optional keys.
 *
 * zod runs every key of an object schema, present or not (a payload object and a call per key). A PO line has
 * 28 optional fields and a sync sets about five, so most of the validation cost of a 100-invoice batch went to
 * keys nobody set. This schema validates each input against `object.pick()` of the keys it actually has, plus
 * every required or defaulted key, cached per key set. Absent optional keys produce nothing in zod's output
 * either, so the result, the issues (codes, messages, paths) and the stripping of unknown keys are the same as
 * the full schema's; sparse-object.test.ts holds both side by side.
 */
export function sparseObject<T extends ObjectSchema>(
  object: T,
  refine?: Refinement<T>,
): z.ZodType<z.output<T>, z.input<T>> {
  const shape = object.shape;
  // Keys the picked schema must always hold: required ones (to report them missing) and defaulted ones.
  const always: Record<string, true> = {};
  // Each optional key gets a bit, so an input's key set is a number: no string building per parse.
  const bits: Record<string, number> = Object.create(null);
  const optionalKeys: string[] = [];
  for (const key in shape) {
    if ((shape[key] as z.ZodType)._zod.optout !== "optional") always[key] = true;
    else if (optionalKeys.length < 31) bits[key] = 1 << (optionalKeys.push(key) - 1);
    // Past 31 optional keys the rest are always validated, which is merely slower.
    else always[key] = true;
  }
  const full = refine ? object.superRefine(refine) : object;
  const picked = new Map<number, z.ZodType>();

  const schemaFor = (value: object): z.ZodType => {
    let keySet = 0;
    // zod reads `key in input`, inherited keys included, so `for…in` sees what zod would.
    for (const key in value) keySet |= bits[key] ?? 0;
    let schema = picked.get(keySet);
    if (schema) return schema;
    const mask: Record<string, true> = { ...always };
    optionalKeys.forEach((key, index) => {
      if (keySet & (1 << index)) mask[key] = true;
    });
    const pickedObject = object.pick(mask as never) as ObjectSchema;
    schema = refine ? pickedObject.superRefine(refine as Refinement<ObjectSchema>) : pickedObject;
    if (picked.size >= MAX_KEY_SETS) picked.clear();
    picked.set(keySet, schema);
    return schema;
  };

  return z.unknown().transform((value, context) => {
    // Anything but a plain object gets the full schema, which words the type error as usual.
    const schema = value !== null && typeof value === "object" && !Array.isArray(value) ? schemaFor(value) : full;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) context.addIssue(issue as Parameters<typeof context.addIssue>[0]);
    return z.NEVER;
  }) as unknown as z.ZodType<z.output<T>, z.input<T>>;
}
