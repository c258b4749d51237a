import { useEffect, useState } from "react";
import { useClient, type Client } from "urql";
import { graphql } from "../gql";

// A region's gemeenten come a page (at most 100) at a time; a landsdeel or a large provincie-wide
// region has more. These helpers follow the pages so that a map shows every member: the number of
// requests grows with the number of pages, not with the number of gemeenten.

const RegionMembersDoc = graphql(`
  query RegionMembers($division: String!, $code: String!, $at: Date!, $after: String, $other: String, $withOther: Boolean!) {
    region(division: $division, code: $code) {
      members(at: $at, first: 100, after: $after) {
        edges { node { id code name regions(at: $at, division: $other) @include(if: $withOther) { id code name } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

const DivisionMembersDoc = graphql(`
  query DivisionMembers($key: String!, $at: Date!) {
    division(key: $key) {
      key name
      regions(at: $at) {
        id code name
        members(at: $at, first: 100) { edges { node { code } } pageInfo { hasNextPage endCursor } }
      }
    }
  }
`);

export interface Member { id: string; code: string | null | undefined; name: string; regions?: { id: string; code: string; name: string }[] }

async function regionMembers(client: Client, division: string, code: string, at: string, other: string, after: string | null = null, first: Member[] = []): Promise<Member[]> {
  const out = [...first];
  let cursor = after;
  for (;;) {
    const r = await client.query(RegionMembersDoc, { division, code, at, after: cursor, other: other || null, withOther: !!other }).toPromise();
    if (r.error) throw r.error;
    const m = r.data?.region?.members;
    if (!m) return out;
    out.push(...m.edges.map((e) => e.node));
    if (!m.pageInfo.hasNextPage) return out;
    cursor = m.pageInfo.endCursor ?? null;
  }
}

function useAsync<T>(run: (c: Client) => Promise<T>, deps: unknown[]): { data?: T; error?: Error; fetching: boolean } {
  const client = useClient();
  const [state, setState] = useState<{ data?: T; error?: Error; fetching: boolean }>({ fetching: true });
  useEffect(() => {
    let live = true;
    setState({ fetching: true }); // never show data of other arguments as if it were the answer
    run(client).then((data) => live && setState({ data, fetching: false }), (error: Error) => live && setState({ error, fetching: false }));
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, ...deps]);
  return state;
}

// useRegionMembers: every gemeente of a region on a date; with `other` (a division key), also the
// regions of that division each gemeente lies in.
export function useRegionMembers(division: string, code: string, at: string, other: string) {
  return useAsync((c) => regionMembers(c, division, code, at, other), [division, code, at, other]);
}

export interface DivisionRegion { id: string; code: string; name: string; members: string[] }

// useDivisionMembers: every region of a division on a date with the codes of its gemeenten.
export function useDivisionMembers(key: string, at: string) {
  return useAsync(async (c): Promise<DivisionRegion[]> => {
    if (!key) return [];
    const r = await c.query(DivisionMembersDoc, { key, at }).toPromise();
    if (r.error) throw r.error;
    const regions = r.data?.division?.regions ?? [];
    return Promise.all(regions.map(async (reg) => {
      let codes = reg.members.edges.map((e) => e.node.code ?? "");
      if (reg.members.pageInfo.hasNextPage) {
        const rest = await regionMembers(c, key, reg.code, at, "", reg.members.pageInfo.endCursor ?? null);
        codes = codes.concat(rest.map((m) => m.code ?? ""));
      }
      return { id: reg.id, code: reg.code, name: reg.name, members: codes };
    }));
  }, [key, at]);
}
