package io.meshbench.platform.analysis;

/** Quantiles of Student's t distribution, for confidence and prediction intervals. */
final class StudentT {
  /** t(0.975, df) for df = 1..30, from the standard tables. */
  private static final double[] TABLE_975 = {
    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
    2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
    2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423
  };

  /** The normal distribution's 97.5 % quantile: t's limit. */
  private static final double Z_975 = 1.959963984540054;

  private StudentT() {}

  /**
   * t(0.975, df): the half-width of a 95 % interval in standard errors. Beyond the table the
   * Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5) is within 1e-4 of the exact value.
   */
  static double quantile975(int degreesOfFreedom) {
    if (degreesOfFreedom < 1) {
      throw new IllegalArgumentException("degrees of freedom must be at least 1");
    }
    if (degreesOfFreedom <= TABLE_975.length) {
      return TABLE_975[degreesOfFreedom - 1];
    }
    double z = Z_975;
    double z3 = z * z * z;
    double z5 = z3 * z * z;
    double z7 = z5 * z * z;
    double v = degreesOfFreedom;
    return z
        + (z3 + z) / (4 * v)
        + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
        + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
  }

  /**
   * The {@code p} quantile (0.5 < p < 1) for any positive, possibly fractional, degrees of freedom
   * (Welch–Satterthwaite gives fractional ones): the root of {@link #cdf} by bisection, to 1e-9.
   */
  static double quantile(double p, double degreesOfFreedom) {
    if (!(p > 0.5 && p < 1)) {
      throw new IllegalArgumentException("p must be between 0.5 and 1");
    }
    if (!(degreesOfFreedom > 0)) {
      throw new IllegalArgumentException("degrees of freedom must be positive");
    }
    double lo = 0;
    double hi = 1;
    while (cdf(hi, degreesOfFreedom) < p) {
      hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-9; i++) {
      double mid = (lo + hi) / 2;
      if (cdf(mid, degreesOfFreedom) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /** P(T ≤ t) for t ≥ 0: 1 − ½·I(df/(df+t²); df/2, ½), I the regularized incomplete beta. */
  static double cdf(double t, double degreesOfFreedom) {
    double x = degreesOfFreedom / (degreesOfFreedom + t * t);
    double tail = 0.5 * incompleteBeta(x, degreesOfFreedom / 2, 0.5);
    return t >= 0 ? 1 - tail : tail;
  }

  /** I_x(a, b) by the continued fraction of Numerical Recipes (§6.4, modified Lentz). */
  private static double incompleteBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double front =
        Math.exp(
            logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
    if (x < (a + 1) / (a + b + 2)) {
      return front * continuedFraction(x, a, b) / a;
    }
    return 1 - front * continuedFraction(1 - x, b, a) / b;
  }

  private static double continuedFraction(double x, double a, double b) {
    double tiny = 1e-300;
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    d = Math.abs(d) < tiny ? tiny : d;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 300; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 + aa * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      h *= d * c;
      aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 + aa * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-15) {
        break;
      }
    }
    return h;
  }

  /** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). */
  private static double logGamma(double x) {
    double[] g = {
      0.99999999999980993,
      676.5203681218851,
      -1259.1392167224028,
      771.32342877765313,
      -176.61502916214059,
      12.507343278686905,
      -0.13857109526572012,
      9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double y = x - 1;
    double sum = g[0];
    for (int i = 1; i < 9; i++) {
      sum += g[i] / (y + i);
    }
    double t = y + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
