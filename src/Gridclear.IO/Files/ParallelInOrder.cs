using System.Runtime.ExceptionServices;

namespace Gridclear.IO.Files;

/// <summary>
/// Work items run on every core whose failures read as a sequential loop's would: the exception of the lowest item is
/// rethrown as itself (not wrapped in an <see cref="AggregateException"/>), whatever order the threads finish in, so an
/// error message and exit code are the same every run. Each item must write only what is its own.
/// </summary>
public static class ParallelInOrder
{
    /// <summary>Runs <paramref name="body"/> for every i in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static void For(int from, int to, Action<int> body)
    {
        if (to <= from)
        {
            return;
        }

        var errors = new Exception?[to - from];
        Parallel.For(from, to, i =>
        {
            try
            {
                body(i);
            }
            catch (Exception e)
            {
                errors[i - from] = e;
            }
        });
        if (Array.Find(errors, e => e is not null) is { } error)
        {
            ExceptionDispatchInfo.Capture(error).Throw();
        }
    }

    /// <summary>Runs every action (e.g. each writing files of its own); the first failing one in the order given is reported.</summary>
    public static void Invoke(params Action[] actions) => For(0, actions.Length, i => actions[i]());
}
