// Dutch words for the API's enums of opgaven, roles and health, shared by the pages that show them.
export const statusLabel: Record<string, string> = {
  VERKENNING: "verkenning", UITVOERING: "uitvoering", AFGEROND: "afgerond", GESTOPT: "gestopt",
};
export const scaleLabel: Record<string, string> = {
  LOKAAL: "lokaal", REGIONAAL: "regionaal", PROVINCIAAL: "provinciaal", LANDELIJK: "landelijk",
};
export const roleLabel: Record<string, string> = {
  TREKKER: "trekker", MEDETREKKER: "medetrekker", DEELNEMER: "deelnemer", FINANCIER: "financier",
  UITVOERDER: "uitvoerder", ADVISEUR: "adviseur", OPDRACHTGEVER: "opdrachtgever",
};
export const levelLabel: Record<string, string> = { BESTUURLIJK: "bestuurlijk", AMBTELIJK: "ambtelijk" };
export const instrumentLabel: Record<string, string> = {
  REGIO_DEAL: "Regio Deal", CONVENANT: "convenant", GEMEENSCHAPPELIJKE_REGELING: "gemeenschappelijke regeling",
  SUBSIDIE: "subsidie", BESTUURSAKKOORD: "bestuursakkoord", BUDGET: "budget",
};
export const linkLabel: Record<string, string> = {
  DEPENDS_ON: "hangt af van", REINFORCES: "versterkt", CONFLICTS_WITH: "botst met", PART_OF: "is onderdeel van",
};
export const connectionLabel: Record<string, string> = {
  LINK: "verbonden", SHARED_PARTICIPANT: "gedeelde deelnemer", OVERLAPPING_AREA: "overlappend gebied", SHARED_INSTRUMENT: "gedeeld instrument",
};
// The health statuses in words: the traffic light's colour always comes with this text.
export const healthLabel: Record<string, string> = { OK: "OK", ATTENTION: "aandacht", MISSING: "ontbreekt" };
// The seven indicators in the order of HealthKey, with their Dutch labels (the API gives the same
// labels; these name the ones the API leaves out for a caller who may not see trust).
export const healthKeys: { key: string; label: string }[] = [
  { key: "TREKKER_PER_LEVEL", label: "Eén trekker per niveau" },
  { key: "ROLES_AGREED", label: "Rollen tot op de persoon afgesproken" },
  { key: "UITVOERDERS_INVOLVED", label: "Uitvoerders betrokken" },
  { key: "CONTRIBUTION_MATCHES_STAKE", label: "Inbreng naar belang" },
  { key: "TRUST_COVERAGE", label: "Vertrouwen in beeld" },
  { key: "TRUST_LEVEL", label: "Niveau van vertrouwen" },
  { key: "TRUST_FRESHNESS", label: "Actualiteit van het beeld" },
];
export const euro = (x: number) => x.toLocaleString("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

// leads tells whether an organisation leads an opgave (a current trekker or medetrekker role), which
// is what lets its editors change it (the policy's "opgaven it leads").
export function leads(orgId: string | undefined, participants: { organisation: { id: string }; roles: { type: string }[] }[]): boolean {
  if (!orgId) return false;
  return participants.some((p) => p.organisation.id === orgId && p.roles.some((r) => r.type === "TREKKER" || r.type === "MEDETREKKER"));
}

// The practice of working together (interests, agreements, check-ins, results, lessons).
export const practiceHealthKeys: { key: string; label: string }[] = [
  { key: "MANDATE_IN_PLACE", label: "Mandaat op tijd opgehaald" },
  { key: "CHECK_IN_RHYTHM", label: "Check-in binnen het ritme" },
  { key: "CHECK_IN_SPREAD", label: "Eensgezindheid in de check-ins" },
  { key: "RESULTS_ACHIEVED", label: "Tastbare resultaten behaald" },
  { key: "LESSONS_RECENT", label: "Blijven leren" },
];
export const bodyLabel: Record<string, string> = {
  COLLEGE: "college van B&W", RAAD: "gemeenteraad", GEDEPUTEERDE_STATEN: "Gedeputeerde Staten", PROVINCIALE_STATEN: "Provinciale Staten",
  DAGELIJKS_BESTUUR: "dagelijks bestuur", ALGEMEEN_BESTUUR: "algemeen bestuur", STUURGROEP: "stuurgroep", MINISTER: "minister",
};
export const mandateLabel: Record<string, string> = { IN_PLACE: "mandaat is er", REQUESTED: "mandaat gevraagd", MISSING: "geen mandaat" };
export const questionLabel: Record<string, string> = {
  RIGHT_THINGS: "Doen we het goede?", THINGS_RIGHT: "Doen we het goed?", TOGETHER: "Doen we het goed met elkaar?",
};
export const resultStatusLabel: Record<string, string> = { ACHIEVED: "behaald", PLANNED: "gepland", LATE: "te laat" };
