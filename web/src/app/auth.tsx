import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { Provider, useQuery } from "urql";
import { graphql } from "../gql";
import { makeClient } from "./client";
import { storeCredential, storedCredential } from "./credential";

const MeQuery = graphql(`
  query Me {
    me { role via name organisation { id code name } }
  }
`);

export type Role = "anonymous" | "viewer" | "editor" | "analyst" | "admin";

interface Session {
  role: Role;
  name?: string | null;
  organisation?: { id: string; code?: string | null; name: string } | null;
  signedIn: boolean;
  signIn: (credential: string) => void;
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

// SessionProvider holds the sign-in: the credential (an API key or an OpenID Connect token, the
// same the API accepts) and who the service says the caller is (`me`). Signing in or out makes a
// new client, so no cached answer of one caller is shown to another.
export function SessionProvider({ children }: { children: ReactNode }) {
  const [cred, setCred] = useState(storedCredential());
  const client = useMemo(() => makeClient(), [cred]); // eslint-disable-line react-hooks/exhaustive-deps
  const signIn = useCallback((c: string) => { storeCredential(c.trim()); setCred(c.trim()); }, []);
  const signOut = useCallback(() => { storeCredential(null); setCred(null); }, []);
  return (
    <Provider value={client}>
      <SessionInner signedIn={!!cred} signIn={signIn} signOut={signOut}>{children}</SessionInner>
    </Provider>
  );
}

function SessionInner({ children, signedIn, signIn, signOut }: { children: ReactNode; signedIn: boolean; signIn: (c: string) => void; signOut: () => void }) {
  const [{ data }] = useQuery({ query: MeQuery });
  const me = data?.me;
  const value: Session = {
    role: (me?.role as Role) ?? "anonymous",
    name: me?.name,
    organisation: me?.organisation,
    signedIn: signedIn && !!me && me.role !== "anonymous",
    signIn,
    signOut,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}

// may tells whether the caller's role may see or do something, following the policy
// (internal/auth/policy.go); the service decides in the end, this only hides what would be refused.
export function may(role: Role, ...roles: Role[]): boolean {
  return roles.includes(role);
}
