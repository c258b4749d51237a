package neo4jdb

import (
	"context"
	"errors"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// TestTransactionMemoryIsTheCallersToFix: a transaction that runs out of the database's
// transaction memory is rolled back and reported as too large a request, not as an outage.
func TestTransactionMemoryIsTheCallersToFix(t *testing.T) {
	db := &DB{}
	err := db.classify(context.Background(), &neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError", Msg: "limit reached"})
	if !errors.Is(err, errTransactionMemory) || samenspel.ErrorCode(err) != samenspel.ECodeInvalid {
		t.Errorf("classify: %v", err)
	}
	wrapped := db.classify(context.Background(), &neo4j.TransactionExecutionLimit{Cause: "retries", Errors: []error{&neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError"}}})
	if !errors.Is(wrapped, errTransactionMemory) {
		t.Errorf("after the driver's retries: %v", wrapped)
	}
}
