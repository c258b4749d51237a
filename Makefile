# Samenspel: `make run` serves the real data, `make test` runs every test against a real Neo4j.
GO  ?= go
BIN := bin/samenspel

.PHONY: run test bench bench-peer deps browser web build generate check-generated vet clean-neo4j

## run: install what is missing, start the local Neo4j (unless NEO4J_URI is set), import the
## default dataset into an empty database, and serve GraphQL on http://localhost:8080
run: build
	$(BIN) serve

## test: install what is missing, start a throw-away Neo4j, run every test against it (the
## explorer's end-to-end tests in Chromium among them, internal/webui), stop it
test: build vet browser
	$(BIN) with-neo4j -- $(GO) test -p 1 -count=1 ./...

## bench: the query benchmarks against the real data and the demo set at scale 1 and 10 (ms/op,
## median and Cypher round trips per request), three queries against the bare Cypher they send,
## and the spreadsheet export, import and re-import of the whole register at scale 10 (its one
## import transaction of 326,000 rows needs the larger Neo4j heap the target gives, 8g by default)
bench: build
	SAMENSPEL_NEO4J_HEAP=$${SAMENSPEL_NEO4J_HEAP:-8g} $(BIN) with-neo4j -- sh -c '$(GO) test -p 1 -count=1 -run "^$$" -bench "Queries|Opgaven|Callers" -benchtime 20x ./internal/server/ && \
	  $(GO) test -p 1 -count=1 -run "^$$" -bench AgainstCypher -benchtime 200x ./internal/server/ && \
	  SAMENSPEL_BENCH_SCALE=10 $(GO) test -p 1 -count=1 -run "^$$" -bench Opgaven -benchtime 10x ./internal/server/ && \
	  SAMENSPEL_BENCH_SCALE=10 $(GO) test -p 1 -count=1 -run "^$$" -bench Workbook -benchtime 1x -timeout 30m ./internal/server/'

## bench-peer: the benchmark suite against the Neo4j GraphQL Library (bench/peer) and the raw
## Cypher floor at data scales 1, 10 and 100, 1 and 16 clients; writes BENCHMARKS.md and
## bench/results/ (PNG plots, latest.json). BENCH_ARGS passes flags, e.g. BENCH_ARGS="-scales 1".
bench-peer: build bench/peer/node_modules/.package-lock.json
	$(GO) run ./cmd/samenspel-bench $(BENCH_ARGS)

bench/peer/node_modules/.package-lock.json: bench/peer/package-lock.json
	cd bench/peer && npm ci --no-audit --no-fund

deps:
	@scripts/deps.sh

## browser: Debian's Chromium for the explorer's end-to-end tests (Playwright drives it)
browser:
	@scripts/deps.sh --browser

## web: the explorer and GraphiQL (web/), built from web/package-lock.json into internal/webui/dist,
## which the binary embeds; rebuilt when a source or the schema changes
web: internal/webui/dist/index.html

WEB_SRC := $(shell find web/src web/e2e web/index.html web/graphiql.html web/vite.config.ts web/codegen.ts web/tsconfig.json web/scripts schema.graphqls schema -type f -not -path 'web/src/gql/*' 2>/dev/null)

internal/webui/dist/index.html: web/node_modules/.package-lock.json $(WEB_SRC)
	cd web && npm run build

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund

build: deps web
	$(GO) build -o $(BIN) ./cmd/samenspel

vet:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## generate: rebuild gqlgen's code from schema.graphqls
generate:
	$(GO) generate ./...

## check-generated: fail when the committed generated code is not what the schema gives
check-generated: generate
	@if [ -n "$$(git status --porcelain -- graph/)" ]; then git status --short -- graph/; \
	  echo "generated code is stale: run 'make generate' and commit"; exit 1; fi

## clean-neo4j: stop using and delete the local Neo4j data (the launcher build cache stays)
clean-neo4j:
	rm -rf .neo4j/data .neo4j/throwaway-*
