// The caller's credential (an API key `ssk_…` or an OpenID Connect token) lives in this tab's
// sessionStorage only: it goes with every request as `Authorization: Bearer …` and is gone when
// the tab closes.
const KEY = "samenspel.credential";

export function storedCredential(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeCredential(cred: string | null) {
  if (cred) sessionStorage.setItem(KEY, cred);
  else sessionStorage.removeItem(KEY);
}
