// The typed GraphQL client: types for every operation in src/ are generated from the service's
// own schema (schema.graphqls and schema/*.graphqls), so a renamed field breaks the build, not the page.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: ["../schema.graphqls", "../schema/*.graphqls"],
  documents: ["src/**/*.tsx", "src/**/*.ts", "!src/gql/**"],
  ignoreNoDocuments: true,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { Date: "string" },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
  silent: true,
};
export default config;
