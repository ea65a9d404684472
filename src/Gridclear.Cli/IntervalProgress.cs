using Spectre.Console;

namespace Gridclear.Cli;

/// <summary>
/// A progress bar for runs of many intervals, on a real terminal only (pipes, files and tests get none: their output
/// stays the plain result tables). The work reports each interval cleared through a synchronous
/// <see cref="IProgress{T}"/>, so the bar never lags behind or outlives it.
/// </summary>
internal static class IntervalProgress
{
    /// <summary>Below this many intervals a run is short: no bar.</summary>
    private const int MinIntervals = 12;

    public static T Run<T>(TextWriter writer, string title, Func<IProgress<int>?, Action<int>, T> work)
    {
        if (!ReferenceEquals(writer, Console.Out) || Console.IsOutputRedirected)
        {
            return work(null, _ => { });
        }

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                ProgressTask? task = null;
                var progress = new Reporter(k =>
                {
                    if (task is not null)
                    {
                        task.Value = k;
                    }
                });
                result = work(progress, count =>
                {
                    if (count >= MinIntervals)
                    {
                        task = ctx.AddTask(title, maxValue: count);
                    }
                });
            });
        return result;
    }

    private sealed class Reporter(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
