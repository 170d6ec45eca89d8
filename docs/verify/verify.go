// Checks Herald's X-Clab-Hmac-Signature (the DM Hub scheme) over the raw body a receiver got.
// Usage: go run verify.go <secret> <body-file> <X-Clab-Hmac-Signature> [<X-Clab-Hmac-Signature-New>]
// Prints "valid" (exit 0) or "invalid" (exit 1). The algorithm: ../signatures.md.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
)

// dmhubSignature is the lowercase hex HMAC-SHA256(secret, raw body without Java whitespace).
func dmhubSignature(secret string, rawBody []byte) string {
	// Java's \s on the raw bytes: space, \t, \n, \x0B, \f, \r. UTF-8 never uses these bytes
	// inside a character, so U+3000 and U+00A0 stay, as in DM Hub's replaceAll("\\s+", "").
	signed := make([]byte, 0, len(rawBody))
	for _, b := range rawBody {
		switch b {
		case ' ', '\t', '\n', '\v', '\f', '\r':
		default:
			signed = append(signed, b)
		}
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(signed)
	return hex.EncodeToString(mac.Sum(nil))
}

// verify is true when one of the header values matches (during a secret rotation Herald sends two).
func verify(secret string, rawBody []byte, headerValues []string) bool {
	expected := []byte(dmhubSignature(secret, rawBody))
	for _, value := range headerValues {
		if hmac.Equal(expected, []byte(strings.ToLower(strings.TrimSpace(value)))) {
			return true
		}
	}
	return false
}

func main() {
	if len(os.Args) < 4 {
		fmt.Fprintln(os.Stderr, "usage: go run verify.go <secret> <body-file> <X-Clab-Hmac-Signature> [<X-Clab-Hmac-Signature-New>]")
		os.Exit(2)
	}
	rawBody, err := os.ReadFile(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if verify(os.Args[1], rawBody, os.Args[3:]) {
		fmt.Println("valid")
		os.Exit(0)
	}
	fmt.Println("invalid")
	os.Exit(1)
}
