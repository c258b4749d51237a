import { Client, cacheExchange, fetchExchange } from "urql";
import { storedCredential } from "./credential";

// One urql client for the whole app. Queries go to the service's own /graphql (never elsewhere)
// as POST, with the caller's credential; results are cached per query and variables.
export function makeClient(): Client {
  return new Client({
    url: "/graphql",
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    fetchOptions: (): RequestInit => {
      const cred = storedCredential();
      const headers: Record<string, string> = {};
      if (cred) headers.Authorization = `Bearer ${cred}`;
      return { headers };
    },
  });
}
