using System.Runtime.InteropServices;

namespace Gridclear.Native.Klu;

/// <summary>
/// <c>klu_common</c> from SuiteSparse 5.12 (KLU 1.3.9): 160 bytes on x86-64 Linux, checked against
/// <c>/usr/include/suitesparse/klu.h</c> with <c>sizeof</c>/<c>offsetof</c>. Only the fields this binding
/// reads or writes are named; <c>klu_defaults</c> fills the rest.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 160)]
internal struct KluCommon
{
    /// <summary>halt_if_singular: TRUE (the default) makes klu_factor return NULL on a zero pivot.</summary>
    [FieldOffset(72)]
    public int HaltIfSingular;

    /// <summary>status: KLU_OK (0), KLU_SINGULAR (1), or a negative error.</summary>
    [FieldOffset(76)]
    public int Status;

    [FieldOffset(88)]
    public int NumericalRank;

    [FieldOffset(92)]
    public int SingularColumn;
}

/// <summary>The few entry points of libklu that a factorise-once, solve-many user needs.</summary>
internal static unsafe partial class KluNative
{
    private const string Library = "libklu.so.1";

    public const int Ok = 0;
    public const int Singular = 1;

    [LibraryImport(Library, EntryPoint = "klu_defaults")]
    public static partial int Defaults(KluCommon* common);

    [LibraryImport(Library, EntryPoint = "klu_analyze")]
    public static partial nint Analyze(int n, int* ap, int* ai, KluCommon* common);

    [LibraryImport(Library, EntryPoint = "klu_factor")]
    public static partial nint Factor(int* ap, int* ai, double* ax, nint symbolic, KluCommon* common);

    [LibraryImport(Library, EntryPoint = "klu_solve")]
    public static partial int Solve(nint symbolic, nint numeric, int ldim, int nrhs, double* b, KluCommon* common);

    [LibraryImport(Library, EntryPoint = "klu_tsolve")]
    public static partial int TransposedSolve(nint symbolic, nint numeric, int ldim, int nrhs, double* b, KluCommon* common);

    /// <summary>Copies the factors out of a numeric object: any output may be NULL (not wanted).</summary>
    [LibraryImport(Library, EntryPoint = "klu_extract")]
    public static partial int Extract(
        nint numeric, nint symbolic, int* lp, int* li, double* lx, int* up, int* ui, double* ux, int* fp, int* fi, double* fx,
        int* p, int* q, double* rs, int* r, KluCommon* common);

    /// <summary>Frees <c>*symbolic</c> and sets it to NULL (KLU takes a pointer to the pointer).</summary>
    [LibraryImport(Library, EntryPoint = "klu_free_symbolic")]
    public static partial int FreeSymbolic(nint* symbolic, KluCommon* common);

    /// <summary>Frees <c>*numeric</c> and sets it to NULL.</summary>
    [LibraryImport(Library, EntryPoint = "klu_free_numeric")]
    public static partial int FreeNumeric(nint* numeric, KluCommon* common);
}
