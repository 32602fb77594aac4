package io.streamscope.app.dictation;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Offline dictation: listens to an {@link AudioSource} and hands recognised utterances on as they are decoded.
 * The speech model loads on the first {@link #start}, on dictation's own thread, never on the caller's; audio is
 * decoded on that thread too. Every callback runs on the {@code ui} executor (the JavaFX thread in the app), and
 * only for the session that is current: after {@link #cancel} nothing of the old session arrives.
 */
public final class Dictation {
    /** Where a session is. */
    public enum State { IDLE, LOADING, LISTENING, STOPPING }

    /** What the user sees: the state, and a message (a problem when {@code problem} is set). */
    public record Status(State state, String message, boolean problem) {
    }

    /** What a session tells its owner, on the UI executor. */
    public interface Listener {
        /** The session's state changed. */
        void status(Status status);

        /** Words were recognised (one utterance: what was said between two pauses). */
        void utterance(String text);
    }

    private final Supplier<List<String>> corpus;
    private final java.util.concurrent.Executor ui;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "streamscope-dictation");
        t.setDaemon(true);
        return t;
    });
    private volatile SpeechModel model;
    private volatile Session current;

    /**
     * @param corpus the texts the speech model learns its words from (read on first use, on dictation's thread)
     * @param ui     where callbacks run (Platform::runLater in the app)
     */
    public Dictation(Supplier<List<String>> corpus, java.util.concurrent.Executor ui) {
        this.corpus = corpus;
        this.ui = ui;
    }

    /** A service with its model already loaded (tests share one model between sessions). */
    Dictation(Supplier<List<String>> corpus, java.util.concurrent.Executor ui, SpeechModel loaded) {
        this(corpus, ui);
        this.model = loaded;
    }

    /** Starts listening to {@code source}; ignored while a session runs. Call from the UI executor's thread. */
    public void start(AudioSource source, Listener listener) {
        if (current != null) {
            return;
        }
        Session s = new Session(listener);
        current = s;
        s.post(new Status(State.LOADING, "Opening " + source.describe() + "…", false));
        worker.execute(() -> run(s, source));
    }

    /** Stops listening; the utterance in progress is still decoded and handed on. */
    public void stop() {
        Session s = current;
        if (s != null) {
            s.listener.status(new Status(State.STOPPING, "Finishing the last words…", false));
            s.end();
        }
    }

    /** Stops listening and forgets the session: nothing more of it is handed on (a new question was asked). */
    public void cancel() {
        Session s = current;
        if (s != null) {
            current = null;
            s.end();
            s.listener.status(new Status(State.IDLE, "", false));
        }
    }

    /** Whether a session runs. */
    public boolean active() {
        return current != null;
    }

    /** Loudness of the audio being listened to, 0 to 1 (0 when not listening). */
    public double level() {
        Session s = current;
        return s == null ? 0 : s.level();
    }

    private void run(Session s, AudioSource source) {
        try {
            InputStream pcm = source.open();
            if (!s.attach(pcm)) {
                return;
            }
            if (model == null) {
                s.post(new Status(State.LOADING, "Loading the speech model (first use, a few seconds)…", false));
                model = SpeechModel.load(corpus.get());
            }
            if (s.ended()) {
                s.finish(new Status(State.IDLE, "", false));
                return;
            }
            s.post(new Status(State.LISTENING, "Listening to " + source.describe()
                    + "… speak, then pause; the words appear after each pause", false));
            model.transcribe(s.stream, s::deliver);
            s.finish(new Status(State.IDLE, "", false));
        } catch (DictationUnavailableException e) {
            s.finish(new Status(State.IDLE, e.getMessage(), true));
        } catch (IOException | RuntimeException e) {
            s.finish(new Status(State.IDLE, "Dictation failed: " + e, true));
        } finally {
            s.end();
        }
    }

    /** One press of Dictate until the audio ends, is stopped, or is cancelled. */
    private final class Session {
        final Listener listener;
        private volatile MeteredStream stream;
        private volatile boolean ended;

        Session(Listener listener) {
            this.listener = listener;
        }

        /** Takes the opened audio; false (and the audio closed) when the session already ended. */
        synchronized boolean attach(InputStream pcm) {
            stream = new MeteredStream(pcm);
            if (ended) {
                stream.end();
                finish(new Status(State.IDLE, "", false));
                return false;
            }
            return true;
        }

        synchronized void end() {
            ended = true;
            if (stream != null) {
                stream.end();
            }
        }

        boolean ended() {
            return ended;
        }

        double level() {
            MeteredStream m = stream;
            return m == null || ended ? 0 : m.level();
        }

        void post(Status status) {
            onUi(() -> listener.status(status));
        }

        void deliver(String text) {
            onUi(() -> listener.utterance(text));
        }

        /** The last status of the session; after it the session is no longer current. */
        void finish(Status status) {
            ui.execute(() -> {
                if (current == this) {
                    current = null;
                    listener.status(status);
                }
            });
        }

        private void onUi(Runnable r) {
            ui.execute(() -> {
                if (current == this) {
                    r.run();
                }
            });
        }
    }
}
