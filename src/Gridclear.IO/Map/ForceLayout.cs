namespace Gridclear.IO.Map;

/// <summary>
/// A deterministic force-directed layout (Fruchterman and Reingold, 1991): connected buses pull together, all buses push
/// apart, with a cooling step. Fixed seed, fixed iteration count, plain double arithmetic in a fixed order: the same
/// network always gets the same picture.
/// </summary>
public static class ForceLayout
{
    public static (double[] X, double[] Y) Place(int n, IReadOnlyList<(int A, int B)> edges)
    {
        var xs = new double[n];
        var ys = new double[n];
        var seed = 0x2545F4914F6CDD1DUL;
        double Next()
        {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            return (seed >> 11) * (1.0 / (1UL << 53));
        }

        for (var i = 0; i < n; i++)
        {
            xs[i] = Next();
            ys[i] = Next();
        }

        if (n < 2)
        {
            return (xs, ys);
        }

        // The work is n² per iteration: fewer iterations on big networks keep a 10,000-bus case under a few seconds.
        var iterations = (int)Math.Clamp(4e8 / ((double)n * n), 15, 400);
        var k = Math.Sqrt(1.0 / n);
        var dx = new double[n];
        var dy = new double[n];
        var temperature = 0.1;
        for (var it = 0; it < iterations; it++)
        {
            Array.Clear(dx);
            Array.Clear(dy);
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    var ex = xs[i] - xs[j];
                    var ey = ys[i] - ys[j];
                    var d2 = Math.Max((ex * ex) + (ey * ey), 1e-12);
                    var f = k * k / d2;
                    dx[i] += ex * f;
                    dy[i] += ey * f;
                    dx[j] -= ex * f;
                    dy[j] -= ey * f;
                }
            }

            foreach (var (a, b) in edges)
            {
                var ex = xs[a] - xs[b];
                var ey = ys[a] - ys[b];
                var d = Math.Sqrt((ex * ex) + (ey * ey));
                var f = d / k;
                dx[a] -= ex * f;
                dy[a] -= ey * f;
                dx[b] += ex * f;
                dy[b] += ey * f;
            }

            for (var i = 0; i < n; i++)
            {
                var d = Math.Sqrt((dx[i] * dx[i]) + (dy[i] * dy[i]));
                if (d > 0)
                {
                    var step = Math.Min(d, temperature) / d;
                    xs[i] += dx[i] * step;
                    ys[i] += dy[i] * step;
                }
            }

            temperature *= 0.985;
        }

        return (xs, ys);
    }
}
