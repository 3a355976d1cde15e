// Turns a next-safe-action result into what a form shows: one message and errors per field.
type ValidationErrors = { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> } | undefined;
type ServerError = { message: string; fieldErrors?: Record<string, string[]> } | undefined;

export type FormErrors = { message?: string; fields: Record<string, string[] | undefined> };

export function readActionErrors(result: { serverError?: ServerError; validationErrors?: ValidationErrors }): FormErrors {
  if (result.serverError) return { message: result.serverError.message, fields: result.serverError.fieldErrors ?? {} };
  if (result.validationErrors) {
    const fields = result.validationErrors.fieldErrors ?? {};
    const formMessage = result.validationErrors.formErrors?.[0];
    return { message: formMessage ?? "Some fields need attention.", fields };
  }
  return { fields: {} };
}
