import { useCallback, useEffect, useState } from "react";
import type { CombinedError } from "urql";
import { fieldErrors } from "./errors";

// useFormErrors puts the API's validation errors at their form fields: `toField` maps an input
// field the API names (extensions.field, e.g. "input.themes[0]") to the id of the form control;
// after a failed submit the first invalid control (in `order`, the form's order) gets the focus. The message is the
// field's Dutch hint (`hints`), with the service's detail after it.
// Errors that name no known field stay in `rest`, for an alert above the form.
export function useFormErrors(toField: (apiField: string) => string | undefined, order: string[], hints: Record<string, string> = {}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [rest, setRest] = useState<CombinedError | undefined>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const first = order.find((id) => errors[id]);
    if (first) document.getElementById(first)?.focus();
  }, [tick]); // eslint-disable-line react-hooks/exhaustive-deps

  const apply = useCallback((err: CombinedError | undefined) => {
    const next: Record<string, string> = {};
    let unplaced = false;
    for (const fe of fieldErrors(err)) {
      const id = fe.field ? toField(fe.field) : undefined;
      if (id && !next[id]) next[id] = `${hints[id] ?? "Deze invoer klopt niet."} (${detail(fe.message)})`;
      else if (!id) unplaced = true;
    }
    setErrors(next);
    setRest(err && (unplaced || err.networkError) ? err : undefined);
    setTick((t) => t + 1);
  }, [toField, hints]);

  // props for a control: its id and, when invalid, aria-invalid and the error's id.
  const control = useCallback((id: string, description = false) => ({
    id,
    "aria-invalid": errors[id] ? true : undefined,
    "aria-describedby": [description ? `${id}-description` : "", errors[id] ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined,
  }), [errors]);

  return { errors, rest, apply, control };
}

// detail: the service's message without the field path it starts with ("input.title: must not be
// empty" becomes "must not be empty"); it follows the Dutch hint of the field.
function detail(message: string): string {
  return message.replace(/^[\w.[\]]+:\s*/, "");
}
