using System.Runtime.InteropServices;

namespace Gridclear.Native.Clp;

/// <summary>Owns one native <c>Clp_Simplex</c>; the runtime guarantees a single <c>Clp_deleteModel</c>,
/// even when a <see cref="ClpModel"/> is never disposed.</summary>
internal sealed class ClpHandle : SafeHandle
{
    public ClpHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        ClpNative.Clp_deleteModel(handle);
        return true;
    }
}
