import { Page } from "../app/Layout";
import { AppLink, P } from "../app/ui";

export function NotFoundPage() {
  return (
    <Page title="Pagina niet gevonden">
      <P>Deze pagina bestaat niet. <AppLink to="/">Zoek</AppLink> wat u zocht.</P>
    </Page>
  );
}
