package io.streamscope.app.dictation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code streamscope.dictation.input} property: which audio source it gives, and a value that is no path. */
class DictationInputPropertyTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(DictationControl.INPUT_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(DictationControl.INPUT_PROPERTY);
        } else {
            System.setProperty(DictationControl.INPUT_PROPERTY, before);
        }
    }

    @Test
    void unsetOrBlankMeansTheMicrophone() {
        System.clearProperty(DictationControl.INPUT_PROPERTY);
        assertThat(DictationControl.defaultSource().describe()).isEqualTo("the microphone");
        System.setProperty(DictationControl.INPUT_PROPERTY, "  ");
        assertThat(DictationControl.defaultSource().describe()).isEqualTo("the microphone");
    }

    @Test
    void aFileNameMeansThatFile() {
        System.setProperty(DictationControl.INPUT_PROPERTY, Path.of("answers", "c1.wav").toString());
        assertThat(DictationControl.defaultSource().describe()).isEqualTo("c1.wav");
    }

    @Test
    void aValueThatIsNoPathFailsWhenOpenedWithTheProperty() {
        // a NUL character is not allowed in a path on any platform
        System.setProperty(DictationControl.INPUT_PROPERTY, "answer\0.wav");
        AudioSource s = DictationControl.defaultSource();
        assertThatThrownBy(s::open)
                .isInstanceOf(DictationUnavailableException.class)
                .hasMessageStartingWith("-Dstreamscope.dictation.input is not a file path: ")
                .hasMessageContaining("Nul character not allowed");
    }
}
