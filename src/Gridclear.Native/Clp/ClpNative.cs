using System.Runtime.InteropServices;

namespace Gridclear.Native.Clp;

/// <summary>
/// Source-generated bindings of the part of Clp's C interface (<c>coin/Clp_C_Interface.h</c>, Clp 1.17) that
/// <see cref="ClpModel"/> uses. <c>CoinBigIndex</c> is <c>int</c> in Debian's build, so column and row starts
/// are <c>int*</c>. Pointers returned by the getters belong to the model and are invalidated by the next
/// change or solve: callers copy them out at once.
/// </summary>
internal static unsafe partial class ClpNative
{
    private const string Library = "libClp.so.1";

    [LibraryImport(Library)]
    internal static partial byte* Clp_Version();

    [LibraryImport(Library)]
    internal static partial ClpHandle Clp_newModel();

    [LibraryImport(Library)]
    internal static partial void Clp_deleteModel(IntPtr model);

    [LibraryImport(Library)]
    internal static partial void Clp_loadProblem(
        ClpHandle model, int numberColumns, int numberRows, int* start, int* index, double* value,
        double* columnLower, double* columnUpper, double* objective, double* rowLower, double* rowUpper);

    [LibraryImport(Library)]
    internal static partial void Clp_loadQuadraticObjective(ClpHandle model, int numberColumns, int* start, int* column, double* element);

    [LibraryImport(Library)]
    internal static partial void Clp_addRows(
        ClpHandle model, int number, double* rowLower, double* rowUpper, int* rowStarts, int* columns, double* elements);

    [LibraryImport(Library)]
    internal static partial void Clp_addColumns(
        ClpHandle model, int number, double* columnLower, double* columnUpper, double* objective, int* columnStarts, int* rows, double* elements);

    /// <summary>Sets a column's basis status and its value when at a bound: 0 free, 1 basic, 2 at upper, 3 at lower,
    /// 4 superbasic, 5 fixed.</summary>
    [LibraryImport(Library)]
    internal static partial void Clp_setColumnStatus(ClpHandle model, int sequence, int value);

    [LibraryImport(Library)]
    internal static partial void Clp_copyinStatus(ClpHandle model, byte* statusArray);

    /// <summary>The model's status array (columns then rows, codes as in <see cref="Clp_setColumnStatus"/>; the
    /// low 3 bits are the status), owned by the model.</summary>
    [LibraryImport(Library)]
    internal static partial byte* Clp_statusArray(ClpHandle model);

    [LibraryImport(Library)]
    internal static partial void Clp_deleteColumns(ClpHandle model, int number, int* which);

    [LibraryImport(Library)]
    internal static partial void Clp_deleteRows(ClpHandle model, int number, int* which);

    [LibraryImport(Library)]
    internal static partial void Clp_chgRowLower(ClpHandle model, double* rowLower);

    [LibraryImport(Library)]
    internal static partial void Clp_chgRowUpper(ClpHandle model, double* rowUpper);

    [LibraryImport(Library)]
    internal static partial void Clp_chgColumnLower(ClpHandle model, double* columnLower);

    [LibraryImport(Library)]
    internal static partial void Clp_chgColumnUpper(ClpHandle model, double* columnUpper);

    [LibraryImport(Library)]
    internal static partial void Clp_chgObjCoefficients(ClpHandle model, double* objective);

    [LibraryImport(Library)]
    internal static partial int Clp_numberRows(ClpHandle model);

    [LibraryImport(Library)]
    internal static partial int Clp_numberColumns(ClpHandle model);

    [LibraryImport(Library)]
    internal static partial int Clp_numberIterations(ClpHandle model);

    [LibraryImport(Library)]
    internal static partial void Clp_setNumberIterations(ClpHandle model, int numberIterations);

    [LibraryImport(Library)]
    internal static partial void Clp_setMaximumIterations(ClpHandle model, int value);

    [LibraryImport(Library)]
    internal static partial void Clp_setMaximumSeconds(ClpHandle model, double value);

    [LibraryImport(Library)]
    internal static partial int Clp_hitMaximumIterations(ClpHandle model);

    /// <summary>0 optimal, 1 primal infeasible, 2 dual infeasible, 3 stopped on iterations or time, 4 errors.</summary>
    [LibraryImport(Library)]
    internal static partial int Clp_status(ClpHandle model);

    /// <summary>0 none, 1 primal infeasible because dual limit reached, 2-4 scaled optimal but unscaled
    /// infeasible, 5 giving up in primal with flagged variables, 6 failed due to empty problem check,
    /// 7 postSolve says not optimal, 8 failed due to bad element check, 9 status was 3 and stopped on time,
    /// 10 status was 3 but stopped as primal feasible (ClpModel.hpp).</summary>
    [LibraryImport(Library)]
    internal static partial int Clp_secondaryStatus(ClpHandle model);

    [LibraryImport(Library)]
    internal static partial int Clp_isAbandoned(ClpHandle model);

    [LibraryImport(Library)]
    internal static partial double* Clp_getRowActivity(ClpHandle model);

    [LibraryImport(Library)]
    internal static partial double* Clp_getColSolution(ClpHandle model);

    [LibraryImport(Library)]
    internal static partial double* Clp_getRowPrice(ClpHandle model);

    [LibraryImport(Library)]
    internal static partial double* Clp_getReducedCost(ClpHandle model);

    [LibraryImport(Library)]
    internal static partial double Clp_getObjValue(ClpHandle model);

    [LibraryImport(Library)]
    internal static partial void Clp_setLogLevel(ClpHandle model, int value);

    [LibraryImport(Library)]
    internal static partial int Clp_initialDualSolve(ClpHandle model);

    [LibraryImport(Library)]
    internal static partial int Clp_initialPrimalSolve(ClpHandle model);

    [LibraryImport(Library)]
    internal static partial int Clp_initialBarrierSolve(ClpHandle model);

    [LibraryImport(Library)]
    internal static partial int Clp_initialBarrierNoCrossSolve(ClpHandle model);

    [LibraryImport(Library)]
    internal static partial int Clp_dual(ClpHandle model, int ifValuesPass);

    /// <summary>Scaling mode: 0 off, 1 equilibrium, 2 geometric, 3 auto, 4 auto-but-as-initialSolve-in-bab.</summary>
    [LibraryImport(Library)]
    internal static partial void Clp_scaling(ClpHandle model, int mode);

    [LibraryImport(Library)]
    internal static partial int Clp_primal(ClpHandle model, int ifValuesPass);

    [LibraryImport(Library)]
    internal static partial int Clp_statusExists(ClpHandle model);
}
