import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useSession } from "../app/auth";
import { Page } from "../app/Layout";
import { Alert, Button, FormField, P } from "../app/ui";

// Sign-in with what the API accepts: an API key (`ssk_…`, made by an admin with
// `samenspel apikey create` or `createApiKey`) or an OpenID Connect token of the organisation's
// identity provider. It is kept in this tab only (sessionStorage) and sent as a Bearer header.
export function SignInPage() {
  const s = useSession();
  const navigate = useNavigate();
  const [cred, setCred] = useState("");
  const [tried, setTried] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!cred.trim()) return;
    s.signIn(cred);
    setTried(true);
  };
  if (tried && s.signedIn) {
    setTimeout(() => navigate("/"), 0);
  }
  return (
    <Page title="Aanmelden" intro="Aangemeld ziet u wat uw rol mag zien: namen van betrokkenen, en als analist of redacteur ook vertrouwen.">
      {s.signedIn && <Alert type="ok">U bent aangemeld als {s.name ?? s.role}{s.organisation ? ` (${s.organisation.name})` : ""}.</Alert>}
      {tried && !s.signedIn && <Alert type="error">Deze sleutel of dit token wordt niet geaccepteerd. Controleer of hij volledig is en niet is ingetrokken of verlopen.</Alert>}
      <form onSubmit={submit} className="samenspel-form">
        <FormField id="credential" label="API-sleutel of token" description="Een sleutel begint met ssk_. U krijgt hem van de beheerder van Samenspel; hij blijft alleen in dit tabblad bewaard.">
          <input id="credential" name="credential" type="password" autoComplete="off" className="utrecht-textbox utrecht-textbox--html-input"
            aria-describedby="credential-description" value={cred} onChange={(e) => setCred(e.target.value)} />
        </FormField>
        <Button type="submit">Aanmelden</Button>
      </form>
      <P>Zonder aanmelding leest u het openbare deel: organisaties, regio's, opgaven en hun rollen op organisatieniveau.</P>
    </Page>
  );
}
