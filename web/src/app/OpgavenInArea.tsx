import { useQuery } from "urql";
import { graphql } from "../gql";
import { AppLink, ErrorMessage, Loading, P } from "./ui";
import { links } from "./links";
import { statusLabel } from "./labels";

const OpgavenInAreaDoc = graphql(`
  query OpgavenInArea($gemeente: String!) {
    opgaven(filter: { area: { gemeente: $gemeente } }, first: 50) {
      totalCount
      edges { node { id title status } }
    }
  }
`);

// OpgavenInArea lists the opgaven whose area covers a gemeente (itself or a region containing it).
export function OpgavenInArea({ code, name }: { code: string; name: string }) {
  const [{ data, fetching, error }] = useQuery({ query: OpgavenInAreaDoc, variables: { gemeente: code } });
  const c = data?.opgaven;
  return (
    <section aria-labelledby="opgaven-gebied" data-testid="opgaven-in-area">
      <h2 className="utrecht-heading-2" id="opgaven-gebied">Opgaven in dit gebied{c ? ` (${c.totalCount})` : ""}</h2>
      {fetching && <Loading label="Opgaven laden…" />}
      <ErrorMessage error={error} />
      {c && (c.edges.length === 0 ? <P>Geen opgaven waarvan het gebied {name} omvat.</P> : (
        <>
          <ul className="utrecht-unordered-list">
            {c.edges.map(({ node }) => (
              <li key={node.id} className="utrecht-unordered-list__item"><AppLink to={links.opgave(node)}>{node.title}</AppLink> <span className="samenspel-muted">{statusLabel[node.status]}</span></li>
            ))}
          </ul>
          {c.totalCount > c.edges.length && <P>De eerste {c.edges.length} van {c.totalCount}, op titel.</P>}
        </>
      ))}
    </section>
  );
}
