package io.streamscope.app.dictation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The corpus tokenizer and the ARPA model built from it, on texts small enough to work out by hand. */
class LanguageModelBuilderTest {
    private static final Set<String> KNOWN = Set.of("the", "watermark", "is", "for", "bounded", "out", "of",
            "orderness", "a", "window", "fires", "key", "by", "flink's");

    @Test
    void sentencesAreLowerCaseWordsWithIdentifiersSplitAndUnknownWordsBreakingThem() {
        List<List<String>> s = CorpusText.sentences("The **watermark** is `forBoundedOutOfOrderness`. "
                + "A window fires 4999 ms after keyBy\n- Flink’s window [fires](https://flink.apache.org)", KNOWN::contains);
        // "ms" and "after" are not known, and a number, a full stop and a line break end a sentence too
        assertThat(s).containsExactly(
                List.of("the", "watermark", "is", "for", "bounded", "out", "of", "orderness"),
                List.of("a", "window", "fires"),
                List.of("key", "by"),
                List.of("flink's", "window", "fires"));
    }

    @Test
    void probabilitiesFollowAbsoluteDiscountingAndEachHistorySumsToOne() {
        LanguageModelBuilder b = new LanguageModelBuilder();
        b.add(List.of("a", "b"));
        b.add(List.of("a", "c"));
        b.add(List.of("a", "b"));
        Map<String, double[]> arpa = parse(b.toArpa());
        // predicted tokens: a a a b c b </s> </s> </s> = 9; P(a) = 3/9, P(b) = 2/9, P(c) = 1/9, P(</s>) = 3/9
        assertThat(p(arpa, "a")).isCloseTo(3.0 / 9, within(1e-3));
        assertThat(p(arpa, "b")).isCloseTo(2.0 / 9, within(1e-3));
        // after "a": b twice, c once -> (2 - 0.5) / 3 and (1 - 0.5) / 3; one count of the three is left over
        assertThat(p(arpa, "a b")).isCloseTo(1.5 / 3, within(1e-3));
        assertThat(p(arpa, "a c")).isCloseTo(0.5 / 3, within(1e-3));
        // the left-over 1/3 goes to the words not seen after "a" (a and </s>) in proportion to their unigrams
        double alpha = (1.0 / 3) / (1 - 2.0 / 9 - 1.0 / 9);
        assertThat(backoff(arpa, "a")).isCloseTo(alpha, within(1e-3));
        double sum = p(arpa, "a b") + p(arpa, "a c") + alpha * (p(arpa, "a") + p(arpa, "</s>"));
        assertThat(sum).isCloseTo(1.0, within(1e-3));
        // trigram "<s> a b": twice of three after "<s> a"
        assertThat(p(arpa, "<s> a b")).isCloseTo(1.5 / 3, within(1e-3));
    }

    @Test
    void theSameSentencesGiveTheSameFile() {
        LanguageModelBuilder x = new LanguageModelBuilder();
        LanguageModelBuilder y = new LanguageModelBuilder();
        for (List<String> s : List.of(List.of("a", "b", "c"), List.of("c", "b"), List.of("b", "a", "c"))) {
            x.add(s);
        }
        for (List<String> s : List.of(List.of("b", "a", "c"), List.of("a", "b", "c"), List.of("c", "b"))) {
            y.add(s);
        }
        assertThat(x.toArpa()).isEqualTo(y.toArpa()).startsWith("\\data\\\nngram 1=5\n");
    }

    private static double p(Map<String, double[]> arpa, String ngram) {
        assertThat(arpa).containsKey(ngram);
        return Math.pow(10, arpa.get(ngram)[0]);
    }

    private static double backoff(Map<String, double[]> arpa, String ngram) {
        return Math.pow(10, arpa.get(ngram)[1]);
    }

    /** n-gram -> {log10 p, log10 backoff (0 when absent)}. */
    private static Map<String, double[]> parse(String arpa) {
        Map<String, double[]> m = new HashMap<>();
        int order = 0;
        for (String line : arpa.split("\n")) {
            if (line.matches("\\\\\\d-grams:")) {
                order = line.charAt(1) - '0';
                continue;
            }
            if (order == 0 || line.isBlank() || line.startsWith("\\")) {
                continue;
            }
            String[] f = line.split(" ");
            String ngram = String.join(" ", java.util.Arrays.copyOfRange(f, 1, 1 + order));
            double bo = f.length > 1 + order ? Double.parseDouble(f[1 + order]) : 0;
            m.put(ngram, new double[] {Double.parseDouble(f[0]), bo});
        }
        return m;
    }
}
