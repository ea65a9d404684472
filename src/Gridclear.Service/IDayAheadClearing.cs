namespace Gridclear.Service;

/// <summary>
/// The day-ahead run the service calls: the CLI's own <c>clear</c> (the Cli project supplies it), so the service's
/// results are the CLI's for the same files. Writes the run's output files into the output folder; bad input
/// is an <see cref="InvalidInputException"/> naming the file and line.
/// </summary>
public interface IDayAheadClearing
{
    void Clear(string casePath, string marketDirectory, string outDirectory);
}
