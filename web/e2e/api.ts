import type { APIRequestContext } from "@playwright/test";
import { key, type Role } from "./fixtures";

// gql asks the service itself (as the page would, with a role's key or anonymously), so a test can
// compare what the page shows with what the API answers. It fails on any error.
export async function gql<T = any>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}, role?: Role): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const headers: Record<string, string> = {};
  if (role) headers.Authorization = `Bearer ${key(role)}`;
  const r = await request.post("/graphql", { data: { query, variables }, headers });
  const body = await r.json();
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

// gqlRaw gives the whole answer, errors included (for what a role may not see).
export async function gqlRaw(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}, role?: Role) {
  const headers: Record<string, string> = {};
  if (role) headers.Authorization = `Bearer ${key(role)}`;
  const r = await request.post("/graphql", { data: { query, variables }, headers });
  return (await r.json()) as { data?: any; errors?: { path?: (string | number)[]; extensions?: { code?: string } }[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
