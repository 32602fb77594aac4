package io.streamscope.checkpoint;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Completed checkpoints and savepoints on disk, laid out as Flink lays them out: one folder per checkpoint
 * ({@code chk-<id>}, or {@code savepoint-<id>}) holding a {@code _metadata} file, here JSON written with Jackson
 * (state bytes in base64). A later run restores from such a folder, or from the directory holding them (then the
 * newest readable one), as Flink's {@code -s} does.
 */
public final class CheckpointFiles {
    /** The name of the metadata file in a checkpoint folder, as in Flink. */
    public static final String METADATA = "_metadata";
    private static final String FORMAT = "streamscope-checkpoint";
    private static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(SerializationFeature.INDENT_OUTPUT, true);

    /** A checkpoint read back, where from, and the newer folders that could not be read (and why). */
    public record Loaded(CompletedCheckpoint checkpoint, Path folder, List<String> skipped) {
    }

    private CheckpointFiles() {
    }

    /** The folder name of a checkpoint: {@code chk-3} or {@code savepoint-3}. */
    public static String folderName(CompletedCheckpoint c) {
        return (c.savepoint() ? "savepoint-" : "chk-") + c.checkpointId();
    }

    /** Writes a checkpoint's folder under {@code dir}; the metadata file appears only once fully written. */
    public static Path write(CompletedCheckpoint c, Path dir) throws IOException {
        Path folder = dir.resolve(folderName(c));
        Files.createDirectories(folder);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("checkpoint", MAPPER.valueToTree(c));
        Path tmp = folder.resolve(METADATA + ".inprogress");
        Files.writeString(tmp, MAPPER.writeValueAsString(root), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, folder.resolve(METADATA), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, folder.resolve(METADATA), StandardCopyOption.REPLACE_EXISTING);
        }
        return folder;
    }

    /** Deletes a checkpoint's folder (a subsumed checkpoint, as Flink discards it). */
    public static void delete(CompletedCheckpoint c, Path dir) throws IOException {
        Path folder = dir.resolve(folderName(c));
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Reads one checkpoint folder (or its {@code _metadata} file); the message says what is wrong. */
    public static CompletedCheckpoint read(Path folderOrFile) throws CheckpointStorageException {
        Path file = Files.isDirectory(folderOrFile) ? folderOrFile.resolve(METADATA) : folderOrFile;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CheckpointStorageException(folderOrFile + ": no " + METADATA + " file; this is not a"
                    + " completed checkpoint (it may have been cut off while being written)");
        } catch (IOException e) {
            throw new CheckpointStorageException(folderOrFile + ": cannot read " + METADATA + ": " + e);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CheckpointStorageException(file + ": corrupt checkpoint metadata (not valid JSON): "
                    + e.getOriginalMessage());
        }
        if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.has("checkpoint")) {
            throw new CheckpointStorageException(file + ": not a Streamscope checkpoint (expected \"format\": \""
                    + FORMAT + "\" and a \"checkpoint\")");
        }
        if (root.path("version").asInt() != VERSION) {
            throw new CheckpointStorageException(file + ": checkpoint format version " + root.path("version")
                    + " is not supported (this engine reads version " + VERSION + ")");
        }
        try {
            return MAPPER.treeToValue(root.get("checkpoint"), CompletedCheckpoint.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new CheckpointStorageException(file + ": corrupt checkpoint metadata: " + e.getMessage());
        }
    }

    /**
     * Loads what to restore from {@code path}: a checkpoint folder (that one, or a clear error), or a checkpoint
     * directory holding {@code chk-<id>} and {@code savepoint-<id>} folders: the newest one that reads, skipping
     * (and reporting) newer ones that do not, as a store of retained checkpoints falls back to the previous one.
     */
    public static Loaded load(Path path) throws CheckpointStorageException {
        if (!Files.exists(path)) {
            throw new CheckpointStorageException(path + ": no such checkpoint directory");
        }
        if (Files.isRegularFile(path) || Files.exists(path.resolve(METADATA)) || idOf(path) >= 0) {
            return new Loaded(read(path), Files.isDirectory(path) ? path : path.getParent(), List.of());
        }
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> s = Files.list(path)) {
            s.filter(p -> Files.isDirectory(p) && idOf(p) >= 0).forEach(folders::add);
        } catch (IOException e) {
            throw new CheckpointStorageException(path + ": cannot list the checkpoint directory: " + e);
        }
        if (folders.isEmpty()) {
            throw new CheckpointStorageException(path + ": holds no checkpoint (no chk-<id> or savepoint-<id>"
                    + " folder, and no " + METADATA + " file)");
        }
        folders.sort(Comparator.comparingLong(CheckpointFiles::idOf).reversed()
                .thenComparing(p -> p.getFileName().toString()));
        List<String> skipped = new ArrayList<>();
        for (Path f : folders) {
            try {
                return new Loaded(read(f), f, skipped);
            } catch (CheckpointStorageException e) {
                skipped.add(e.getMessage());
            }
        }
        throw new CheckpointStorageException(path + ": none of its checkpoints can be read: "
                + String.join("; ", skipped));
    }

    private static long idOf(Path folder) {
        String n = folder.getFileName().toString();
        String digits = n.startsWith("chk-") ? n.substring(4) : n.startsWith("savepoint-") ? n.substring(10) : "";
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 18) {
            return -1;
        }
        return Long.parseLong(digits);
    }
}
