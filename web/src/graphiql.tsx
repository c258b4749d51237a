// GraphiQL, bundled from npm and served by the binary at /graphiql, so it works without internet.
// The explorer's sign-in (a key or token in this tab's sessionStorage) is offered as a header.
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import "graphiql/style.css";
import { storedCredential } from "./app/credential";

const fetcher = createGraphiQLFetcher({ url: "/graphql" });
const cred = storedCredential();
const headers = cred ? JSON.stringify({ Authorization: `Bearer ${cred}` }, null, 2) : undefined;

createRoot(document.getElementById("graphiql")!).render(
  <GraphiQL fetcher={fetcher} defaultHeaders={headers} defaultQuery={"# Samenspel: press Ctrl-Enter to run\n{ organisation(code: \"GM0344\") { name regions { code name division { name } } } }\n"} />,
);
