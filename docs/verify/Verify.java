// Checks Herald's X-Clab-Hmac-Signature (the DM Hub scheme) over the raw body a receiver got.
// Usage (Java 17+, no compile step): java Verify.java <secret> <body-file> <X-Clab-Hmac-Signature> [<X-Clab-Hmac-Signature-New>]
// Prints "valid" (exit 0) or "invalid" (exit 1). The algorithm: ../signatures.md.

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class Verify {
    /** Lowercase hex HMAC-SHA256(secret, body without Java whitespace): what DM Hub's receivers compute. */
    static String dmhubSignature(String secret, byte[] rawBody) throws Exception {
        // \s is [ \t\n\x0B\f\r] (no UNICODE_CHARACTER_CLASS): U+3000 and U+00A0 stay.
        String signed = new String(rawBody, StandardCharsets.UTF_8).replaceAll("\\s+", "");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    /** True when one of the header values matches (during a secret rotation Herald sends two). */
    static boolean verify(String secret, byte[] rawBody, String... headerValues) throws Exception {
        byte[] expected = dmhubSignature(secret, rawBody).getBytes(StandardCharsets.US_ASCII);
        for (String value : headerValues) {
            byte[] got = value.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, got)) return true;
        }
        return false;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java Verify.java <secret> <body-file> <X-Clab-Hmac-Signature> [<X-Clab-Hmac-Signature-New>]");
            System.exit(2);
        }
        byte[] rawBody = Files.readAllBytes(Path.of(args[1]));
        boolean ok = verify(args[0], rawBody, Arrays.copyOfRange(args, 2, args.length));
        System.out.println(ok ? "valid" : "invalid");
        System.exit(ok ? 0 : 1);
    }
}
