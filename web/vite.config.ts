import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { resolve } from "node:path";

// Two pages: the explorer (index.html) and GraphiQL (graphiql.html). The output goes into the Go
// package that embeds it (internal/webui/dist); `samenspel serve` serves it, so nothing is loaded
// from outside the service.
export default defineConfig({
  plugins: [react()],
  base: "/",
  build: {
    outDir: resolve(__dirname, "../internal/webui/dist"),
    emptyOutDir: false, // scripts/clean-dist.mjs empties it but keeps the committed .gitkeep
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        index: resolve(__dirname, "index.html"),
        graphiql: resolve(__dirname, "graphiql.html"),
      },
    },
  },
  server: {
    fs: { allow: [".."] },
    proxy: { "/graphql": "http://localhost:8080", "/export": "http://localhost:8080" },
  },
});
