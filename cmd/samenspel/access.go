package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"text/tabwriter"
	"time"

	"github.com/samenspel/samenspel/internal/auth"
	"github.com/samenspel/samenspel/internal/config"
	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// apikeyCmd makes, lists and revokes API keys.
func apikeyCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: samenspel apikey create|list|revoke")
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("apikey "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	org := fs.String("org", "", "create: the organisation the key speaks for (its id, e.g. GM0363)")
	role := fs.String("role", "", "create: viewer, editor, analyst or admin")
	name := fs.String("name", "", "create: what the key is for, e.g. \"dashboard provincie\"")
	days := fs.Int("expires-days", 0, "create: days the key works (0: it does not expire)")
	cfg, err := config.Load(fs, args, getenv)
	if err != nil {
		return err
	}
	level, _ := cfg.SlogLevel()
	db, closeDB, err := connect(ctx, cfg, newLogger(stderr, level))
	if err != nil {
		return err
	}
	defer closeDB()
	// The audit trail names the change as the API does.
	ctx = samenspel.WithAction(ctx, map[string]string{"create": "createApiKey", "revoke": "revokeApiKey", "list": "apiKeys"}[sub])
	switch sub {
	case "create":
		access, err := samenspel.ParseAccess(*role)
		if err != nil {
			return fmt.Errorf("-role: %w", err)
		}
		secret, k, err := createKey(ctx, db, *name, *org, access, *days)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\n", secret)
		fmt.Fprintf(stderr, "made API key %s (%s, %s of %s); it is shown this once, only its hash is stored\n", k.ID, k.Name, k.Access, orDash(k.Organisation))
	case "list":
		keys, err := db.APIKeys(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tORGANISATION\tROLE\tCREATED\tEXPIRES\tREVOKED\tLAST USED")
		for _, k := range keys {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, orDash(k.Organisation), k.Access, k.Created.Format(time.DateOnly),
				when(k.Expires), when(k.Revoked), when(k.LastUsed))
		}
		return tw.Flush()
	case "revoke":
		if fs.NArg() != 1 {
			return errors.New("usage: samenspel apikey revoke ID")
		}
		k, err := db.RevokeAPIKey(ctx, fs.Arg(0))
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "revoked %s (%s)\n", k.ID, k.Name)
	default:
		return fmt.Errorf("unknown subcommand %q: use create, list or revoke", sub)
	}
	return nil
}

// createKey makes a key and stores its hash.
func createKey(ctx context.Context, db *neo4jdb.DB, name, org string, access samenspel.Access, days int) (string, samenspel.APIKey, error) {
	secret, hash, id := auth.NewKey()
	k := samenspel.APIKey{ID: id, Name: name, Organisation: org, Access: access, Hash: hash}
	if days > 0 {
		exp := time.Now().Add(time.Duration(days) * 24 * time.Hour)
		k.Expires = &exp
	}
	k, err := db.CreateAPIKey(ctx, k)
	return secret, k, err
}

// ensureAdminKey gives a database without a working admin key one, written to path (readable by
// its owner only), so that a new user of `make run` can administer the service at once.
func ensureAdminKey(ctx context.Context, db *neo4jdb.DB, path string, log *slog.Logger) error {
	has, err := db.HasAdminKey(ctx)
	if err != nil || has {
		return err
	}
	secret, k, err := createKey(ctx, db, "local admin (made by samenspel serve)", "", samenspel.Admin, 0)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		return fmt.Errorf("write the admin key to %s: %w", path, err)
	}
	log.Info("no admin key yet: made one; send it as 'Authorization: Bearer <key>'", "file", path, "key", k.ID)
	return nil
}

// auditCmd writes the audit trail as JSON lines.
func auditCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "export" {
		return errors.New("usage: samenspel audit export [-since 2026-01-01T00:00:00Z] [-o FILE]")
	}
	fs := flag.NewFlagSet("audit export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	since := fs.String("since", "", "only events at or after this time (RFC 3339)")
	out := fs.String("o", "", "write to this file instead of standard output")
	cfg, err := config.Load(fs, args[1:], getenv)
	if err != nil {
		return err
	}
	var from *time.Time
	if *since != "" {
		t, err := time.Parse(time.RFC3339, *since)
		if err != nil {
			return fmt.Errorf("-since: %q is not a time such as 2026-01-01T00:00:00Z", *since)
		}
		from = &t
	}
	level, _ := cfg.SlogLevel()
	db, closeDB, err := connect(ctx, cfg, newLogger(stderr, level))
	if err != nil {
		return err
	}
	defer closeDB()
	events, err := db.AuditEvents(ctx, from)
	if err != nil {
		return err
	}
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	enc := json.NewEncoder(w)
	for _, e := range events {
		if err := enc.Encode(map[string]any{"id": e.ID, "at": e.At.UTC().Format(time.RFC3339Nano), "actor": e.Actor, "actorName": e.ActorName,
			"via": e.Via, "organisation": e.Organisation, "role": e.Access, "operation": e.Operation, "subjects": e.Subjects,
			"before": rawOrNil(e.Before), "after": rawOrNil(e.After)}); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "%d audit events\n", len(events))
	return nil
}

func rawOrNil(s string) any {
	if s == "" {
		return nil
	}
	return json.RawMessage(s)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func when(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format(time.DateOnly)
}
