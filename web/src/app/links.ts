// Where each kind of object has its page; every link in the app goes through these.
export const links = {
  opgave: (o: { id: string }) => `/opgave/${encodeURIComponent(o.id)}`,
  opgaveEdit: (o: { id: string }) => `/opgave/${encodeURIComponent(o.id)}/bewerken`,
  newOpgave: () => "/opgave/nieuw",
  organisation: (o: { id: string; code?: string | null }) => (o.code ? `/gemeente/${encodeURIComponent(o.code)}` : `/organisatie/${encodeURIComponent(o.id)}`),
  // a region's id is "<division>/<code>", which is also its path under /regio/
  region: (r: { id: string }) => `/regio/${r.id.split("/").map(encodeURIComponent).join("/")}`,
  compare: (a: string, b: string) => `/vergelijk?${new URLSearchParams({ a, b })}`,
};
