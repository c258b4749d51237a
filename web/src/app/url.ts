import { useCallback } from "react";
import { useLocation, useSearchParams } from "react-router-dom";

// useUrlState keeps a page's state (filters, date, selection) in the URL's query string, so a
// link shares exactly what is on screen. Setting a value to "" or the default removes it.
export function useUrlState(name: string, fallback = ""): [string, (v: string) => void] {
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const value = params.get(name) ?? fallback;
  const set = useCallback(
    (v: string) => {
      // From the address bar as it is now, not from this render's copy: two filters set one
      // after the other before React re-renders (navigations render in a transition) would
      // otherwise lose the first.
      const now = new URLSearchParams(window.location.search);
      // Nothing to change, or the page is being left (a link was followed and the next page is
      // still loading): a late setter, such as the search box's debounce, must not navigate back.
      if ((now.get(name) ?? fallback) === (v === "" ? fallback : v) || window.location.pathname !== pathname) return;
      setParams(() => {
        const next = new URLSearchParams(window.location.search);
        if (v === "" || v === fallback) next.delete(name);
        else next.set(name, v);
        return next;
      }, { replace: true });
    },
    [name, fallback, setParams, pathname],
  );
  return [value, set];
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
