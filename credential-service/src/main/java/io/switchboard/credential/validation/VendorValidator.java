package io.switchboard.credential.validation;

import io.switchboard.connectors.VendorApiException;
import io.switchboard.connectors.http.VendorUnreachableException;
import io.switchboard.credential.config.CredentialsConfig;
import io.switchboard.credential.security.UrlPolicy;
import io.switchboard.credential.validation.ValidationReport.Cause;
import io.switchboard.credential.validation.ValidationReport.Failure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every vendor's validation shares: the report draft with the vendor's required permissions, the time budget,
 * the SSRF guard on each URL before it is called, and turning what ended the check (a refusal, no answer, the
 * budget) into the report's failure.
 */
abstract class VendorValidator implements ConnectionValidator {

    private final UrlPolicy urlPolicy;
    private final Duration budget;
    private final Clock clock = Clock.systemUTC();

    VendorValidator(UrlPolicy urlPolicy, CredentialsConfig config) {
        this.urlPolicy = urlPolicy;
        this.budget = config.validation().budget();
    }

    /** The permissions the vendor's setup guide requires, in its order. */
    abstract List<Requirement> required();

    /** Discovery, sign-in and the probes; may stop by throwing a connectors exception. */
    abstract void check(Map<String, String> settings, Map<String, String> secrets, ReportDraft report);

    @Override
    public final ValidationReport validate(Map<String, String> settings, Map<String, String> secrets) {
        ReportDraft report = new ReportDraft(required(), clock, budget);
        try {
            check(settings, secrets, report);
        } catch (VendorApiException e) {
            report.fail(e, settings.get("clientId") != null);
        } catch (VendorUnreachableException e) {
            report.fail(e);
        } catch (ReportDraft.OverBudget e) {
            report.overBudget();
        } catch (UrlRefused e) {
            report.fail(Failure.UNREACHABLE, Cause.URL_REFUSED, e.getMessage(), null);
        }
        return report.build();
    }

    /**
     * The URL, once more through the SSRF guard right before it is called (the name may resolve elsewhere than when
     * it was saved, and discovered URLs were never checked).
     */
    String guarded(String what, String url) {
        Optional<String> problem = urlPolicy.problem(url);
        if (problem.isPresent()) {
            throw new UrlRefused(what + " " + url + " was not called: it " + problem.get());
        }
        return url;
    }

    private static final class UrlRefused extends RuntimeException {
        UrlRefused(String message) {
            super(message, null, false, false);
        }
    }
}
