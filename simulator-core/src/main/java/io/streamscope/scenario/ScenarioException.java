package io.streamscope.scenario;

/** A scenario file that cannot be used: names the file, the JSON path and what was expected there. */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final String jsonPath;
    private final String problem;

    public ScenarioException(String file, String jsonPath, String problem) {
        super(file + ": at " + jsonPath + ": " + problem);
        this.file = file;
        this.jsonPath = jsonPath;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** Where in the document, as a JSON path such as {@code $.job.operators[2].window.size}. */
    public String jsonPath() {
        return jsonPath;
    }

    /** What was wrong or expected. */
    public String problem() {
        return problem;
    }
}
