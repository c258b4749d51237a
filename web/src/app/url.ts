import { useCallback } from "react";
import { useSearchParams } from "react-router-dom";

// useUrlState keeps a page's state (filters, date, selection) in the URL's query string, so a
// link shares exactly what is on screen. Setting a value to "" or the default removes it.
export function useUrlState(name: string, fallback = ""): [string, (v: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? fallback;
  const set = useCallback(
    (v: string) => {
      // From the address bar as it is now, not from this render's copy: two filters set one
      // after the other before React re-renders (navigations render in a transition) would
      // otherwise lose the first.
      setParams(() => {
        const next = new URLSearchParams(window.location.search);
        if (v === "" || v === fallback) next.delete(name);
        else next.set(name, v);
        return next;
      }, { replace: true });
    },
    [name, fallback, setParams],
  );
  return [value, set];
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
