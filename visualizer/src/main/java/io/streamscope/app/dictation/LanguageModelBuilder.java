package io.streamscope.app.dictation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a trigram language model, in the ARPA text format that Sphinx4 reads, from the sentences of the
 * question bank and the lessons. The decoder then expects the words and word sequences of Flink answers
 * ("the watermark is the maximum timestamp") instead of general English, which is what makes dictation of
 * an interview answer usable at all with a small offline model.
 *
 * <p>Smoothing is absolute discounting with back-off (discount {@value #DISCOUNT}): each seen n-gram gives up
 * a fixed count, and the freed probability goes to the shorter history, scaled so that every distribution sums
 * to one. Output is sorted, so the same sentences always give the same file.
 */
public final class LanguageModelBuilder {
    static final String START = "<s>";
    static final String END = "</s>";
    private static final double DISCOUNT = 0.5;
    /** log10 of the probability of {@code <s>} as a predicted word: never predicted. */
    private static final double NEVER = -99;

    private final Map<String, Long> unigrams = new HashMap<>();
    private final Map<String, Long> bigrams = new HashMap<>();
    private final Map<String, Long> trigrams = new HashMap<>();

    /** Counts one sentence (at least one word). */
    public void add(List<String> sentence) {
        List<String> s = new ArrayList<>(sentence.size() + 2);
        s.add(START);
        s.addAll(sentence);
        s.add(END);
        for (int i = 0; i < s.size(); i++) {
            unigrams.merge(s.get(i), 1L, Long::sum);
            if (i >= 1) {
                bigrams.merge(s.get(i - 1) + ' ' + s.get(i), 1L, Long::sum);
            }
            if (i >= 2) {
                trigrams.merge(s.get(i - 2) + ' ' + s.get(i - 1) + ' ' + s.get(i), 1L, Long::sum);
            }
        }
    }

    /** The words seen, {@code <s>} and {@code </s>} included. */
    public java.util.Set<String> vocabulary() {
        return unigrams.keySet();
    }

    /** The model as ARPA text. */
    public String toArpa() {
        if (unigrams.isEmpty()) {
            throw new IllegalStateException("no sentences to build a language model from");
        }
        // unigram probabilities: relative frequency of predicted words (<s> is never predicted)
        long predicted = 0;
        for (var e : unigrams.entrySet()) {
            if (!e.getKey().equals(START)) {
                predicted += e.getValue();
            }
        }
        Map<String, Double> p1 = new TreeMap<>();
        for (var e : unigrams.entrySet()) {
            p1.put(e.getKey(), e.getKey().equals(START) ? 0.0 : (double) e.getValue() / predicted);
        }
        Map<String, Double> p2 = conditional(bigrams);
        Map<String, Double> p3 = conditional(trigrams);
        Map<String, Double> bo1 = backoffWeights(p2, w -> p1.get(w));
        Map<String, Double> bo2 = backoffWeights(p3, hw -> {
            int sp = hw.indexOf(' ');
            String h = hw.substring(0, sp);
            Double p = p2.get(hw);
            return p != null ? p : bo1.getOrDefault(h, 1.0) * p1.get(hw.substring(sp + 1));
        });

        StringBuilder out = new StringBuilder();
        out.append("\\data\\\n");
        out.append("ngram 1=").append(p1.size()).append('\n');
        out.append("ngram 2=").append(p2.size()).append('\n');
        out.append("ngram 3=").append(p3.size()).append("\n\n");
        out.append("\\1-grams:\n");
        for (var e : p1.entrySet()) {
            double lp = e.getKey().equals(START) ? NEVER : Math.log10(e.getValue());
            line(out, lp, e.getKey(), bo1.get(e.getKey()));
        }
        out.append("\n\\2-grams:\n");
        for (var e : new TreeMap<>(p2).entrySet()) {
            line(out, Math.log10(e.getValue()), e.getKey(), bo2.get(e.getKey()));
        }
        out.append("\n\\3-grams:\n");
        for (var e : new TreeMap<>(p3).entrySet()) {
            line(out, Math.log10(e.getValue()), e.getKey(), null);
        }
        out.append("\n\\end\\\n");
        return out.toString();
    }

    private static void line(StringBuilder out, double logProb, String ngram, Double backoff) {
        out.append(String.format(Locale.ROOT, "%.4f", logProb)).append(' ').append(ngram);
        if (backoff != null) {
            out.append(' ').append(String.format(Locale.ROOT, "%.4f", Math.log10(backoff)));
        }
        out.append('\n');
    }

    /** P(w | history) = (count(history w) - D) / count(history ·), for every seen n-gram. */
    private static Map<String, Double> conditional(Map<String, Long> ngrams) {
        Map<String, Long> historyTotal = new HashMap<>();
        for (var e : ngrams.entrySet()) {
            historyTotal.merge(history(e.getKey()), e.getValue(), Long::sum);
        }
        Map<String, Double> p = new HashMap<>();
        for (var e : ngrams.entrySet()) {
            p.put(e.getKey(), (e.getValue() - DISCOUNT) / historyTotal.get(history(e.getKey())));
        }
        return p;
    }

    /**
     * The back-off weight of each history: the probability left over by its seen continuations, divided by the
     * lower-order probability of the continuations it did not see.
     */
    private static Map<String, Double> backoffWeights(Map<String, Double> higher,
                                                      java.util.function.Function<String, Double> lower) {
        Map<String, Double> seenHigher = new HashMap<>();
        Map<String, Double> seenLower = new HashMap<>();
        for (var e : higher.entrySet()) {
            String h = history(e.getKey());
            seenHigher.merge(h, e.getValue(), Double::sum);
            seenLower.merge(h, lower.apply(e.getKey().substring(e.getKey().indexOf(' ') + 1)), Double::sum);
        }
        Map<String, Double> bo = new HashMap<>();
        for (var e : seenHigher.entrySet()) {
            double left = Math.max(1e-9, 1 - e.getValue());
            double unseen = Math.max(1e-9, 1 - seenLower.get(e.getKey()));
            bo.put(e.getKey(), left / unseen);
        }
        return bo;
    }

    private static String history(String ngram) {
        return ngram.substring(0, ngram.lastIndexOf(' '));
    }
}
