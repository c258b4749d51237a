// Where each kind of object has its page; every link in the app goes through these.
export const links = {
  organisation: (o: { id: string; code?: string | null }) => (o.code ? `/gemeente/${encodeURIComponent(o.code)}` : `/organisatie/${encodeURIComponent(o.id)}`),
  region: (division: string, code: string) => `/regio/${encodeURIComponent(division)}/${encodeURIComponent(code)}`,
  opgave: (id: string) => `/opgave/${encodeURIComponent(id)}`,
  editOpgave: (id: string) => `/opgave/${encodeURIComponent(id)}/bewerken`,
  compare: (a: string, b: string) => `/vergelijk?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`,
};
