package dev.tpm2j.core.commands;

/** The empty response of commands that return no parameters. */
public record NoResponse() {
    public static final NoResponse INSTANCE = new NoResponse();
}
