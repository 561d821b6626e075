package io.timeflow.bench;

import java.util.Locale;

/**
 * One line of the table: a figure, its anchor (measured in the same run, or the suite's previous figure) and their
 * ratio, oriented so that above 1 is better than the anchor.
 *
 * @param key          stable name, used to find the previous figure
 * @param what         what was measured, in words
 * @param value        the figure
 * @param unit         its unit
 * @param higherBetter whether more is better (throughput) or less (time, memory)
 * @param detail       the figure with its companions (p50, p99, sizes)
 * @param anchor       what it is compared with, in words, or null
 * @param anchorValue  the anchor's figure in the same unit, or NaN
 * @param target       the goal, in words
 */
record Row(String key, String what, double value, String unit, boolean higherBetter, String detail, String anchor,
        double anchorValue, String target) {

    Row withAnchor(String anchor, double anchorValue) {
        return new Row(key, what, value, unit, higherBetter, detail, anchor, anchorValue, target);
    }

    /** Above 1: better than the anchor (faster, more per second, less memory). NaN without an anchor. */
    double ratio() {
        if (Double.isNaN(anchorValue) || anchorValue <= 0 || value <= 0) {
            return Double.NaN;
        }
        return higherBetter ? value / anchorValue : anchorValue / value;
    }

    String ratioText() {
        double r = ratio();
        return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.2f×", r);
    }

    static String fmt(double v, String unit) {
        if (Double.isNaN(v)) {
            return "-";
        }
        String number = Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
                : Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        return number + " " + unit;
    }
}
