package io.streamscope.app.dictation;

/** Lets the app's TestFX tests score a dictated text against the test recording. */
public final class SpeechModelTestAccess {
    private SpeechModelTestAccess() {
    }

    /** Word errors of {@code heard} against what watermark-answer.wav says. */
    public static int wordErrors(String heard) {
        return SpeechModelTest.wordErrors(SpeechModelTest.SAID, heard);
    }
}
