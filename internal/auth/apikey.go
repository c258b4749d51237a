package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// KeyPrefix starts every API key, so that a key is recognised in a header (and by secret scanners).
const KeyPrefix = "ssk_"

// NewKey returns a new API key: the secret to give to its user once, the hash to store (the only
// form the database holds), and an ID that names the key without revealing it.
func NewKey() (secret, hash, id string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("auth: no randomness: " + err.Error())
	}
	secret = KeyPrefix + base64.RawURLEncoding.EncodeToString(b)
	hash = HashKey(secret)
	return secret, hash, "key-" + hash[:12]
}

// HashKey returns the stored form of a key: its SHA-256. The key is 256 random bits, so a plain
// hash is enough; a slow password hash would only slow every request down.
func HashKey(secret string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(secret)))
	return hex.EncodeToString(sum[:])
}
