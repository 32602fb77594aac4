package io.streamscope.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A model of the embedded RocksDB state backend of one keyed operator instance, for incremental checkpoints:
 * writes go to a memtable; a checkpoint's synchronous part flushes it into a new immutable SST file (the key groups
 * that changed since the last flush, at their new value); when level 0 holds {@value #COMPACTION_TRIGGER} files they
 * are compacted into one, which keeps only the newest version of each key group. An incremental checkpoint uploads
 * only the files the last confirmed checkpoint did not have, and shares the rest; its full size is the size of every
 * live file, obsolete versions included until a compaction drops them (RocksDB's space amplification).
 *
 * <p>The memtable is not tracked write by write: what changed since the last flush is found by comparing each key
 * group's serialized state with the version last flushed, which gives the same file contents.
 */
public final class RocksDbModel {
    /** RocksDB's default level0_file_num_compaction_trigger. */
    public static final int COMPACTION_TRIGGER = 4;

    /** An immutable SST file: key group versions and whether a completed checkpoint already holds it. */
    private static final class SstFile {
        final int number;
        final SortedMap<Integer, byte[]> groups;
        final long bytes;
        long uploadedIn = -1;
        boolean confirmed;

        SstFile(int number, SortedMap<Integer, byte[]> groups) {
            this.number = number;
            this.groups = groups;
            long n = 0;
            for (byte[] b : groups.values()) {
                n += b.length;
            }
            this.bytes = n;
        }
    }

    /** What a checkpoint of this instance takes: sizes, files new and shared, whether it compacted. */
    public record Snapshot(long fullBytes, long uploadedBytes, long flushedBytes, int newFiles, int sharedFiles,
                           boolean compacted) {
        /** For traces: "3 SST files: 1 new, 2 shared". */
        public String describe() {
            return (newFiles + sharedFiles) + " SST files: " + newFiles + " new, " + sharedFiles + " shared"
                    + (compacted ? " (compacted)" : "");
        }
    }

    private final List<SstFile> files = new ArrayList<>();
    /** The last flushed version of each key group (an empty array after a deletion). */
    private final Map<Integer, byte[]> flushed = new LinkedHashMap<>();
    private int nextFile = 1;

    /**
     * Starts from restored state: its files are those of the checkpoint restored from, already in checkpoint
     * storage, so the next incremental checkpoint shares them.
     */
    public void restored(SortedMap<Integer, byte[]> keyGroups) {
        if (keyGroups.isEmpty()) {
            return;
        }
        SstFile f = new SstFile(nextFile++, new TreeMap<>(keyGroups));
        f.confirmed = true;
        files.add(f);
        flushed.putAll(keyGroups);
    }

    /** Flushes the memtable for checkpoint {@code checkpointId}, compacts if due, and tells what to upload. */
    public Snapshot snapshot(long checkpointId, SortedMap<Integer, byte[]> keyGroups) {
        TreeMap<Integer, byte[]> changed = new TreeMap<>();
        for (var e : keyGroups.entrySet()) {
            byte[] last = flushed.get(e.getKey());
            if (last == null || !Arrays.equals(last, e.getValue())) {
                changed.put(e.getKey(), e.getValue());
            }
        }
        for (Integer g : new ArrayList<>(flushed.keySet())) {
            if (!keyGroups.containsKey(g) && flushed.get(g).length > 0) {
                changed.put(g, new byte[0]); // a tombstone: the key group's state was cleared
            }
        }
        long flushedBytes = 0;
        if (!changed.isEmpty()) {
            SstFile f = new SstFile(nextFile++, changed);
            files.add(f);
            flushedBytes = f.bytes;
            flushed.putAll(changed);
        }
        boolean compacted = false;
        if (files.size() >= COMPACTION_TRIGGER) {
            TreeMap<Integer, byte[]> merged = new TreeMap<>();
            for (var e : flushed.entrySet()) {
                if (e.getValue().length > 0) {
                    merged.put(e.getKey(), e.getValue());
                }
            }
            files.clear();
            if (!merged.isEmpty()) {
                files.add(new SstFile(nextFile++, merged));
            }
            flushed.entrySet().removeIf(e -> e.getValue().length == 0);
            compacted = true;
        }
        long full = 0;
        long uploaded = 0;
        int newFiles = 0;
        int shared = 0;
        for (SstFile f : files) {
            full += f.bytes;
            if (f.confirmed) {
                shared++;
            } else {
                uploaded += f.bytes;
                newFiles++;
                if (f.uploadedIn < 0) {
                    f.uploadedIn = checkpointId;
                }
            }
        }
        return new Snapshot(full, uploaded, flushedBytes, newFiles, shared, compacted);
    }

    /** A checkpoint completed: the files it uploaded are now in checkpoint storage and shared by later ones. */
    public void checkpointComplete(long checkpointId) {
        for (SstFile f : files) {
            if (f.uploadedIn >= 0 && f.uploadedIn <= checkpointId) {
                f.confirmed = true;
            }
        }
    }

    /** The live SST files as text, for views: "sst-3 (1.2 KB, in storage)". */
    public List<String> describeFiles() {
        List<String> out = new ArrayList<>();
        for (SstFile f : files) {
            out.add("sst-" + f.number + " (" + f.bytes + " bytes, " + f.groups.size() + " key groups"
                    + (f.confirmed ? ", in checkpoint storage)" : ", not yet in a completed checkpoint)"));
        }
        return out;
    }
}
