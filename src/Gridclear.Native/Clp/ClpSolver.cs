using System.Runtime.InteropServices;
using Gridclear.Solvers;

namespace Gridclear.Native.Clp;

/// <summary>COIN-OR Clp through its C interface (Debian's libClp.so.1).</summary>
public sealed class ClpSolver : ILpSolver
{
    private static readonly Lazy<string> VersionName = new(ReadName);

    /// <summary>"clp" and the library's own version, e.g. "clp 1.17.6".</summary>
    public string Name => VersionName.Value;

    public ILpModel Load(LpProblem problem, LpOptions options) => new ClpModel(problem, options);

    private static unsafe string ReadName()
    {
        var version = Marshal.PtrToStringUTF8((IntPtr)ClpNative.Clp_Version());
        return string.IsNullOrWhiteSpace(version) ? "clp" : "clp " + version.Trim();
    }
}
