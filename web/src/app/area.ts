// An area as typed in a filter: a gemeente by CBS code (GM0344) or a region as division/code
// (veiligheidsregio/VR09). The same text goes into the URL; parseArea turns it into the API's
// AreaFilter and exportParams into the export endpoints' query parameters.
export type Area = { gemeente: string } | { region: { division: string; code: string } };

export function parseArea(text: string): Area | null | "invalid" {
  const t = text.trim();
  if (!t) return null;
  if (/^GM\d{4}$/i.test(t)) return { gemeente: t.toUpperCase() };
  const [division, code, ...rest] = t.split("/");
  if (division && code && rest.length === 0) return { region: { division: division.trim(), code: code.trim() } };
  return "invalid";
}

export const areaHelp = "Een gemeentecode (GM0344) of een regio als indeling/code (veiligheidsregio/VR09).";
