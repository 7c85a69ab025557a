package io.switchboard.credential.service;

import java.util.List;

/**
 * A request the API refuses, naming each offending field. 400 when the body is not JSON or a value has the wrong
 * JSON type, 422 when it is well-formed but not acceptable. Messages never quote a submitted value.
 */
public class InvalidInputException extends RuntimeException {

    public record FieldError(String field, String message) {
    }

    private final int status;
    private final List<FieldError> errors;

    public InvalidInputException(int status, List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid input"));
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException unprocessable(String field, String message) {
        return new InvalidInputException(422, List.of(new FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
