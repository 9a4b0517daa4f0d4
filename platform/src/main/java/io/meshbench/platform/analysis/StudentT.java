package io.meshbench.platform.analysis;

/** Two-sided 95 % quantiles of Student's t distribution, for confidence intervals of a mean. */
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
}
