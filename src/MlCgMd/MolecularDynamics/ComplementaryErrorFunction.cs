namespace MlCgMd.MolecularDynamics;

/// <summary>
/// erfc for the damped shifted-force Coulomb pair term. <see cref="Exact"/> sums a series with
/// positive terms (x &lt; 2) or a continued fraction (x &gt;= 2), to about 1e-15 relative. The pair
/// loop uses <see cref="Scaled"/>: g(x) = erfc(x) exp(x^2), a smooth, slowly varying function
/// tabulated on [0, TableEnd] at spacing 1/128 with g, g', g'' at every node and quintic Hermite
/// interpolation between (interpolation error about 1e-15 relative), so erfc(x) = g(x) exp(-x^2)
/// costs one table lookup beside the exp the force needs anyway. (LAMMPS's lj/cut/coul/dsf uses
/// the Abramowitz-Stegun 7.1.26 polynomial instead, whose absolute error reaches 1.5e-7.)
/// </summary>
public static class ComplementaryErrorFunction
{
    /// <summary>Largest alpha * cutoff the table covers.</summary>
    public const double TableEnd = 6.0;

    private const int NodesPerUnit = 128;
    private const double SeriesEnd = 0.5;
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private static readonly double[] Coefficients = BuildTable(); // [intervals * 6]: c0..c5 of each interval

    /// <summary>erfc(x), about 1e-15 relative for x >= 0; erfc(-x) = 2 - erfc(x).</summary>
    public static double Exact(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return 2.0 - Exact(-x);
        return x < SeriesEnd ? 1.0 - ErfSeries(x) : Math.Exp(-x * x) * ScaledContinuedFraction(x);
    }

    /// <summary>erfc(x) exp(x^2) for 0 &lt;= x &lt;= <see cref="TableEnd"/>, from the table.</summary>
    public static double Scaled(double x)
    {
        double position = x * NodesPerUnit;
        int k = Math.Min((int)position, Coefficients.Length / 6 - 1);
        double t = position - k;
        int c = 6 * k;
        return Coefficients[c] + t * (Coefficients[c + 1] + t * (Coefficients[c + 2] + t * (Coefficients[c + 3] +
               t * (Coefficients[c + 4] + t * Coefficients[c + 5]))));
    }

    /// <summary>erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1 3 5 ... (2n+1)); all terms positive.</summary>
    private static double ErfSeries(double x)
    {
        double term = x, sum = x, x2 = x * x;
        for (int n = 1; n < 200 && term > 1e-17 * sum; n++)
        {
            term *= 2.0 * x2 / (2 * n + 1);
            sum += term;
        }
        return TwoOverSqrtPi * Math.Exp(-x2) * sum;
    }

    /// <summary>erfc(x) exp(x^2) = (1/sqrt(pi)) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated backwards.</summary>
    private static double ScaledContinuedFraction(double x)
    {
        double tail = x;
        for (int k = 2000; k >= 1; k--)
            tail = x + 0.5 * k / tail;
        return 0.5 * TwoOverSqrtPi / tail;
    }

    private static double ScaledExact(double x) =>
        x < SeriesEnd ? (1.0 - ErfSeries(x)) * Math.Exp(x * x) : ScaledContinuedFraction(x);

    private static double[] BuildTable()
    {
        int intervals = (int)(TableEnd * NodesPerUnit) + 1;   // one beyond the end, so x = TableEnd is interior
        double h = 1.0 / NodesPerUnit;
        var value = new double[intervals + 1];
        var first = new double[intervals + 1];
        var second = new double[intervals + 1];
        for (int k = 0; k <= intervals; k++)
        {
            double x = k * h;
            value[k] = ScaledExact(x);
            first[k] = 2 * x * value[k] - TwoOverSqrtPi;      // g' = 2 x g - 2/sqrt(pi)
            second[k] = 2 * value[k] + 2 * x * first[k];      // g'' = 2 g + 2 x g'
        }
        var coefficients = new double[6 * intervals];
        for (int k = 0; k < intervals; k++)
        {
            double c0 = value[k], c1 = h * first[k], c2 = 0.5 * h * h * second[k];
            double a = value[k + 1] - c0 - c1 - c2;
            double b = h * first[k + 1] - c1 - 2 * c2;
            double c = h * h * second[k + 1] - 2 * c2;
            coefficients[6 * k] = c0;
            coefficients[6 * k + 1] = c1;
            coefficients[6 * k + 2] = c2;
            coefficients[6 * k + 3] = 10 * a - 4 * b + 0.5 * c;
            coefficients[6 * k + 4] = -15 * a + 7 * b - c;
            coefficients[6 * k + 5] = 6 * a - 3 * b + 0.5 * c;
        }
        return coefficients;
    }
}
