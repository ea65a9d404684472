using System.Runtime.ExceptionServices;

namespace Gridclear.IO.Output;

/// <summary>
/// Writes a run's result files on both cores: each action writes files of its own, so the order they finish in does
/// not change a byte. A failure is rethrown as itself (the first action's in the order given), not wrapped, so the
/// command reports it as it would a sequential write.
/// </summary>
public static class FileWrites
{
    public static void Run(params Action[] writes)
    {
        var errors = new Exception?[writes.Length];
        Parallel.For(0, writes.Length, i =>
        {
            try
            {
                writes[i]();
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        });
        if (Array.Find(errors, e => e is not null) is { } error)
        {
            ExceptionDispatchInfo.Capture(error).Throw();
        }
    }
}
