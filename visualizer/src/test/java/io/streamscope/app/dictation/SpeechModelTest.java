package io.streamscope.app.dictation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscope.app.ContentDirs;
import io.streamscope.question.QuestionBank;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.TargetDataLine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recognition of a committed recording ("the watermark is the maximum timestamp minus the out of orderness",
 * synthesised with flite's rms voice, see watermark-answer.txt) with the model built from the real question bank
 * and lessons, through the model directly and through the {@link Dictation} service.
 */
class SpeechModelTest {
    static final String WAV = "/io/streamscope/app/dictation/watermark-answer.wav";
    /** The phones of the acoustic model (its mdef file): CMU's 39 phones and silence. */
    private static final Set<String> PHONES = Set.of("AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH",
            "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S",
            "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH");

    private static SpeechModel model;
    private static long loadMillis;

    @BeforeAll
    static void loadModel() throws Exception {
        long t0 = System.nanoTime();
        model = SpeechModel.load(Corpus.of(QuestionBank.load(ContentDirs.find("question-bank"))));
        loadMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    /** What the recording says. */
    static final String SAID = "the watermark is the maximum timestamp minus the out of orderness";

    /** Words substituted, inserted or deleted between what was said and what was heard (edit distance). */
    static int wordErrors(String said, String heard) {
        String[] a = said.split(" ");
        String[] b = heard.isBlank() ? new String[0] : heard.split(" ");
        int[][] d = new int[a.length + 1][b.length + 1];
        for (int i = 0; i <= a.length; i++) {
            for (int j = 0; j <= b.length; j++) {
                d[i][j] = i == 0 ? j : j == 0 ? i : Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + (a[i - 1].equals(b[j - 1]) ? 0 : 1));
            }
        }
        return d[a.length][b.length];
    }

    static Path wav() throws Exception {
        return Path.of(SpeechModelTest.class.getResource(WAV).toURI());
    }

    @Test
    void theRecordedAnswerIsRecognisedWordForWord() throws Exception {
        List<String> heard = new ArrayList<>();
        long t0 = System.nanoTime();
        try (InputStream pcm = AudioSource.wavFile(wav()).open()) {
            model.transcribe(pcm, heard::add);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("dictation: model loaded in " + loadMillis + " ms (" + model.words()
                + " words); 5.3 s of audio recognised in " + ms + " ms");
        String text = String.join(" ", heard);
        // the Flink words that general English models split ("water mark", "time stamp") or miss ("orderness")
        assertThat(text).contains("watermark", "maximum timestamp", "out of orderness");
        // word for word today; one slip of eleven words is allowed, so that new questions and lessons (which
        // change the language model) do not break the test unless recognition really gets worse
        assertThat(wordErrors(SAID, text)).as(text).isLessThanOrEqualTo(1);
    }

    @Test
    void theServiceHandsOnUtterancesAndEndsIdle() throws Exception {
        Dictation d = new Dictation(List::of, Runnable::run, model);
        List<String> heard = new CopyOnWriteArrayList<>();
        List<Dictation.State> states = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        d.start(AudioSource.wavFile(wav()), new Dictation.Listener() {
            @Override
            public void status(Dictation.Status s) {
                states.add(s.state());
                if (s.state() == Dictation.State.IDLE) {
                    done.countDown();
                }
            }

            @Override
            public void utterance(String text) {
                heard.add(text);
            }
        });
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(String.join(" ", heard)).contains("watermark", "timestamp");
        // the model was given, so no loading step: opening, listening, idle
        assertThat(states).containsExactly(Dictation.State.LOADING, Dictation.State.LISTENING, Dictation.State.IDLE);
        assertThat(d.active()).isFalse();
    }

    @Test
    void aCancelledSessionHandsNothingOn() throws Exception {
        Dictation d = new Dictation(List::of, Runnable::run, model);
        List<String> heard = new CopyOnWriteArrayList<>();
        d.start(AudioSource.wavFile(wav()), new Dictation.Listener() {
            @Override
            public void status(Dictation.Status s) {
            }

            @Override
            public void utterance(String text) {
                heard.add(text);
            }
        });
        d.cancel();
        assertThat(d.active()).isFalse();
        // a new session on the same thread runs after the cancelled one has ended
        CountDownLatch done = new CountDownLatch(1);
        d.start(AudioSource.wavFile(wav()), new Dictation.Listener() {
            @Override
            public void status(Dictation.Status s) {
                if (s.state() == Dictation.State.IDLE) {
                    done.countDown();
                }
            }

            @Override
            public void utterance(String text) {
            }
        });
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(heard).isEmpty();
    }

    @Test
    void everyFlinkWordIsSpelledInTheAcousticModelsPhones() throws Exception {
        Map<String, List<String>> words = PronouncingDictionary.flinkWords();
        assertThat(words).containsKeys("timestamp", "subtask", "savepoint", "backpressure", "orderness");
        words.forEach((w, ps) -> ps.forEach(p -> assertThat(List.of(p.split(" "))).as(w).isSubsetOf(PHONES)));
        PronouncingDictionary all = PronouncingDictionary.load();
        // CMU's dictionary has these already; the Flink list adds what it lacks
        assertThat(all.contains("watermark")).isTrue();
        assertThat(all.contains("checkpoint")).isTrue();
        assertThat(all.contains("timestamp")).isTrue();
    }

    @Test
    void aWavFileInAnotherFormatIsConvertedAndAFileThatIsNoAudioIsRefused(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path f = dir.resolve("stereo44k.wav");
        javax.sound.sampled.AudioFormat stereo = new javax.sound.sampled.AudioFormat(44_100f, 16, 2, true, false);
        byte[] silence = new byte[44_100 * 4 * 2]; // 2 s, 4 bytes a frame
        AudioSystem.write(new javax.sound.sampled.AudioInputStream(new java.io.ByteArrayInputStream(silence), stereo,
                silence.length / 4), javax.sound.sampled.AudioFileFormat.Type.WAVE, f.toFile());
        try (InputStream in = AudioSource.wavFile(f).open()) {
            // Java Sound resamples to 16 kHz mono: 2 s are 32,000 samples of 2 bytes (give or take the filter's edge)
            assertThat((double) in.readAllBytes().length).isCloseTo(64_000, org.assertj.core.api.Assertions.within(400.0));
        }
        Path text = dir.resolve("notes.wav");
        java.nio.file.Files.writeString(text, "not audio");
        assertThatThrownBy(() -> AudioSource.wavFile(text).open())
                .isInstanceOf(DictationUnavailableException.class)
                .hasMessageStartingWith("Cannot read the audio file " + text);
        assertThatThrownBy(() -> AudioSource.wavFile(dir.resolve("missing.wav")).open())
                .isInstanceOf(DictationUnavailableException.class).hasMessageContaining("missing.wav");
    }

    @Test
    void withoutAMicrophoneOpeningSaysSo() {
        DataLine.Info info = new DataLine.Info(TargetDataLine.class, AudioSource.FORMAT);
        Assumptions.assumeFalse(AudioSystem.isLineSupported(info), "this machine has a microphone");
        assertThatThrownBy(() -> AudioSource.microphone().open())
                .isInstanceOf(DictationUnavailableException.class)
                .hasMessageStartingWith(MicrophoneSource.NO_MICROPHONE)
                .hasMessageEndingWith("You can still type your answer.");
    }
}
