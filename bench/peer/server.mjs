// The benchmark peer: the Neo4j GraphQL Library over Samenspel's Neo4j data, served by Apollo
// Server on a plain node:http server at POST /graphql (GET /graphql works too).
//
//   NEO4J_URI       bolt URI (default bolt://127.0.0.1:7687)
//   NEO4J_USER      user for basic auth (default neo4j); only used when NEO4J_PASSWORD is set
//   NEO4J_PASSWORD  password; unset: connect without auth
//   NEO4J_DATABASE  database name (default: the server's default database)
//   PORT            port to listen on (default 4000), on 127.0.0.1 unless HOST says otherwise
import http from "node:http";
import { readFile } from "node:fs/promises";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const uri = process.env.NEO4J_URI || "bolt://127.0.0.1:7687";
const password = process.env.NEO4J_PASSWORD;
const auth = password ? neo4j.auth.basic(process.env.NEO4J_USER || "neo4j", password) : undefined;
const port = Number(process.env.PORT || 4000);
const host = process.env.HOST || "127.0.0.1";
const database = process.env.NEO4J_DATABASE || undefined;
const maxBody = 1 << 20; // 1 MiB, as Samenspel

const driver = neo4j.driver(uri, auth);
// Wait up to 60 s for Neo4j, so that the peer can be started together with the database.
for (let attempt = 1; ; attempt++) {
  try {
    await driver.verifyConnectivity(database ? { database } : undefined);
    break;
  } catch (err) {
    if (attempt >= 120) throw err;
    await new Promise((r) => setTimeout(r, 500));
  }
}

const typeDefs = await readFile(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const schema = await neoSchema.getSchema();

const apollo = new ApolloServer({ schema });
await apollo.start();

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size > maxBody) {
        reject(Object.assign(new Error("request body too large"), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, `http://${req.headers.host || "localhost"}`);
    if (url.pathname !== "/graphql") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found: POST /graphql\n");
      return;
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
    }
    let body;
    if (req.method === "POST") {
      const text = await readBody(req);
      const type = headers.get("content-type") || "";
      if (type.startsWith("application/json")) {
        try {
          body = text === "" ? undefined : JSON.parse(text);
        } catch {
          res.writeHead(400, { "content-type": "application/json" }).end('{"errors":[{"message":"invalid JSON body"}]}\n');
          return;
        }
      } else {
        body = text;
      }
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: url.search, body },
      // The library takes the driver from its constructor; the schema has no auth rules, so a
      // request's context carries only the database to use (when one is set).
      context: async () => (database ? { sessionConfig: { database } } : {}),
    });
    const out = {};
    for (const [k, v] of result.headers) out[k] = v;
    res.writeHead(result.status || 200, out);
    if (result.body.kind === "complete") {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  } catch (err) {
    const status = err.status || 500;
    if (!res.headersSent) res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify({ errors: [{ message: status === 413 ? "request body too large" : "internal error" }] }) + "\n");
  }
});

server.keepAliveTimeout = 65_000;
server.listen(port, host, () => {
  console.log(`peer listening on http://127.0.0.1:${port}/graphql`);
});

async function shutdown() {
  server.close();
  await apollo.stop();
  await driver.close();
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
