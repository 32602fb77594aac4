package io.streamscope.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads scenario files (JSON) into runnable jobs, with precise errors. The format is described in
 * {@code src-docs/scenario-format.md}; every problem is a {@link ScenarioException} naming the file, the JSON
 * path and what was expected there.
 */
public final class ScenarioLoader {
    // strict JSON: a repeated field would otherwise silently win over the first, a trailing token be ignored
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ScenarioLoader() {
    }

    /** Loads a scenario file; errors name the file as given. */
    public static LoadedScenario load(Path file) throws ScenarioException {
        String name = file.toString();
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(name, "$", "no such file");
        } catch (CharacterCodingException e) {
            throw new ScenarioException(name, "$", "the file is not UTF-8 text");
        } catch (IOException e) {
            throw new ScenarioException(name, "$", "cannot read the file: " + e);
        }
        return load(name, json);
    }

    /** Loads a scenario from its text; {@code fileNameForMessages} is the file errors name. */
    public static LoadedScenario load(String fileNameForMessages, String json) throws ScenarioException {
        JsonNode root = parse(fileNameForMessages, json);
        return new ScenarioReader(fileNameForMessages).read(root);
    }

    private static JsonNode parse(String file, String json) throws ScenarioException {
        if (json.isBlank()) {
            throw new ScenarioException(file, "$", "the file is empty; expected a JSON object describing a scenario");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null || loc.getLineNr() < 0 ? ""
                    : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ScenarioException(file, "$", "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
    }
}
