package io.meshbench.platform.analysis.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A line chart as inline SVG, with no script: axes, ticks, one polyline per series, a legend and
 * optional vertical markers (the knee of a search). Coordinates are computed here, so the file
 * draws the same in any browser and in mail clients that render SVG.
 *
 * <p>A NaN y is a gap: the series' line breaks there and goes on after it as a new polyline (of the
 * same class, colour and title), so a missing figure never draws as 0. A series is one polyline per
 * run of figures between gaps; a run of one point is also drawn as a dot.
 *
 * <p>The x axis may carry its own transform (the percentile spectrum's log scale of 1/(1−p)):
 * points are given in transformed units, ticks with their labels.
 */
public final class SvgChart {
  static final String[] COLOURS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"
  };
  private static final int WIDTH = 720;
  private static final int HEIGHT = 300;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 28;
  private static final int BOTTOM = 44;

  /** One line: its name and its points (x in chart units; a NaN y is a gap). */
  public record Series(String name, double[] xs, double[] ys) {}

  /** A labelled tick on the x axis, in chart units. */
  public record Tick(double x, String label) {}

  /** A vertical line with a label, in chart units. */
  public record Marker(double x, String label) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private final List<Tick> xTicks = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();
  private boolean pointsOnly;

  public SvgChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  public SvgChart add(Series s) {
    series.add(s);
    return this;
  }

  public SvgChart xTick(double x, String label) {
    xTicks.add(new Tick(x, label));
    return this;
  }

  public SvgChart marker(double x, String label) {
    markers.add(new Marker(x, label));
    return this;
  }

  /** Draw dots as well as lines (for few points, such as search steps). */
  public SvgChart withPoints() {
    pointsOnly = true;
    return this;
  }

  public String render() {
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = 0;
    for (Series s : series) {
      for (int i = 0; i < s.xs().length; i++) {
        minX = Math.min(minX, s.xs()[i]);
        maxX = Math.max(maxX, s.xs()[i]);
        if (!Double.isNaN(s.ys()[i])) {
          maxY = Math.max(maxY, s.ys()[i]);
        }
      }
    }
    for (Tick t : xTicks) {
      minX = Math.min(minX, t.x());
      maxX = Math.max(maxX, t.x());
    }
    for (Marker m : markers) {
      minX = Math.min(minX, m.x());
      maxX = Math.max(maxX, m.x());
    }
    StringBuilder svg = new StringBuilder(4096);
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT));
    svg.append("<title>").append(HtmlReport.escape(title)).append("</title>\n");
    svg.append(text(WIDTH / 2.0, 16, title, "middle", "font-size=\"13\" font-weight=\"bold\""));
    if (series.isEmpty() || Double.isInfinite(minX)) {
      svg.append(text(WIDTH / 2.0, HEIGHT / 2.0, "no data", "middle", ""));
      return svg.append("</svg>\n").toString();
    }
    if (maxX == minX) {
      maxX = minX + 1;
    }
    double yTop = niceCeiling(maxY);
    double x0 = minX;
    double x1 = maxX;
    DoubleFunction<Double> px = x -> LEFT + (x - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
    DoubleFunction<Double> py = y -> HEIGHT - BOTTOM - y / yTop * (HEIGHT - TOP - BOTTOM);
    // Axes and y grid.
    svg.append(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#333"));
    svg.append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#333"));
    for (int i = 0; i <= 4; i++) {
      double y = yTop * i / 4;
      double at = py.apply(y);
      svg.append(line(LEFT, at, WIDTH - RIGHT, at, "#eee"));
      svg.append(text(LEFT - 6, at + 4, number(y), "end", ""));
    }
    List<Tick> ticks = xTicks.isEmpty() ? defaultTicks(x0, x1) : xTicks;
    for (Tick t : ticks) {
      double at = px.apply(t.x());
      svg.append(line(at, HEIGHT - BOTTOM, at, HEIGHT - BOTTOM + 4, "#333"));
      svg.append(text(at, HEIGHT - BOTTOM + 16, t.label(), "middle", ""));
    }
    svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 8, xLabel, "middle", ""));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 14 %.1f)\">%s"
                + "</text>%n",
            (TOP + HEIGHT - BOTTOM) / 2.0,
            (TOP + HEIGHT - BOTTOM) / 2.0,
            HtmlReport.escape(yLabel)));
    for (Marker m : markers) {
      double at = px.apply(m.x());
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"marker\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\""
                  + " stroke-dasharray=\"4 3\"/>%n",
              at,
              TOP,
              at,
              HEIGHT - BOTTOM));
      svg.append(text(at + 4, TOP + 10, m.label(), "start", "font-weight=\"bold\""));
    }
    for (int s = 0; s < series.size(); s++) {
      Series line = series.get(s);
      String colour = COLOURS[s % COLOURS.length];
      for (List<Integer> run : runs(line.ys())) {
        StringBuilder points = new StringBuilder();
        for (int i : run) {
          points.append(
              String.format(
                  Locale.ROOT, "%.1f,%.1f ", px.apply(line.xs()[i]), py.apply(line.ys()[i])));
        }
        svg.append(
            String.format(
                Locale.ROOT,
                "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\""
                    + " points=\"%s\"><title>%s</title></polyline>%n",
                colour,
                points.toString().trim(),
                HtmlReport.escape(line.name())));
        if (run.size() == 1 && !pointsOnly) { // a lone figure: a line of one point shows nothing
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\"/>%n",
                  px.apply(line.xs()[run.get(0)]),
                  py.apply(line.ys()[run.get(0)]),
                  colour));
        }
      }
      if (pointsOnly) {
        for (int i = 0; i < line.xs().length; i++) {
          if (Double.isNaN(line.ys()[i])) {
            continue;
          }
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                  px.apply(line.xs()[i]),
                  py.apply(line.ys()[i]),
                  colour));
        }
      }
      double legendY = TOP + 12 + s * 14;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%.1f\" width=\"10\" height=\"3\" fill=\"%s\"/>%n",
              LEFT + 10,
              legendY - 4,
              colour));
      svg.append(text(LEFT + 24, legendY, line.name(), "start", ""));
    }
    return svg.append("</svg>\n").toString();
  }

  /** The indexes of the figures in {@code ys}, in runs between gaps (NaN); no run is empty. */
  static List<List<Integer>> runs(double[] ys) {
    List<List<Integer>> runs = new ArrayList<>();
    List<Integer> run = new ArrayList<>();
    for (int i = 0; i < ys.length; i++) {
      if (Double.isNaN(ys[i])) {
        if (!run.isEmpty()) {
          runs.add(run);
          run = new ArrayList<>();
        }
      } else {
        run.add(i);
      }
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    return runs;
  }

  private static List<Tick> defaultTicks(double x0, double x1) {
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i <= 5; i++) {
      double x = x0 + (x1 - x0) * i / 5;
      ticks.add(new Tick(x, number(x)));
    }
    return ticks;
  }

  /** 1, 2 or 5 times a power of ten, at least {@code v}: readable axis tops. */
  static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= v) {
        return m * power;
      }
    }
    return 10 * power;
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    return Math.abs(v) >= 10
        ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
        x1,
        y1,
        x2,
        y2,
        colour);
  }

  private static String text(double x, double y, String s, String anchor, String extra) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>%n",
        x,
        y,
        anchor,
        extra,
        HtmlReport.escape(s));
  }
}
