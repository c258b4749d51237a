import type { CombinedError } from "urql";

// What went wrong, in words for the person at the screen: the service's error codes
// (extensions.code) mapped to Dutch sentences; the service's own message (which names the field)
// follows where it helps. Never a raw GraphQL error.
const byCode: Record<string, string> = {
  FORBIDDEN: "U hebt geen toegang tot deze gegevens. Meld u aan met een rol die ze mag zien.",
  UNAUTHENTICATED: "Uw aanmelding is niet (meer) geldig. Meld u opnieuw aan.",
  NOT_FOUND: "Dit bestaat niet (meer) in Samenspel.",
  BAD_USER_INPUT: "De invoer klopt niet.",
  COST_LIMIT_EXCEEDED: "Deze vraag is te groot. Kies een kleiner gebied of minder resultaten.",
  DEADLINE_EXCEEDED: "Het antwoord duurde te lang. Probeer het opnieuw of maak de vraag kleiner.",
  DEPTH_LIMIT_EXCEEDED: "Deze vraag is te diep genest.",
  CONFLICT: "Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw.",
  RATE_LIMITED: "Te veel verzoeken achter elkaar. Wacht even en probeer het opnieuw.",
  SERVICE_UNAVAILABLE: "De database is even niet bereikbaar. Probeer het over een minuut opnieuw.",
  INTERNAL_SERVER_ERROR: "Er ging iets mis in Samenspel. Probeer het opnieuw.",
};

export interface FieldError {
  field?: string;
  message: string;
}

// fieldErrors lists the validation errors with the input field they concern (extensions.field).
export function fieldErrors(err: CombinedError | undefined): FieldError[] {
  if (!err) return [];
  return err.graphQLErrors.map((e) => ({
    field: typeof e.extensions?.field === "string" ? (e.extensions.field as string) : undefined,
    message: e.message,
  }));
}

export function describeError(err: CombinedError | Error | undefined): string {
  if (!err) return "";
  if ("graphQLErrors" in err) {
    if (err.networkError) {
      const status = (err.response as Response | undefined)?.status;
      if (status === 429) return byCode.RATE_LIMITED;
      if (status === 401) return byCode.UNAUTHENTICATED;
      return "Samenspel is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.";
    }
    const first = err.graphQLErrors[0];
    if (first) {
      const code = String(first.extensions?.code ?? "");
      const words = byCode[code] ?? "Er ging iets mis.";
      if (code === "BAD_USER_INPUT" || code === "NOT_FOUND") return `${words} ${first.message}`;
      return words;
    }
  }
  return "Er ging iets mis. Probeer het opnieuw.";
}

// denied tells, for a partial answer, which fields the caller may not see: the paths (without
// list indices, e.g. "opgave.trustClimate") of FORBIDDEN and UNAUTHENTICATED errors, with the code.
// onlyDenied is true when nothing else went wrong, so the page shows "hidden" where it applies
// instead of an error.
export function denied(err: CombinedError | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of err?.graphQLErrors ?? []) {
    const code = String(e.extensions?.code ?? "");
    if ((code === "FORBIDDEN" || code === "UNAUTHENTICATED") && e.path) out.set(e.path.filter((p) => typeof p === "string").join("."), code);
  }
  return out;
}

export function onlyDenied(err: CombinedError | undefined): boolean {
  if (!err || err.networkError) return false;
  return err.graphQLErrors.length > 0 && err.graphQLErrors.every((e) => {
    const code = String(e.extensions?.code ?? "");
    return (code === "FORBIDDEN" || code === "UNAUTHENTICATED") && !!e.path && e.path.length > 1;
  });
}
