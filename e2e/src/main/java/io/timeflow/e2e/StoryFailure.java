package io.timeflow.e2e;

/** A service answered otherwise than the story expects. */
public class StoryFailure extends AssertionError {

    public StoryFailure(String message) {
        super(message);
    }

    static void expect(boolean condition, String what, Object answer) {
        if (!condition) {
            throw new StoryFailure("expected " + what + "; the service answered: " + answer);
        }
    }
}
