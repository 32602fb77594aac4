package io.streamscope.app.dictation;

import edu.cmu.sphinx.api.AbstractSpeechRecognizer;
import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.util.TimeFrame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * CMU Sphinx4 loaded once: the US-English acoustic model of sphinx4-data, a dictionary and a trigram model
 * built from the Flink texts of the app ({@link LanguageModelBuilder}). Loading takes seconds, so it happens on
 * first use, off the UI thread. One model decodes one audio stream at a time; {@link Dictation} makes sure of it.
 */
public final class SpeechModel {
    static final String ACOUSTIC_MODEL = "resource:/edu/cmu/sphinx/models/en-us/en-us";
    /** The sample format the acoustic model was trained on: 16 kHz, 16-bit, mono, signed, little-endian. */
    public static final float SAMPLE_RATE = 16_000f;

    /**
     * Sphinx's settings for a vocabulary of a few thousand words: a narrower beam than its default (20,000 paths,
     * made for 130,000 words) decodes three times faster with the same words recognised on the test recordings;
     * and quiet logs.
     */
    static final java.util.Map<String, String> TUNING = java.util.Map.of("logLevel", "WARNING", "absoluteBeamWidth", "2000");

    /**
     * Sphinx names its loggers after the configuration file ({@code streamscope-sphinx.<component>}) and sets the
     * parent's level without keeping it; a logger nobody holds is collected with its level, and the components
     * would log at INFO again. This reference keeps it.
     */
    private static final String CONFIG_NAME = "streamscope-sphinx";
    private static final Logger SPHINX_LOGS = Logger.getLogger(CONFIG_NAME);

    private final Decoder decoder;
    private final int words;

    private SpeechModel(Decoder decoder, int words) {
        this.decoder = decoder;
        this.words = words;
    }

    /**
     * Builds the dictionary and the language model from {@code texts} (markdown of questions, answers and
     * lessons), writes them to a temporary folder, and loads the decoder.
     */
    public static SpeechModel load(List<String> texts) throws IOException {
        PronouncingDictionary dict = PronouncingDictionary.load();
        LanguageModelBuilder lm = new LanguageModelBuilder();
        for (String text : texts) {
            for (List<String> sentence : CorpusText.sentences(text, dict::contains)) {
                lm.add(sentence);
            }
        }
        Path dir = Files.createTempDirectory("streamscope-dictation");
        Path dictFile = dir.resolve("flink.dict");
        Path lmFile = dir.resolve("flink.lm");
        Files.writeString(dictFile, dict.subset(lm.vocabulary()), StandardCharsets.UTF_8);
        Files.writeString(lmFile, lm.toArpa(), StandardCharsets.UTF_8);
        dictFile.toFile().deleteOnExit();
        lmFile.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();

        Configuration c = new Configuration();
        c.setAcousticModelPath(ACOUSTIC_MODEL);
        c.setDictionaryPath(dictFile.toUri().toString());
        // the ".lm" ending makes Sphinx read ARPA text (SimpleNGramModel)
        c.setLanguageModelPath(lmFile.toUri().toString());
        c.setSampleRate((int) SAMPLE_RATE);
        Path config = dir.resolve(CONFIG_NAME + ".xml");
        Files.writeString(config, SphinxConfig.withGlobals(TUNING), StandardCharsets.UTF_8);
        config.toFile().deleteOnExit();
        Context context = new Context(config.toUri().toString(), c);
        SPHINX_LOGS.setLevel(Level.WARNING);
        Decoder decoder = new Decoder(context);
        decoder.allocate();
        return new SpeechModel(decoder, lm.vocabulary().size() - 2);
    }

    /** How many words the model knows. */
    public int words() {
        return words;
    }

    /**
     * Decodes {@code pcm} (raw samples in the format of {@link #SAMPLE_RATE}, no header) until it ends, handing
     * each recognised utterance (words between pauses) to {@code utterance} as soon as it is decoded. Empty
     * utterances (a cough, a click) are not handed on.
     */
    public void transcribe(InputStream pcm, Consumer<String> utterance) {
        decoder.start(pcm);
        SpeechResult r;
        while ((r = decoder.getResult()) != null) {
            if (r.getResult().getBestToken() == null) {
                continue; // a stretch of audio in which no path survived: nothing was said that the model knows
            }
            String text = r.getHypothesis().strip();
            if (!text.isEmpty()) {
                utterance.accept(text);
            }
        }
    }

    /** Sphinx's stream recogniser, allocated once and fed one stream after another. */
    private static final class Decoder extends AbstractSpeechRecognizer {
        Decoder(Context context) throws IOException {
            super(context);
        }

        void allocate() {
            recognizer.allocate();
        }

        void start(InputStream pcm) {
            context.setSpeechSource(pcm, TimeFrame.INFINITE);
        }
    }
}
