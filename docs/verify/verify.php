<?php
// Checks Herald's X-Clab-Hmac-Signature (the DM Hub scheme) over the raw body a receiver got.
// Usage: php verify.php <secret> <body-file> <X-Clab-Hmac-Signature> [<X-Clab-Hmac-Signature-New>]
// Prints "valid" (exit 0) or "invalid" (exit 1). The algorithm: ../signatures.md.
// In a web receiver the raw body is file_get_contents('php://input') and the header
// $_SERVER['HTTP_X_CLAB_HMAC_SIGNATURE'].

/** Lowercase hex HMAC-SHA256(secret, raw body without Java whitespace). */
function dmhub_signature(string $secret, string $rawBody): string
{
    // Java's \s on the raw bytes (no /u flag): space, \t, \n, \x0B, \f, \r. U+3000 and U+00A0 stay.
    return hash_hmac('sha256', preg_replace('/[ \t\n\x0B\f\r]+/', '', $rawBody), $secret);
}

/** True when one of the header values matches (during a secret rotation Herald sends two). */
function verify(string $secret, string $rawBody, array $headerValues): bool
{
    $expected = dmhub_signature($secret, $rawBody);
    foreach ($headerValues as $value) {
        if (hash_equals($expected, strtolower(trim($value)))) {
            return true;
        }
    }
    return false;
}

if ($argc < 4) {
    fwrite(STDERR, "usage: php verify.php <secret> <body-file> <X-Clab-Hmac-Signature> [<X-Clab-Hmac-Signature-New>]\n");
    exit(2);
}
$ok = verify($argv[1], file_get_contents($argv[2]), array_slice($argv, 3));
echo $ok ? "valid\n" : "invalid\n";
exit($ok ? 0 : 1);
