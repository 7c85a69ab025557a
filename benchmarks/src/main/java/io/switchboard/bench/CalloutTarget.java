package io.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One registered Autotask webhook of the benchmark: where its callouts go and how they are signed. The body has
 * the shape of the sandbox's (and Autotask's) ticket callouts; (GUID, SequenceNumber) makes each one a distinct event.
 *
 * @param path   callout path on the ingest service, including the connection's token
 * @param secret the webhook's secret key
 * @param guid   the webhook's GUID as Autotask sends it
 */
record CalloutTarget(String path, String secret, String guid) {

    record Callout(byte[] body, String signature) {
    }

    /**
     * An EventTime of now, written as the vendor sandbox's sender writes Autotask's. Events must be recent: older ones
     * than the deduplication window are refused.
     */
    static String eventTimeNow() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** One line of the file the wrk script reads. */
    String line() {
        return path + "\t" + secret + "\t" + guid;
    }

    Callout callout(long sequence, int ticketId) {
        String status = String.valueOf(new int[] {1, 5, 8, 7}[(int) (sequence % 4)]);
        byte[] body = ("{\"Action\":\"Update\",\"Guid\":\"" + guid + "\",\"EntityType\":\"Ticket\",\"Id\":" + ticketId
                + ",\"Fields\":{\"Status\":\"" + status + "\",\"Title\":\"Printer offline \\u00e9 #" + ticketId
                + "\"},\"EventTime\":\"" + eventTimeNow() + "\",\"SequenceNumber\":" + sequence
                + ",\"PersonID\":29682810}").getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return new Callout(body, "sha1=" + Base64.getEncoder().encodeToString(mac.doFinal(body)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
